/**
 * Reading a policy text as strict JSON (no comments, no trailing commas: AWS accepts neither) into
 * a tree with offsets. Inputs that could hurt are stopped before the parser sees them: texts far
 * beyond any policy size, binary data, and nesting deeper than a policy ever needs (the parser
 * recurses, so 100,000 nested arrays would overflow the stack).
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { syntaxMessage } from '../text/json-syntax';
import type { Findings } from './findings';
import { formatCount } from '../text/format-count';
import { BUDGETS } from '../budgets';

/** Larger texts are not parsed: a hundred times the 20,480-character quota is surely not a policy. */
export const MAX_POLICY_TEXT_CHARACTERS = BUDGETS.policyCharacters.limit;
/** A policy is at most six levels deep (document, Statement list, statement, Condition, operator, values). */
export const MAX_POLICY_DEPTH = BUDGETS.policyDepth.limit;
const MAX_SYNTAX_ERRORS = 20;

export interface PolicyJson {
  /** The syntax tree, when the text is JSON. */
  root?: Node;
  /** True when the text is JSON without syntax errors. */
  valid?: boolean;
  /** True when some object gives a key twice. */
  duplicateKeys?: boolean;
  /** The parsed value, when the text is valid JSON; parsed on first use. `__proto__` stays an ordinary key. */
  readonly value?: unknown;
}

/** Offset of the first bracket that nests deeper than `limit`, strings skipped; -1 when none. */
export function firstTooDeep(text: string, limit: number): number {
  // Jumping from one bracket or quote to the next is several times faster than visiting every character.
  const special = /[{}[\]"]/g;
  let depth = 0;
  for (let match = special.exec(text); match; match = special.exec(text)) {
    const c = text.charCodeAt(match.index);
    if (c === 34) {
      let end = match.index;
      for (;;) {
        end = text.indexOf('"', end + 1);
        if (end === -1) return -1;
        let backslashes = 0;
        while (text.charCodeAt(end - 1 - backslashes) === 92) backslashes++;
        if (backslashes % 2 === 0) break;
      }
      special.lastIndex = end + 1;
    } else if (c === 123 || c === 91) {
      if (++depth > limit) return match.index;
    } else {
      depth--;
    }
  }
  return -1;
}

/** Offset of the first character that marks binary data (NUL, or most of a sample being control or replacement characters). */
function binaryOffset(text: string): number {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) return nul;
  const sample = Math.min(text.length, 4096);
  let odd = 0;
  let first = -1;
  for (let i = 0; i < sample; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) {
      odd++;
      if (first === -1) first = i;
    }
  }
  return sample > 0 && odd / sample > 0.1 ? first : -1;
}

function previousSignificant(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return i;
}

function describeSyntaxError(
  text: string,
  error: ParseError,
): { message: string; offset: number; length: number; hint?: string } {
  const code = printParseErrorCode(error.error);
  if (
    code === 'InvalidCommentToken' ||
    text.startsWith('//', error.offset) ||
    text.startsWith('/*', error.offset)
  ) {
    return {
      message: 'Comments are not allowed in an endpoint policy.',
      offset: error.offset,
      length: error.length,
      hint: 'Remove the comment; AWS rejects policies with comments.',
    };
  }
  if (code === 'PropertyNameExpected' || code === 'ValueExpected') {
    const before = previousSignificant(text, error.offset);
    const next = text[error.offset];
    if (before >= 0 && text[before] === ',' && (next === '}' || next === ']')) {
      return {
        message: 'A trailing comma is not allowed in JSON.',
        offset: before,
        length: 1,
        hint: 'Remove the comma before the closing bracket.',
      };
    }
  }
  if (error.offset >= text.length) {
    return {
      message: `JSON syntax error: the text ends too early (${syntaxMessage(code)}).`,
      offset: error.offset,
      length: 0,
      hint: 'The policy looks truncated; check that it was copied whole.',
    };
  }
  return {
    message: `JSON syntax error: ${syntaxMessage(code)}.`,
    offset: error.offset,
    length: error.length,
  };
}

/** Reports every object that repeats a key (the parser keeps both, AWS would not say which wins); true when there is one. */
function reportDuplicateKeys(root: Node, findings: Findings): boolean {
  let found = false;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'object') {
      const seen = new Map<string, Node>();
      for (const property of node.children ?? []) {
        const key = property.children?.[0];
        if (key && typeof key.value === 'string') {
          const first = seen.get(key.value);
          if (first) {
            found = true;
            const line = findings.lines.position(first.offset).line;
            findings.error(
              'json/duplicate-key',
              `The key "${key.value}" appears twice in this object (first on line ${line}); a policy must give each key once.`,
              { offset: key.offset, length: key.length },
              { hint: 'Merge the two entries into one.' },
            );
          } else {
            seen.set(key.value, key);
          }
        }
        const value = property.children?.[1];
        if (value) stack.push(value);
      }
    } else if (node.type === 'array') {
      for (const child of node.children ?? []) stack.push(child);
    }
  }
  return found;
}

export function readPolicyJson(text: string, findings: Findings): PolicyJson {
  if (text.length > MAX_POLICY_TEXT_CHARACTERS) {
    findings.error(
      'input/too-large',
      `The text is ${formatCount(text.length)} characters; an endpoint policy is at most 20,480, so it is not checked further.`,
      { offset: 0, length: 0 },
      { hint: 'Is this the right file?' },
    );
    return {};
  }
  const binary = binaryOffset(text);
  if (binary !== -1) {
    findings.error(
      'input/binary',
      'The text contains binary data (control characters); expected a JSON policy.',
      { offset: binary, length: 1 },
      { hint: 'Is this the right file? A policy is a UTF-8 JSON text.' },
    );
    return {};
  }
  if (text.trim() === '') {
    findings.error(
      'json/empty',
      'The text is empty: expected a JSON policy document.',
      { offset: 0, length: 0 },
      { hint: 'Start with {"Version": "2012-10-17", "Statement": [...]}.' },
    );
    return {};
  }
  const deep = firstTooDeep(text, MAX_POLICY_DEPTH);
  if (deep !== -1) {
    findings.error(
      'json/too-deep',
      `The text nests more than ${MAX_POLICY_DEPTH} levels deep; an endpoint policy never needs more than six, so it is not checked further.`,
      { offset: deep, length: 1 },
    );
    return {};
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  for (const error of errors.slice(0, MAX_SYNTAX_ERRORS)) {
    const { message, offset, length, hint } = describeSyntaxError(text, error);
    findings.error('json/syntax', message, { offset, length }, hint ? { hint } : {});
  }
  if (errors.length > MAX_SYNTAX_ERRORS) {
    findings.info(
      'json/more-syntax-errors',
      `${errors.length - MAX_SYNTAX_ERRORS} more syntax errors are not shown.`,
    );
  }
  if (!root) return {};
  const duplicateKeys = reportDuplicateKeys(root, findings);
  if (errors.length > 0) return { root, valid: false, duplicateKeys };
  let parsed: { value: unknown } | undefined;
  return {
    root,
    valid: true,
    duplicateKeys,
    // Most callers need only the tree; the value costs a second parse, so it waits until asked for.
    get value(): unknown {
      if (!parsed) {
        try {
          parsed = { value: JSON.parse(text) as unknown };
        } catch {
          parsed = { value: undefined };
        }
      }
      return parsed.value;
    },
  };
}
