/**
 * Validating a perimeter configuration value (the browser's saved state, a share link, or a text
 * read by `parse-text.ts`). Every problem becomes a diagnostic with the path of the field, what
 * was expected and, for text, its line and column. Nothing throws. Reading text lives apart so
 * that the browser's validator does not carry the YAML reader.
 */
import type { z } from 'zod';
import { catalog as bundledCatalog, type Catalog } from '../catalog/catalog';
import { STATEMENT_SIDS } from '../catalog/ids';
import type { Diagnostic, DiagnosticCode, TextRange } from '../diagnostics';
import { checkConfigAgainstCatalog } from './check';
import { countOf, formatCount } from '../text/format-count';
import { formatJsonPath, type JsonPath } from '../text/json-path';
import {
  perimeterConfigSchema,
  type PerimeterConfig,
  type PerimeterConfigDocument,
} from './schema';

/** Finds the text range of a field, or of its key. */
export type Locate = (path: JsonPath, key?: boolean) => TextRange | undefined;

export interface ConfigParseResult {
  /** Present when the configuration has no errors (warnings and notes may remain). */
  config?: PerimeterConfig;
  diagnostics: Diagnostic[];
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}"`;
  return String(value);
}

function valueAt(root: unknown, path: JsonPath): unknown {
  let current: unknown = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, part)) return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

const typeNames: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** Adds one error at a path of the configuration; `key` points at the property name. */
type PushIssue = (
  path: JsonPath,
  code: DiagnosticCode,
  message: string,
  hint?: string,
  key?: boolean,
) => void;

/** Keys the schema does not know: a statement Sid misspelled, a field, or a policy's own keys. */
function describeUnknownKeys(
  issue: z.core.$ZodIssueUnrecognizedKeys,
  path: JsonPath,
  push: PushIssue,
): void {
  const where = formatJsonPath(path);
  // A policy document given where a configuration is expected: say so once, not per field.
  const policyKeys = path.length === 0 && issue.keys.some((k) => k === 'Statement');
  for (const key of issue.keys) {
    const inStatements = path[0] === 'statements' || path[0] === 'serviceStatements';
    push(
      [...path, key],
      inStatements ? 'config/unknown-statement' : 'config/unknown-field',
      inStatements
        ? `Unknown statement Sid "${key}" in ${where}.`
        : `Unknown field "${key}" ${path.length === 0 ? 'at the top level' : `in ${where}`}.`,
      inStatements
        ? `Statement Sids: ${STATEMENT_SIDS.join(', ')}.`
        : policyKeys
          ? 'This looks like an endpoint policy, not a configuration: open it in the policy pane with Edit policy, then Import policy (or check it with vpce-policy validate).'
          : 'Remove it or check its spelling; unknown fields are not ignored.',
      true,
    );
  }
}

/** A list or a text over or under its bounds: "organizationIds has 40 items; at most 20.". */
function describeSize(
  issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall,
  path: JsonPath,
  root: unknown,
  push: PushIssue,
): void {
  const where = formatJsonPath(path);
  const actual = valueAt(root, path);
  const limit = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
  const [count, noun] = Array.isArray(actual)
    ? [actual.length, 'item']
    : typeof actual === 'string'
      ? [actual.length, 'character']
      : [undefined, ''];
  if (count !== undefined && Number.isFinite(limit)) {
    push(
      path,
      'config/invalid-value',
      // A budget's own rule ("at most 500 saved requests") says more than a bare number.
      `${where} has ${countOf(count, noun)}; ${/^at (most|least) /.test(issue.message) ? issue.message : `${issue.code === 'too_big' ? 'at most' : 'at least'} ${formatCount(limit)}`}.`,
    );
    return;
  }
  push(path, 'config/invalid-value', `${where}: ${issue.message}.`);
}

