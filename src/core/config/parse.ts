/**
 * Reading a perimeter configuration from text (JSON with comments, or YAML) or from a value (the
 * browser's saved state, a share link). Every problem becomes a diagnostic with the path of the
 * field, what was expected and, for text, its line and column. Nothing throws.
 */
import { jsonDepth, syntaxMessage } from '../text/json-syntax';
import {
  findNodeAtLocation,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { z } from 'zod';
import { catalog as bundledCatalog, type Catalog } from '../catalog/catalog';
import { STATEMENT_SIDS } from '../catalog/ids';
import { offsetRange, type Diagnostic, type DiagnosticCode, type TextRange } from '../diagnostics';
import { checkConfigAgainstCatalog } from './check';
import { formatJsonPath, type JsonPath } from '../text/json-path';
import { perimeterConfigSchema, type PerimeterConfig } from './schema';
import { formatCount } from '../text/format-count';
import { BUDGETS } from '../budgets';

/** Larger inputs are refused before parsing: a configuration is a few kilobytes. */
export const MAX_CONFIG_CHARACTERS = BUDGETS.configCharacters.limit;
/** Deeper nesting than this is refused: the format itself is 4 levels deep. */
export const MAX_CONFIG_DEPTH = BUDGETS.configDepth.limit;

export type ConfigTextFormat = 'json' | 'yaml';

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
      for (const key of issue.keys) {
        const inStatements = path[0] === 'statements' || path[0] === 'serviceStatements';
        push(
          [...path, key],
          inStatements ? 'config/unknown-statement' : 'config/unknown-field',
          inStatements
            ? `Unknown statement Sid "${key}" in ${where}.`
            : `Unknown field "${key}" in ${where}.`,
          inStatements
            ? `Statement Sids: ${STATEMENT_SIDS.join(', ')}.`
            : 'Remove it or check its spelling; unknown fields are not ignored.',
          true,
        );
      }
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
      const expected = issue.values.map((v) => JSON.stringify(v)).join(', ');
      push(
        path,
        'config/invalid-value',
        `${where} is ${describeValue(actual)}; expected ${issue.values.length > 1 ? 'one of ' : ''}${expected}.`,
      );
      break;
    }
    default: {
      const actual = valueAt(root, path);
      const shown =
        actual === undefined || typeof actual === 'object' ? '' : ` (${describeValue(actual)})`;
      push(path, 'config/invalid-value', `${where}${shown}: ${issue.message}.`);
    }
  }
}

/** Turns schema issues into diagnostics that name the field and what it should be. */
export function issuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  root: unknown,
  locate?: (path: JsonPath, key?: boolean) => TextRange | undefined,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const push: PushIssue = (path, code, message, hint, key = false) => {
    const d: Diagnostic = { severity: 'error', code, message, path: formatJsonPath(path) };
    if (hint) d.hint = hint;
    const range = locate?.(path, key);
    if (range) d.range = range;
    out.push(d);
  };
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    describeIssue(issue, path, root, push);
  }
  return out;
}

/** Validates a value already parsed (saved state, share link, UI import). */
export function validateConfigValue(
  value: unknown,
  catalog: Catalog = bundledCatalog,
): ConfigParseResult {
  return validateParsed(value, undefined, catalog);
}

function validateParsed(
  value: unknown,
  locate: ((path: JsonPath, key?: boolean) => TextRange | undefined) | undefined,
  catalog: Catalog,
): ConfigParseResult {
  const parsed = perimeterConfigSchema.safeParse(value);
  if (!parsed.success) {
    return { diagnostics: issuesToDiagnostics(parsed.error.issues, value, locate) };
  }
  const diagnostics = checkConfigAgainstCatalog(parsed.data, catalog).map((d) => {
    if (!locate || d.range || !d.configPath) return stripPath(d);
    const range = locate(d.configPath, d.atKey);
    return range ? { ...stripPath(d), range } : stripPath(d);
  });
  const result: ConfigParseResult = { diagnostics };
  if (!diagnostics.some((d) => d.severity === 'error')) result.config = parsed.data;
  return result;
}

function stripPath<T extends { configPath?: JsonPath; atKey?: boolean }>(
  d: T,
): Omit<T, 'configPath' | 'atKey'> {
  const { configPath: _p, atKey: _k, ...rest } = d;
  return rest;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty keeps a "__proto__" key as data instead of changing the prototype.
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Builds the value of a JSON tree, reporting duplicate keys; `__proto__` stays an own field. */
function treeToValue(
  node: Node,
  text: string,
  path: (string | number)[],
  diagnostics: Diagnostic[],
): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || typeof keyNode.value !== 'string') continue;
        const key = keyNode.value;
        if (Object.prototype.hasOwnProperty.call(out, key)) {
          diagnostics.push({
            severity: 'error',
            code: 'config/duplicate-key',
            message: `The key "${key}" appears twice in ${formatJsonPath(path)}; only one value may be given.`,
            path: formatJsonPath([...path, key]),
            range: offsetRange(text, keyNode.offset, keyNode.length),
          });
        }
        setOwn(
          out,
          key,
          valueNode ? treeToValue(valueNode, text, [...path, key], diagnostics) : undefined,
        );
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map((child, i) =>
        treeToValue(child, text, [...path, i], diagnostics),
      );
    default:
      return node.value;
  }
}

