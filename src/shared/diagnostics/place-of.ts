import type { TextRange } from '@/core/diagnostics';

/** Where a finding is, in words: "Line 3, column 7", or the whole policy when it has no place. */
export function placeOf(range: TextRange | undefined): string {
  return range ? `Line ${range.start.line}, column ${range.start.column}` : 'Whole policy';
}