/** One schema issue in words: what is wrong at its path and what was expected. */
function describeIssue(
  issue: z.core.$ZodIssue,
  path: JsonPath,
  root: unknown,
  push: PushIssue,
): void {
  const where = formatJsonPath(path);
  switch (issue.code) {
    case 'unrecognized_keys':
      describeUnknownKeys(issue, path, push);
      break;
    case 'invalid_type': {
      const actual = valueAt(root, path);
      if (actual === undefined) {
        push(
          path,
          'config/missing-field',
          `${where} is required: expected ${typeNames[issue.expected] ?? issue.expected}.`,
        );
      } else {
        push(
          path,
          'config/invalid-type',
          `${where} should be ${typeNames[issue.expected] ?? issue.expected}, not ${describeValue(actual)}.`,
        );
      }
      break;
    }
    case 'invalid_key': {
      const key = path[path.length - 1];
      const inner = issue.issues[0]?.message;
      push(
        path,
        'config/invalid-key',
        `${where}: the key "${String(key)}" is not valid${inner ? `: ${inner}` : ''}.`,
        undefined,
        true,
      );
      break;
    }
    case 'invalid_value': {
      const actual = valueAt(root, path);
      const expected = `${issue.values.length > 1 ? 'one of ' : ''}${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
      if (actual === undefined)
        push(path, 'config/missing-field', `${where} is required: expected ${expected}.`);
      else
        push(
          path,
          'config/invalid-value',
          `${where} is ${describeValue(actual)}; expected ${expected}.`,
        );
      break;
    }
    case 'too_big':
    case 'too_small':
      describeSize(issue, path, root, push);
      break;
    default: {
      const actual = valueAt(root, path);
      const shown =
        actual === undefined || typeof actual === 'object' ? '' : ` (${describeValue(actual)})`;
      push(path, 'config/invalid-value', `${where}${shown}: ${issue.message}.`);
    }
  }
}

/** A finding with the field it is about, for putting findings in the order of the document. */
interface PlacedDiagnostic {
  diagnostic: Diagnostic;
  configPath: JsonPath;
}

const issuePath = (issue: z.core.$ZodIssue): JsonPath =>
  issue.path.filter((p): p is string | number => typeof p !== 'symbol');

function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  locate: Locate | undefined,
): PlacedDiagnostic[] {
  const out: PlacedDiagnostic[] = [];
  const push: PushIssue = (path, code, message, hint, key = false) => {
    const d: Diagnostic = { severity: 'error', code, message, path: formatJsonPath(path) };
    if (hint) d.hint = hint;
    const range = locate?.(path, key);
    if (range) d.range = range;
    out.push({ diagnostic: d, configPath: path });
  };
  for (const issue of issues) describeIssue(issue, issuePath(issue), root, push);
  return out;
}

/** Turns schema issues into diagnostics that name the field and what it should be. */
export function issuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  locate?: Locate,
): Diagnostic[] {
  return describeIssues(issues, root, locate).map((placed) => placed.diagnostic);
}

/** Validates a value already parsed (saved state, share link, UI import). */
export function validateConfigValue(
  value: unknown,
  catalog: Catalog = bundledCatalog,
): ConfigParseResult {
  return validateParsed(value, undefined, catalog);
}

/** Validates a value read from a text, placing each finding in the text with `locate`. */
export function validateParsed(
  value: unknown,
  locate: Locate | undefined,
  catalog: Catalog,
): ConfigParseResult {
  const parsed = perimeterConfigSchema.safeParse(value);
  if (parsed.success) {
    const diagnostics = checkAgainstCatalog(parsed.data, locate, catalog).map((d) => d.diagnostic);
    const result: ConfigParseResult = { diagnostics };
    if (!diagnostics.some((d) => d.severity === 'error')) result.config = parsed.data;
    return result;
  }
  const schemaFindings = describeIssues(parsed.error.issues, value, locate);
  const badItems = malformedListItems(parsed.error.issues, value);
  // Only list items of the wrong form: the rest of the configuration is checked against the
  // catalog now, rather than once those items are fixed. The items themselves are left out.
  if (!badItems || !perimeterConfigSchema.safeParse(withoutItems(value, badItems)).success)
    return { diagnostics: schemaFindings.map((placed) => placed.diagnostic) };
  const isBadItem = within(badItems);
  const catalogFindings = checkAgainstCatalog(
    value as PerimeterConfigDocument,
    locate,
    catalog,
  ).filter((placed) => !isBadItem(placed.configPath));
  return {
    diagnostics: inDocumentOrder([...schemaFindings, ...catalogFindings], value).map(
      (placed) => placed.diagnostic,
    ),
  };
}

/**
 * The list items that the schema refuses for their form alone (a string that is not a region code,
 * a service name, an account id, ...), or undefined when some issue is about anything else.
 */
function malformedListItems(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
): JsonPath[] | undefined {
  const items: JsonPath[] = [];
  for (const issue of issues) {
    const path = issuePath(issue);
    const index = path[path.length - 1];
    if (
      issue.code !== 'invalid_format' ||
      typeof index !== 'number' ||
      !Array.isArray(valueAt(root, path.slice(0, -1))) ||
      typeof valueAt(root, path) !== 'string'
    )
      return undefined;
    items.push(path);
  }
  return items.length > 0 ? items : undefined;
}

/** The value with the given list items left out; the lists and objects above them are copied. */
function withoutItems(root: unknown, items: readonly JsonPath[]): unknown {
  const byList = new Map<string, { list: JsonPath; indexes: Set<number> }>();
  for (const item of items) {
    const list = item.slice(0, -1);
    const key = formatJsonPath(list);
    const entry = byList.get(key) ?? { list, indexes: new Set<number>() };
    entry.indexes.add(item[item.length - 1] as number);
    byList.set(key, entry);
  }
  let result = root;
  for (const { list, indexes } of byList.values())
    result = replacedAt(result, list, (old) =>
      (old as unknown[]).filter((_, i) => !indexes.has(i)),
    );
  return result;
}

function replacedAt(node: unknown, path: JsonPath, replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(node);
  const [part, ...rest] = path as [string | number, ...JsonPath];
  if (Array.isArray(node)) {
    const copy = [...(node as unknown[])];
    copy[part as number] = replacedAt(copy[part as number], rest, replace);
    return copy;
  }
  const copy: Record<string | number, unknown> = {};
  // Copied key by key so that a "__proto__" field stays a field, as the reader keeps it.
  for (const [key, item] of Object.entries(node as Record<string, unknown>))
    Object.defineProperty(copy, key, {
      value: key === String(part) ? replacedAt(item, rest, replace) : item,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}

/** Whether a path is one of the given paths or inside one of them. */
function within(paths: readonly JsonPath[]): (path: JsonPath) => boolean {
  const keys = new Set(paths.map((p) => formatJsonPath(p)));
  const depths = [...new Set(paths.map((p) => p.length))];
  return (path) =>
    depths.some((depth) => path.length >= depth && keys.has(formatJsonPath(path.slice(0, depth))));
}

/**
 * Findings in the order of the fields they are about in the document (the order of its keys and
 * items); a finding about a whole list comes before those about its items.
 */
function inDocumentOrder(findings: PlacedDiagnostic[], root: unknown): PlacedDiagnostic[] {
  const places = new Map(findings.map((f) => [f, documentPlace(root, f.configPath)] as const));
  return [...findings].sort((a, b) => {
    const pa = places.get(a)!;
    const pb = places.get(b)!;
    for (let i = 0; i < Math.min(pa.length, pb.length); i++)
      if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
    return pa.length - pb.length;
  });
}

/** The place of a field: at each level, the rank of its key or its index (a missing key last). */
function documentPlace(root: unknown, path: JsonPath): number[] {
  const place: number[] = [];
  let current: unknown = root;
  for (const part of path) {
    if (Array.isArray(current) && typeof part === 'number') {
      place.push(part);
      current = current[part];
    } else if (current !== null && typeof current === 'object') {
      const keys = Object.keys(current);
      const rank = keys.indexOf(String(part));
      place.push(rank === -1 ? keys.length : rank);
      current = rank === -1 ? undefined : (current as Record<string, unknown>)[String(part)];
    } else {
      place.push(0);
      current = undefined;
    }
  }
  return place;
}

/** The catalog's findings about a configuration, placed in the text when there is one. */
function checkAgainstCatalog(
  config: PerimeterConfigDocument,
  locate: Locate | undefined,
  catalog: Catalog,
): PlacedDiagnostic[] {
  return checkConfigAgainstCatalog(config, catalog).map((d) => {
    const configPath = d.configPath ?? [];
    const range = locate && !d.range && d.configPath ? locate(d.configPath, d.atKey) : undefined;
    return { diagnostic: range ? { ...stripPath(d), range } : stripPath(d), configPath };
  });
}

function stripPath<T extends { configPath?: JsonPath; atKey?: boolean }>(
  d: T,
): Omit<T, 'configPath' | 'atKey'> {
  const { configPath: _p, atKey: _k, ...rest } = d;
  return rest;
}