/** Finds the text range of a field, or of its key. */
export type Locate = (path: JsonPath, key?: boolean) => TextRange | undefined;

/**
 * A JSON (comments allowed) or YAML text read into a plain value, with positioned diagnostics for
 * syntax errors, excessive nesting and duplicate keys, and a way to find a field's place in the
 * text. `__proto__` stays an ordinary key. Shared by everything that reads user files.
 */
export interface StructuredText {
  /** Absent when the text could not be read. */
  value?: unknown;
  diagnostics: Diagnostic[];
  locate?: Locate;
}

function readJsonText(text: string): StructuredText {
  const depth = jsonDepth(text);
  if (depth > MAX_CONFIG_DEPTH) {
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'config/too-deep',
          message: `The text nests ${depth} levels deep; this file format never needs more than ${MAX_CONFIG_DEPTH}.`,
          range: offsetRange(text, 0, 0),
        },
      ],
    };
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
  if (errors.length > 0 || !tree) {
    const diagnostics: Diagnostic[] = errors.slice(0, 20).map((e) => ({
      severity: 'error',
      code: 'config/syntax',
      message: `JSON syntax error: ${syntaxMessage(printParseErrorCode(e.error))}.`,
      range: offsetRange(text, e.offset, e.length),
    }));
    if (diagnostics.length === 0) {
      diagnostics.push({
        severity: 'error',
        code: 'config/syntax',
        message: 'The text is empty: expected a JSON object.',
        range: offsetRange(text, 0, 0),
      });
    }
    return { diagnostics };
  }
  const diagnostics: Diagnostic[] = [];
  const value = treeToValue(tree, text, [], diagnostics);
  const locate: Locate = (path, key) => {
    for (let n = path.length; n >= 0; n--) {
      const node = findNodeAtLocation(tree, path.slice(0, n) as (string | number)[]);
      if (node) {
        const target =
          key && n === path.length && node.parent?.type === 'property'
            ? (node.parent.children?.[0] ?? node)
            : node;
        return offsetRange(text, target.offset, target.length);
      }
      if (key && n === path.length) {
        // An unknown key: find its property node in the parent object.
        const parent = findNodeAtLocation(tree, path.slice(0, n - 1) as (string | number)[]);
        const property = parent?.children?.find((p) => p.children?.[0]?.value === path[n - 1]);
        if (property?.children?.[0])
          return offsetRange(text, property.children[0].offset, property.children[0].length);
      }
    }
    return undefined;
  };
  // Duplicate keys are errors: the value is not returned, so that nothing uses a guessed reading.
  return diagnostics.length > 0 ? { diagnostics, locate } : { value, diagnostics, locate };
}

function readYamlText(text: string): StructuredText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toRange = (start: number, end: number) => offsetRange(text, start, end - start);
  if (doc.errors.length > 0) {
    return {
      diagnostics: doc.errors.slice(0, 20).map((e) => ({
        severity: 'error',
        code: e.code === 'DUPLICATE_KEY' ? 'config/duplicate-key' : 'config/syntax',
        message: `YAML ${e.code === 'DUPLICATE_KEY' ? 'duplicate key' : 'syntax error'}: ${e.message.split('\n')[0]}`,
        range: toRange(e.pos[0], e.pos[1]),
      })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'config/syntax',
          message: `YAML could not be read: ${(error as Error).message}`,
          range: toRange(0, 0),
        },
      ],
    };
  }
  const locate: Locate = (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return toRange(node.range[0], node.range[1]);
    }
    return undefined;
  };
  return { value, diagnostics: [], locate };
}

/** Reads a JSON (comments allowed) or YAML text, refusing oversized and binary input first. */
export function readStructuredText(
  text: string,
  format: ConfigTextFormat = 'json',
): StructuredText {
  if (text.length > MAX_CONFIG_CHARACTERS) {
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'config/too-large',
          message: `The file is ${(text.length / 1_000_000).toFixed(1)} million characters; the limit is ${formatCount(MAX_CONFIG_CHARACTERS)}. Is this the right file?`,
        },
      ],
    };
  }
  if (text.includes('\u0000')) {
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'config/binary',
          message: 'The file contains binary data (NUL characters); expected a JSON or YAML text.',
        },
      ],
    };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return format === 'yaml' ? readYamlText(body) : readJsonText(body);
}

/** Guesses the format from a file name: `.yaml`/`.yml` is YAML, anything else JSON (comments allowed). */
export function configFormatFor(fileName: string): ConfigTextFormat {
  return /\.ya?ml$/i.test(fileName) ? 'yaml' : 'json';
}

/** Parses and validates a configuration text. */
export function parseConfigText(
  text: string,
  options: { format?: ConfigTextFormat; catalog?: Catalog } = {},
): ConfigParseResult {
  const read = readStructuredText(text, options.format ?? 'json');
  if (read.value === undefined) return { diagnostics: read.diagnostics };
  return validateParsed(read.value, read.locate, options.catalog ?? bundledCatalog);
}
