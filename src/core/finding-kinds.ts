/**
 * How a finding is presented to the user. A value the user still has to give (the organization id,
 * a third-party list, an account the catalog does not know, a `<placeholder>` left in a text) is
 * "to fill": a step of the work, not a mistake. Errors are kept for values that are wrong. The
 * classification reads the stable codes of the generator and the validator, so both faces of the
 * engine (and the browser's builder and editor) count the same findings the same way.
 */
import type { Diagnostic, TextPosition } from './diagnostics';
import { PLACEHOLDER_PATTERN } from './policy/identifiers';

export type FindingKind = 'to-fill' | 'error' | 'warning' | 'note';

/** Codes of findings that say a value has not been given yet, so the policy carries a placeholder. */
const TO_FILL_CODES: ReadonlySet<string> = new Set([
  'generate/missing-parameter',
  'generate/missing-account',
  'generate/missing-region',
  'placeholder/unfilled',
]);

export function findingKind(diagnostic: Diagnostic): FindingKind {
  if (diagnostic.severity === 'error')
    return TO_FILL_CODES.has(diagnostic.code) ? 'to-fill' : 'error';
  return diagnostic.severity === 'warning' ? 'warning' : 'note';
}

export interface FindingCounts {
  /** Distinct values still to give: placeholders by name, or findings that name none. */
  toFill: number;
  errors: number;
  warnings: number;
  notes: number;
}

/** The `<placeholders>` a finding names in its message, in order, without repeats. */
export function placeholdersNamed(diagnostic: Diagnostic): string[] {
  return [...new Set(diagnostic.message.match(PLACEHOLDER_PATTERN) ?? [])];
}

/**
 * Counts findings by kind. Values to fill are counted by placeholder, so that the generator (one
 * finding per missing parameter) and the validator (one finding per place a placeholder appears)
 * give the same count for the same policy.
 */
export function countFindings(diagnostics: readonly Diagnostic[]): FindingCounts {
  const counts: FindingCounts = { toFill: 0, errors: 0, warnings: 0, notes: 0 };
  const placeholders = new Set<string>();
  for (const diagnostic of diagnostics) {
    const kind = findingKind(diagnostic);
    if (kind === 'to-fill') {
      const named = placeholdersNamed(diagnostic);
      if (named.length === 0) counts.toFill++;
      for (const placeholder of named) placeholders.add(placeholder);
    } else if (kind === 'error') counts.errors++;
    else if (kind === 'warning') counts.warnings++;
    else counts.notes++;
  }
  counts.toFill += placeholders.size;
  return counts;
}

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/**
 * The counts in words, most pressing first: "2 errors, 3 to fill, 1 warning"; notes only when
 * asked. `fields`, when given and different, says in how many page fields the values to fill are
 * ("5 to fill in 7 fields": one placeholder such as <action> can stand in two statements' fields).
 */
export function describeCounts(
  counts: FindingCounts,
  { notes = false, fields }: { notes?: boolean; fields?: number } = {},
): string {
  const inFields =
    fields !== undefined && fields !== counts.toFill ? ` in ${plural(fields, 'field')}` : '';
  const parts = [
    counts.errors > 0 ? plural(counts.errors, 'error') : '',
    counts.toFill > 0 ? `${counts.toFill} to fill${inFields}` : '',
    counts.warnings > 0 ? plural(counts.warnings, 'warning') : '',
    notes && counts.notes > 0 ? plural(counts.notes, 'note') : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'No problems';
}

/** A replacement in a text that a finding makes certain. Offsets are character offsets, end exclusive. */
export interface TextFix {
  start: number;
  end: number;
  replacement: string;
  /** What the fix does, for its button. */
  title: string;
}

/** The validator's hint for a misspelled action or prefix: `Did you mean "s3:GetObject"?`. */
const SUGGESTION = /^Did you mean "([A-Za-z0-9-]{1,64}:[A-Za-z0-9*?]{1,128})"\?$/;

/** The offset of a 1-based line and column in `text`; undefined when the text has no such place. */
export function positionToOffset(text: string, position: TextPosition): number | undefined {
  let offset = 0;
  for (let line = 1; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return undefined;
    offset = next + 1;
  }
  const result = offset + position.column - 1;
  return result <= text.length ? result : undefined;
}

/** The action the validator suggests for a misspelled one, if it suggests one. */
export function suggestedAction(diagnostic: Diagnostic): string | undefined {
  if (diagnostic.code !== 'action/unknown' && diagnostic.code !== 'action/unknown-service')
    return undefined;
  return diagnostic.hint ? SUGGESTION.exec(diagnostic.hint)?.[1] : undefined;
}

/**
 * The fix of a misspelled action when the validator suggests the action it must be (codes
 * `action/unknown` and `action/unknown-service`), checked against the text the finding was made
 * on: the place must still hold a quoted string, which is replaced as a whole.
 */
export function suggestedActionFix(diagnostic: Diagnostic, text: string): TextFix | undefined {
  const suggestion = suggestedAction(diagnostic);
  if (!suggestion || !diagnostic.range) return undefined;
  const start = positionToOffset(text, diagnostic.range.start);
  const end = positionToOffset(text, diagnostic.range.end);
  if (start === undefined || end === undefined || end - start < 2) return undefined;
  const written = text.slice(start, end);
  if (!written.startsWith('"') || !written.endsWith('"')) return undefined;
  return { start, end, replacement: JSON.stringify(suggestion), title: `Use ${suggestion}` };
}
