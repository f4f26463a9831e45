/**
 * What JSON makes of a number as written. `JSON.parse` reads every number as a 64-bit float: a
 * number beyond about 1.8e308 becomes Infinity, one too close to zero becomes 0, and digits past
 * the seventeenth are rounded away. A policy's messages show the number as written; this says
 * whether the reading kept it.
 */

export type JsonNumberReading =
  | { kind: 'exact'; value: number }
  /** Beyond the largest float: read as Infinity or -Infinity. */
  | { kind: 'too-large'; value: number }
  /** Not zero, but read as a different number (rounded, or 0 for one too close to zero). */
  | { kind: 'rounded'; value: number };

/** A decimal as significant digits and a power of ten: `1.50e3` is 15 × 10^2. */
interface Decimal {
  negative: boolean;
  /** Without leading or trailing zeros; empty for zero. */
  digits: string;
  exponent: number;
}

const NUMBER_SHAPE = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

function decimalOf(text: string): Decimal | undefined {
  const match = NUMBER_SHAPE.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = '', power = '0'] = match;
  const all = whole! + fraction;
  const start = all.search(/[1-9]/);
  if (start === -1) return { negative: false, digits: '', exponent: 0 };
  let end = all.length;
  while (all.charCodeAt(end - 1) === 48) end--;
  return {
    negative: sign === '-',
    digits: all.slice(start, end),
    exponent: Number(power) - fraction.length + (all.length - end),
  };
}

/** How JSON reads a number written as `text` (a JSON number, as the parser found it). */
export function readJsonNumber(text: string): JsonNumberReading {
  const value = Number(text);
  if (!Number.isFinite(value)) return { kind: 'too-large', value };
  const written = decimalOf(text);
  const read = decimalOf(String(value));
  if (!written || !read) return { kind: 'exact', value };
  const same =
    written.digits === read.digits &&
    (written.digits === '' ||
      (written.negative === read.negative && written.exponent === read.exponent));
  return { kind: same ? 'exact' : 'rounded', value };
}
