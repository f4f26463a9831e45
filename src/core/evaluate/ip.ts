/**
 * IPv4 and IPv6 addresses and CIDR ranges for the IpAddress and NotIpAddress operators, which
 * take a range in CIDR notation (RFC 4632) or a single address (IAM condition operators).
 */

export interface IpRange {
  version: 4 | 6;
  /** The address as a big integer (32 or 128 bits). */
  network: bigint;
  prefix: number;
}

export interface IpAddressValue {
  version: 4 | 6;
  value: bigint;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): string[] | undefined => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const words: number[] = [];
  const pushGroups = (groups: string[], allowV4Tail: boolean): boolean => {
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i]!;
      if (allowV4Tail && i === groups.length - 1 && group.includes('.')) {
        const v4 = parseIpv4(group);
        if (v4 === undefined) return false;
        words.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return false;
      words.push(parseInt(group, 16));
    }
    return true;
  };
  if (!pushGroups(head, tail.length === 0 && halves.length === 1)) return undefined;
  const headWords = words.length;
  if (!pushGroups(tail, true)) return undefined;
  const tailWords = words.length - headWords;
  if (halves.length === 2) {
    const missing = 8 - headWords - tailWords;
    if (missing < 1) return undefined;
    words.splice(headWords, 0, ...new Array<number>(missing).fill(0));
  }
  if (words.length !== 8) return undefined;
  return words.reduce((acc, word) => (acc << 16n) | BigInt(word), 0n);
}

export function parseIpAddress(text: string): IpAddressValue | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { version: 4, value: v4 };
  const v6 = text.includes(':') ? parseIpv6(text) : undefined;
  return v6 !== undefined ? { version: 6, value: v6 } : undefined;
}

/** A CIDR range, or a single address as a range of one. */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const address = parseIpAddress(slash === -1 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const bits = address.version === 4 ? 32 : 128;
  let prefix = bits;
  if (slash !== -1) {
    const prefixText = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(prefixText)) return undefined;
    prefix = Number(prefixText);
    if (prefix > bits) return undefined;
  }
  return { version: address.version, network: address.value, prefix };
}

export function ipInRange(address: IpAddressValue, range: IpRange): boolean {
  if (address.version !== range.version) return false;
  const bits = BigInt(range.version === 4 ? 32 : 128);
  const shift = bits - BigInt(range.prefix);
  return address.value >> shift === range.network >> shift;
}
