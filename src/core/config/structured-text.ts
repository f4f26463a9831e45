/**
 * Reading a JSON (comments allowed) or YAML text into a plain value, for every file the tool
 * reads from a user (configurations, saved requests): positioned diagnostics for syntax errors,
 * excessive nesting and duplicate keys, and a way to find a field's place in the text. Nothing
 * throws; oversized and binary input is refused first.
 */
import {
  findNodeAtLocation,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { BUDGETS } from '../budgets';
import { offsetRange, type Diagnostic } from '../diagnostics';
import { formatCount } from '../text/format-count';
import { formatJsonPath } from '../text/json-path';
import { jsonDepth, syntaxMessage } from '../text/json-syntax';
import type { Locate } from './parse';
import type { ConfigTextFormat } from './text-format';

/** Larger inputs are refused before parsing: a configuration is a few kilobytes. */
export const MAX_CONFIG_CHARACTERS = BUDGETS.configCharacters.limit;
/** Deeper nesting than this is refused: the format itself is 4 levels deep. */
export const MAX_CONFIG_DEPTH = BUDGETS.configDepth.limit;

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
