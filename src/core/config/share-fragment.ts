/**
 * Reading the configuration a share link carries, without validating it: the browser shows the
 * link's choices on its first screen while the validator (which needs the schema library and the
 * whole catalog) loads, then validates with `validateConfigValue` before anything is generated.
 * The format is the one `encodeConfigForUrl` writes.
 */
import { inflateSync, strFromU8 } from 'fflate';
import type { Diagnostic } from '../diagnostics';

/** Prefix of the encoded form; equal to `SHARE_PREFIX` of `share.ts` (a test keeps them equal). */
export const SHARE_FRAGMENT_PREFIX = 'c1.';
/** Equal to `MAX_SHARE_LENGTH` of `share.ts`. */
export const MAX_SHARE_FRAGMENT_LENGTH = 200_000;

export interface ShareFragmentReading {
  /** The decoded JSON value, not yet validated. */
  value?: unknown;
  diagnostics: Diagnostic[];
}

/** Whether a URL fragment carries a configuration at all (other fragments are left alone). */
export function carriesConfiguration(fragment: string): boolean {
  return (fragment.startsWith('#') ? fragment.slice(1) : fragment).startsWith(SHARE_FRAGMENT_PREFIX);
}

function failure(message: string): ShareFragmentReading {
  return { diagnostics: [{ severity: 'error', code: 'share/invalid-link', message }] };
}

/** Decodes a URL fragment; a damaged link gives a diagnostic, never an exception. */
export function readShareFragment(fragment: string): ShareFragmentReading {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!body.startsWith(SHARE_FRAGMENT_PREFIX)) return failure('The link does not carry a configuration.');
  if (body.length > MAX_SHARE_FRAGMENT_LENGTH) {
    return failure(`The link is ${body.length.toLocaleString('en-US')} characters long; a configuration link is never that long.`);
  }
  let json: string;
  try {
    const base64 = body.slice(SHARE_FRAGMENT_PREFIX.length).replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    json = strFromU8(inflateSync(bytes, { out: new Uint8Array(4_000_000) }));
  } catch {
    return failure('The link is damaged: its configuration cannot be decompressed. Was it cut short when it was copied?');
  }
  try {
    return { value: JSON.parse(json) as unknown, diagnostics: [] };
  } catch {
    return failure('The link is damaged: its configuration is not valid JSON.');
  }
}
