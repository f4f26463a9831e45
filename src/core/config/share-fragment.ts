/**
 * Reading the configuration a share link carries, without validating it: the browser shows the
 * link's choices on its first screen while the validator (which needs the schema library and the
 * whole catalog) loads, then validates with `validateConfigValue` before anything is generated.
 * The format is the one `encodeConfigForUrl` writes (raw DEFLATE, base64url); it is inflated with
 * the platform's DecompressionStream (browsers and Node), so the first screen carries no
 * decompression library.
 */
import type { Diagnostic } from '../diagnostics';
import { formatCount } from '../text/format-count';
import { BUDGETS, overBudgetMessage } from '../budgets';

/** Prefix of the encoded form written by `encodeConfigForUrl`, so that other fragments are not mistaken for a configuration. */
export const SHARE_FRAGMENT_PREFIX = 'c1.';
/** Links longer than this are refused: browsers and chat tools cut long URLs anyway. */
export const MAX_SHARE_FRAGMENT_LENGTH = BUDGETS.shareLinkCharacters.limit;

export interface ShareFragmentReading {
  /** The decoded JSON value, not yet validated. */
  value?: unknown;
  diagnostics: Diagnostic[];
}

/** Whether a URL fragment carries a configuration at all (other fragments are left alone). */
export function carriesConfiguration(fragment: string): boolean {
  return (fragment.startsWith('#') ? fragment.slice(1) : fragment).startsWith(
    SHARE_FRAGMENT_PREFIX,
  );
}

function failure(message: string): ShareFragmentReading {
  return { diagnostics: [{ severity: 'error', code: 'share/invalid-link', message }] };
}

/** Inflated configurations larger than this are refused. */
const MAX_INFLATED_BYTES = BUDGETS.shareLinkInflatedBytes.limit;

class TooLarge extends Error {}

/**
 * Inflates raw DEFLATE with the platform's DecompressionStream, reading from a stream made over
 * the bytes themselves: a Blob's stream goes through the browser's blob store, which took about
 * 15 ms on the way to a share link's first screen against about 2 ms this way. Reading stops as
 * soon as the output passes the budget.
 */
async function inflateRaw(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const source = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const reader = source.pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_INFLATED_BYTES) {
      await reader.cancel();
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const joined = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  return new TextDecoder().decode(joined);
}

/** Decodes a URL fragment; a damaged link gives a diagnostic, never an exception. */
export async function readShareFragment(fragment: string): Promise<ShareFragmentReading> {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (!body.startsWith(SHARE_FRAGMENT_PREFIX))
    return failure('The link does not carry a configuration.');
  if (body.length > MAX_SHARE_FRAGMENT_LENGTH) {
    return failure(
      `The link is ${formatCount(body.length)} characters long; a configuration link is never that long.`,
    );
  }
  let json: string;
  try {
    const base64 = body.slice(SHARE_FRAGMENT_PREFIX.length).replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    json = await inflateRaw(bytes);
  } catch (error) {
    if (error instanceof TooLarge) {
      return failure(
        `The link's configuration inflates to more than ${formatCount(MAX_INFLATED_BYTES)} bytes; a configuration this tool writes is never that large.`,
      );
    }
    return failure(
      'The link is damaged: its configuration cannot be decompressed. Was it cut short when it was copied?',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(json) as unknown;
  } catch {
    return failure('The link is damaged: its configuration is not valid JSON.');
  }
  const oversized = overLinkBudget(value);
  return oversized
    ? failure(`The link's configuration is not one this tool writes: ${oversized}`)
    : { value, diagnostics: [] };
}

/**
 * The first screen shows a link's choices before the schema checks them, so the decoded value is
 * bounded here first: the number of values and the length of every list (a configuration never
 * has more than 1,000 services or 500 saved requests). Walked with a stack, not recursion.
 */
function overLinkBudget(root: unknown): string | undefined {
  const stack: unknown[] = [root];
  let values = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (++values > BUDGETS.shareLinkValues.limit)
      return overBudgetMessage('shareLinkValues', values);
    if (typeof value !== 'object' || value === null) continue;
    const items = Array.isArray(value) ? (value as unknown[]) : Object.values(value);
    if (Array.isArray(value) && items.length > BUDGETS.shareLinkListItems.limit)
      return overBudgetMessage('shareLinkListItems', items.length);
    for (const item of items) stack.push(item);
  }
  return undefined;
}
