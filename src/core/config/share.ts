/**
 * Configurations in URLs: the share link carries the whole configuration, compressed, in the
 * fragment (never sent to a server). Decoding validates like any other input.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import type { Catalog } from '../catalog/catalog';
import type { Diagnostic } from '../diagnostics';
import { validateConfigValue, type ConfigParseResult } from './parse';
import type { PerimeterConfig } from './schema';

/** Prefix of the encoded form, so that other fragments are not mistaken for a configuration. */
export const SHARE_PREFIX = 'c1.';
/** Links longer than this are refused on decoding: browsers and chat tools cut long URLs anyway. */
export const MAX_SHARE_LENGTH = 200_000;

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The URL fragment (without `#`) that carries the configuration. */
export function encodeConfigForUrl(config: PerimeterConfig): string {
  return SHARE_PREFIX + toBase64Url(deflateSync(strToU8(JSON.stringify(config)), { level: 9 }));
}

function failure(message: string): ConfigParseResult {
  const diagnostic: Diagnostic = { severity: 'error', code: 'share/invalid-link', message };
  return { diagnostics: [diagnostic] };
}

/** Reads a configuration from a URL fragment; a damaged link gives a diagnostic, never an exception. */
export function decodeConfigFromUrl(fragment: string, catalog?: Catalog): ConfigParseResult {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!body.startsWith(SHARE_PREFIX)) return failure('The link does not carry a configuration.');
  if (body.length > MAX_SHARE_LENGTH) return failure(`The link is ${body.length.toLocaleString('en-US')} characters long; a configuration link is never that long.`);
  let json: string;
  try {
    const inflated = inflateSync(fromBase64Url(body.slice(SHARE_PREFIX.length)), { out: new Uint8Array(4_000_000) });
    json = strFromU8(inflated);
  } catch {
    return failure('The link is damaged: its configuration cannot be decompressed. Was it cut short when it was copied?');
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return failure('The link is damaged: its configuration is not valid JSON.');
  }
  return validateConfigValue(value, catalog);
}
