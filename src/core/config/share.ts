/**
 * Configurations in URLs: the share link carries the whole configuration, compressed, in the
 * fragment (never sent to a server). Decoding validates like any other input.
 */
import { deflateSync, strToU8 } from 'fflate';
import type { Catalog } from '../catalog/catalog';
import { validateConfigValue, type ConfigParseResult } from './parse';
import type { PerimeterConfig } from './schema';
import { readShareFragment, SHARE_FRAGMENT_PREFIX } from './share-fragment';

/** Bytes as base64url without padding, the alphabet of the share link's fragment. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const base64 = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_');
  // Base64 ends with at most two `=` of padding, which base64url leaves out.
  return base64.endsWith('==')
    ? base64.slice(0, -2)
    : base64.endsWith('=')
      ? base64.slice(0, -1)
      : base64;
}

/** The URL fragment (without `#`) that carries the configuration: raw DEFLATE, base64url. */
export function encodeConfigForUrl(config: PerimeterConfig): string {
  return (
    SHARE_FRAGMENT_PREFIX + toBase64Url(deflateSync(strToU8(JSON.stringify(config)), { level: 9 }))
  );
}

/** Reads and validates a configuration from a URL fragment; a damaged link gives a diagnostic, never an exception. */
export async function decodeConfigFromUrl(
  fragment: string,
  catalog?: Catalog,
): Promise<ConfigParseResult> {
  const reading = await readShareFragment(fragment);
  if (reading.value === undefined) return { diagnostics: reading.diagnostics };
  return validateConfigValue(reading.value, catalog);
}
