/**
 * The engine's findings about one field, for the message next to it. Fields validate the whole
 * configuration as it would be with the typed value, and keep the findings under their own path.
 */
import type { Diagnostic } from '@/core/diagnostics';

/** Findings whose path is `path` or inside it (`path.x`, `path[2]`). */
export function diagnosticsAt(diagnostics: readonly Diagnostic[], path: string): Diagnostic[] {
  return diagnostics.filter(
    (d) =>
      d.path !== undefined &&
      (d.path === path || d.path.startsWith(`${path}.`) || d.path.startsWith(`${path}[`)),
  );
}

/** The index of a list item a finding is about (`path[2]` gives 2), if it is about one. */
export function itemIndex(diagnostic: Diagnostic, path: string): number | undefined {
  if (!diagnostic.path?.startsWith(`${path}[`)) return undefined;
  const match = /^\[(\d+)\]/.exec(diagnostic.path.slice(path.length));
  return match ? Number(match[1]) : undefined;
}

/**
 * The finding in words for the field: the configuration path at its start (e.g.
 * `organizationIds[1] ("o-x"):`) is replaced by what the user sees (e.g. `Item 2 ("o-x"):`).
 */
export function fieldMessage(
  diagnostic: Diagnostic,
  path: string,
  itemName: (index: number) => string,
  fieldName = 'The value',
): string {
  let message = diagnostic.message;
  if (diagnostic.path && message.startsWith(diagnostic.path)) {
    const index = itemIndex(diagnostic, path);
    const label = index !== undefined ? itemName(index) : fieldName;
    message = `${label}${message.slice(diagnostic.path.length)}`;
  }
  return diagnostic.hint ? `${message} ${diagnostic.hint}` : message;
}

/** Splits what a user typed into list items: one per line or separated by commas or spaces. */
export function splitListText(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/**
 * Where the item `index` of `splitListText(text)` was typed: "Line 3", or "Line 1, item 2" when
 * that line holds several items (a space inside an action splits it in two).
 */
export function listItemPlace(text: string, index: number): string {
  let before = 0;
  for (const [line, content] of text.split('\n').entries()) {
    const items = content.split(/[\s,]+/).filter((item) => item.length > 0);
    if (index < before + items.length)
      return items.length > 1 ? `Line ${line + 1}, item ${index - before + 1}` : `Line ${line + 1}`;
    before += items.length;
  }
  return `Item ${index + 1}`;
}
