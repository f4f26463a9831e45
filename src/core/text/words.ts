import { shortenForDisplay } from '../budgets';

/** Longest value quoted in an explanation: a policy value can be a megabyte long. */
export const MAX_QUOTED_VALUE_CHARACTERS = 200;

/** Lists values in a sentence: "a", "a or b", "a, b or 4 more"; long values are cut. */
export function listInWords(values: readonly string[], conjunction = 'or', max = 3): string {
  const shown = values
    .slice(0, max)
    .map((value) => shortenForDisplay(value, MAX_QUOTED_VALUE_CHARACTERS));
  const rest = values.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} ${conjunction} ${rest} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${conjunction} ${shown[shown.length - 1]}`;
}
