/**
 * What a hover in the user's own policy says: which of the perimeter's statements the statement
 * under the mouse is (and how it was recognized), what it allows and why, and for a resource or
 * account which data access pattern it belongs to, or why the builder cannot map it. Built from
 * the validator's recognition and the catalog's explanations. Pure.
 */
import { findNodeAtOffset } from 'jsonc-parser';
import type { Catalog } from '@/core/catalog/catalog';
import type { PolicyRecognition, RecognizedStatement } from '@/core/validate/validate';
import { REACHED_BY_TEXT } from '@/shared/catalog/reached-by';
import { code, plain, sourceLine } from './policy-hover';
import { treeOf } from '@/shared/policy-text/policy-locations';

export interface RecognitionHover {
  /** Character offsets of the text the hover is about, end exclusive. */
  start: number;
  end: number;
  /** Markdown paragraphs. */
  contents: string[];
}

/** Where a recognized statement is in the current text (it moves as the user types). */
export interface StatementPlace {
  /** Position of the statement in the recognition's list. */
  index: number;
  start: number;
  end: number;
}

const BASIS_TEXT = {
  'sid-and-shape': 'Recognized by its Sid and its shape.',
  shape: 'Recognized by its shape; its Sid is not the catalog one.',
  sid: 'Named after this catalog statement, but shaped differently',
} as const;

export function describeStatement(
  statement: RecognizedStatement,
  recognition: PolicyRecognition,
  catalog: Catalog,
): string[] {
  const name = statement.sid ? code(statement.sid) : `statement ${statement.index + 1} (no Sid)`;
  if (!statement.statement) {
    const unmapped = recognition.adoption.unmapped.filter(
      (u) => u.statementIndex === statement.index,
    );
    return [
      `${name}: not one of the perimeter's seven statements, so the builder cannot generate it.`,
      ...unmapped.slice(0, 3).map((u) => `Not mapped: ${plain(u.reason)}`),
    ];
  }
  const entry = catalog.statement(statement.statement);
  const basis = statement.basis ?? 'sid-and-shape';
  const out = [`**${plain(entry.title)}** (${name})`];
  out.push(
    basis === 'sid'
      ? `${BASIS_TEXT.sid}: ${plain(statement.differences.join('; '))}.`
      : BASIS_TEXT[basis],
  );
  out.push(plain(entry.allows), `Why: ${plain(entry.why)}`);
  if (statement.dataAccessPatterns.length > 0) {
    const titles = statement.dataAccessPatterns.map((id) => catalog.pattern(id)?.title ?? id);
    out.push(`Data access patterns: ${titles.map(plain).join(', ')}.`);
  }
  const sources = sourceLine(entry.sources);
  if (sources) out.push(sources);
  return out;
}

/** What a string of a statement is to the perimeter, when the recognition knows. */
export function describeValue(
  value: string,
  statement: RecognizedStatement,
  recognition: PolicyRecognition,
  catalog: Catalog,
): string[] | undefined {
  const patterns = recognition.dataAccessPatterns.filter(
    (p) => p.statementIndexes.includes(statement.index) && p.presentValues.includes(value),
  );
  const unmapped = recognition.adoption.unmapped.find(
    (u) => u.statementIndex === statement.index && u.value === value,
  );
  if (patterns.length === 0 && !unmapped) return undefined;
  const out = [`${code(value)}`];
  for (const recognized of patterns) {
    const pattern = catalog.pattern(recognized.id);
    if (!pattern) continue;
    out.push(
      `From the data access pattern **${plain(pattern.title)}**: ${plain(pattern.summary)} Reached by: ${plain(REACHED_BY_TEXT[pattern.reachedBy].toLowerCase())}.`,
    );
    if (!recognized.complete)
      out.push(
        `The policy has only part of this pattern: ${recognized.missingValues.length} value(s) and ${recognized.missingActions.length} action(s) are missing.`,
      );
    const sources = sourceLine(pattern.sources, 2);
    if (sources) out.push(sources);
  }
  if (unmapped) out.push(`Not mapped: ${plain(unmapped.reason)}`);
  return out;
}

/**
 * The hover at `offset`: about the string value under it when the recognition knows that value,
 * else about the statement around it; nothing outside recognized statements.
 */
export function recognitionHover(
  text: string,
  offset: number,
  places: readonly StatementPlace[],
  recognition: PolicyRecognition,
  catalog: Catalog,
): RecognitionHover | undefined {
  // The innermost statement around the offset (places do not overlap, but an edit can make them touch).
  const place = places
    .filter((p) => p.start <= offset && offset < p.end)
    .sort((a, b) => a.end - a.start - (b.end - b.start))[0];
  const statement = place ? recognition.statements[place.index] : undefined;
  if (!place || !statement) return undefined;
  const tree = treeOf(text);
  const node = tree ? findNodeAtOffset(tree, offset, true) : undefined;
  if (node?.type === 'string' && typeof node.value === 'string') {
    const isKey = node.parent?.type === 'property' && node.parent.children?.[0] === node;
    const value = isKey ? undefined : describeValue(node.value, statement, recognition, catalog);
    if (value) return { start: node.offset, end: node.offset + node.length, contents: value };
  }
  return {
    start: place.start,
    end: place.end,
    contents: describeStatement(statement, recognition, catalog),
  };
}
