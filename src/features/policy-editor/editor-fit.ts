/**
 * Whether a text goes into the code editor or stays in the plain text area. Monaco is made for
 * source files: a text of a few hundred thousand characters, a line of a hundred thousand, or
 * brackets nested ten thousand deep hold up its main thread for seconds (or overflow its stack),
 * so such texts, which are no endpoint policy anyway, are shown as plain text. Pure.
 */
import { POLICY_SIZE_LIMIT } from '@/core/catalog/ids';
import { firstTooDeep, MAX_POLICY_DEPTH } from '@/core/policy/policy-json';
import { formatCount } from '@/shared/format/format-count';

/** Ten times the quota: the validator still recognizes texts up to this size. */
export const MAX_CODE_EDITOR_CHARACTERS = 10 * POLICY_SIZE_LIMIT;
/** Monaco stops colouring lines beyond this length; longer lines only cost. */
export const MAX_CODE_EDITOR_LINE = 20_000;

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (let end = text.indexOf('\n'); ; end = text.indexOf('\n', start)) {
    const stop = end === -1 ? text.length : end;
    if (stop - start > longest) longest = stop - start;
    if (end === -1) return longest;
    start = end + 1;
  }
}

/** Why the text stays out of the code editor, or undefined when it can go in. */
export function plainTextReason(text: string): string | undefined {
  if (text.length > MAX_CODE_EDITOR_CHARACTERS)
    return `it has ${formatCount(text.length)} characters, more than ten times the ${formatCount(POLICY_SIZE_LIMIT)} of an endpoint policy`;
  const line = longestLine(text);
  if (line > MAX_CODE_EDITOR_LINE) return `a line has ${formatCount(line)} characters`;
  if (firstTooDeep(text, MAX_POLICY_DEPTH) !== -1)
    return `it nests more than ${MAX_POLICY_DEPTH} levels deep`;
  return undefined;
}
