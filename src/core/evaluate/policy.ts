/**
 * Reading an endpoint policy for evaluation: from text (with the position of every statement and
 * element, so that a verdict can point into the editor) or from a parsed value. Nothing throws:
 * each problem becomes a diagnostic, and a statement with an error is kept but never applies,
 * since AWS would refuse the whole policy.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { POLICY_SIZE_LIMIT } from '../catalog/ids';
import { offsetRange, type Diagnostic, type TextPosition, type TextRange } from '../diagnostics';
import { countPolicyCharacters } from '../generate/render';
import { compileCondition, parseConditionOperator, type CompiledCondition } from './conditions';
import { PatternList } from './pattern-list';

/** Longer texts are refused before parsing: an endpoint policy is at most 20,480 characters. */
export const MAX_POLICY_CHARACTERS = 1_000_000;
/** Deeper nesting is refused: a policy is at most five levels deep. */
export const MAX_POLICY_DEPTH = 64;

export type PolicyElement = 'Statement' | 'Effect' | 'Principal' | 'NotPrincipal' | 'Action' | 'NotAction' | 'Resource' | 'NotResource' | 'Condition';

const STATEMENT_ELEMENTS = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const POLICY_ELEMENTS = new Set(['Version', 'Id', 'Statement']);
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;

/** The principals a Principal or NotPrincipal element names. */
export interface PrincipalSet {
  /** `"*"` or `{"AWS": "*"}`: every caller, anonymous ones included. */
  everyone: boolean;
  /** Accounts named by id or by `arn:...:iam::<id>:root`: every principal of the account. */
  accounts: ReadonlySet<string>;
  arns: ReadonlySet<string>;
  services: ReadonlySet<string>;
  /** Federated and canonical-user principals, which never sign our simulated requests. */
  others: readonly string[];
  /** Every value as written, for explanations. */
  values: readonly string[];
}

export interface CompiledStatement {
  /** Position in the Statement list, from 0. */
  index: number;
  sid?: string;
  effect?: 'Allow' | 'Deny';
  /** Errors that make AWS refuse the statement; such a statement never applies here. */
  errors: Diagnostic[];
  principal?: { negated: boolean; set: PrincipalSet };
  action?: { negated: boolean; list: PatternList };
  resource?: { negated: boolean; list: PatternList };
  conditions: CompiledCondition[];
  /** Where the statement is in the text, when read from text. */
  range?: TextRange;
  /** Where each element is; conditions by `operator\u0000key`. */
  ranges: Map<string, TextRange>;
}

/** A policy ready to be evaluated many times. */
export class CompiledPolicy {
  constructor(
    readonly statements: readonly CompiledStatement[],
    readonly diagnostics: readonly Diagnostic[],
    /** False when AWS would refuse the policy (syntax or grammar errors). */
    readonly valid: boolean,
    /** Whether `${...}` policy variables are substituted (Version 2012-10-17). */
    readonly variables: boolean,
  ) {}
}

export function conditionRangeKey(operator: string, key: string): string {
  return `${operator}\u0000${key}`;
}

/** The deepest bracket nesting of a JSON text, strings skipped; linear and stack-free. */
function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) max = Math.max(max, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return max;
}

/** Looks up child nodes of a JSON tree, remembering duplicate keys. */
interface Locator {
  range(node: Node | undefined): TextRange | undefined;
  property(node: Node | undefined, key: string): { key?: Node; value?: Node } | undefined;
  item(node: Node | undefined, index: number): Node | undefined;
}

/**
 * Offsets to 1-based line and column through an index of line starts: a generated policy needs
 * hundreds of positions, and rescanning the text from its start for each would be quadratic.
 */
function lineIndex(text: string): (offset: number) => TextPosition {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

function textLocator(text: string): Locator {
  const position = lineIndex(text);
  return {
    range: (node) => (node ? { start: position(node.offset), end: position(node.offset + node.length) } : undefined),
    property(node, key) {
      if (node?.type !== 'object') return undefined;
      let found: { key?: Node; value?: Node } | undefined;
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (keyNode?.value === key) found = { key: keyNode, value: valueNode };
      }
      return found;
    },
    item: (node, index) => (node?.type === 'array' ? node.children?.[index] : undefined),
  };
}

function duplicateKeys(node: Node, text: string, diagnostics: Diagnostic[]): void {
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (current.type === 'object') {
      const seen = new Set<string>();
      for (const property of current.children ?? []) {
        const keyNode = property.children?.[0];
        const key = typeof keyNode?.value === 'string' ? keyNode.value : undefined;
        if (key !== undefined && seen.has(key)) {
          diagnostics.push({
            severity: 'error',
            code: 'policy/duplicate-key',
            message: `The key "${key}" appears twice in the same object; only the last one would be read, so write the values once.`,
            range: offsetRange(text, keyNode!.offset, keyNode!.length),
          });
        }
        if (key !== undefined) seen.add(key);
      }
    }
    for (const child of current.children ?? []) stack.push(child);
  }
}

/** Builds the value of a JSON tree without the prototype pitfalls of `__proto__` keys. */
function treeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (typeof keyNode?.value !== 'string') continue;
        Object.defineProperty(out, keyNode.value, { value: valueNode ? treeValue(valueNode) : undefined, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(treeValue);
    default:
      return node.value;
  }
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 37)}...` : value}"`;
  return String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string or a non-empty list of strings; undefined (with a diagnostic) otherwise. */
function stringList(value: unknown, what: string, report: (message: string) => void): string[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) {
    report(`${what} is an empty list; it needs at least one value.`);
    return undefined;
  }
  if (!list.every((v): v is string => typeof v === 'string')) {
    report(`${what} takes a string or a list of strings, not ${describeJson(list.find((v) => typeof v !== 'string'))}.`);
    return undefined;
  }
  return list;
}

const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_ROOT_ARN = /^arn:[^:]+:iam::(\d{12}):root$/;

function compilePrincipal(value: unknown, element: string, report: (message: string) => void): PrincipalSet | undefined {
  const accounts = new Set<string>();
  const arns = new Set<string>();
  const services = new Set<string>();
  const others: string[] = [];
  const values: string[] = [];
  let everyone = false;
  if (value === '*') {
    return { everyone: true, accounts, arns, services, others, values: ['*'] };
  }
  if (!isRecord(value)) {
    report(`${element} takes "*" or an object such as {"AWS": ["111122223333"]}, not ${describeJson(value)}.`);
    return undefined;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) {
    report(`${element} is an empty object; name at least one principal.`);
    return undefined;
  }
  for (const key of keys) {
    if (!(PRINCIPAL_TYPES as readonly string[]).includes(key)) {
      report(`${element} has an unknown principal type "${key}"; expected ${PRINCIPAL_TYPES.join(', ')}.`);
      return undefined;
    }
    const list = stringList(value[key], `${element}.${key}`, report);
    if (!list) return undefined;
    for (const item of list) {
      values.push(item);
      if (key === 'AWS') {
        const root = ACCOUNT_ROOT_ARN.exec(item);
        if (/^\*+$/.test(item)) everyone = true;
        else if (ACCOUNT_ID.test(item)) accounts.add(item);
        else if (root) accounts.add(root[1]!);
        else arns.add(item);
      } else if (key === 'Service') {
        services.add(item);
      } else {
        others.push(`${key} ${item}`);
      }
    }
  }
  return { everyone, accounts, arns, services, others, values };
}

function conditionValues(value: unknown, where: string, report: (message: string) => void): string[] | undefined {
  const list = Array.isArray(value) ? value : [value];
  if (Array.isArray(value) && value.length === 0) {
    report(`${where} is an empty list; a condition needs at least one value.`);
    return undefined;
  }
  const out: string[] = [];
  for (const item of list) {
    if (typeof item === 'string') out.push(item);
    else if (typeof item === 'number' || typeof item === 'boolean') out.push(String(item));
    else {
      report(`${where} takes strings, numbers or booleans, not ${describeJson(item)}.`);
      return undefined;
    }
  }
  return out;
}

function compileStatement(raw: unknown, index: number, variables: boolean, node: Node | undefined, locate: Locator | undefined): CompiledStatement {
  const statement: CompiledStatement = { index, errors: [], conditions: [], ranges: new Map() };
  const range = locate?.range(node);
  if (range) statement.range = range;
  const report = (message: string, element?: string) => {
    const diagnostic: Diagnostic = { severity: 'error', code: 'policy/statement', message: `Statement ${index + 1}: ${message}` };
    const at = element ? (locate?.property(node, element)?.key ? locate.range(locate.property(node, element)!.key) : undefined) : range;
    if (at) diagnostic.range = at;
    if (statement.sid) diagnostic.sid = statement.sid;
    statement.errors.push(diagnostic);
  };
  if (!isRecord(raw)) {
    report(`a statement is an object, not ${describeJson(raw)}.`);
    return statement;
  }
  if (typeof raw.Sid === 'string') statement.sid = raw.Sid;
  else if (raw.Sid !== undefined) report(`Sid takes a string, not ${describeJson(raw.Sid)}.`, 'Sid');
  for (const key of Object.keys(raw)) {
    if (!STATEMENT_ELEMENTS.has(key)) report(`"${key}" is not a statement element; expected ${[...STATEMENT_ELEMENTS].join(', ')}.`, key);
  }
  for (const element of STATEMENT_ELEMENTS) {
    const where = locate?.property(node, element);
    const at = locate?.range(where?.key);
    if (at) statement.ranges.set(element, at);
  }

  if (raw.Effect === 'Allow' || raw.Effect === 'Deny') statement.effect = raw.Effect;
  else if (raw.Effect === undefined) report('Effect is missing; write "Allow" or "Deny".');
  else report(`Effect is ${describeJson(raw.Effect)}; write "Allow" or "Deny" (exactly so).`, 'Effect');

  const pair = <T>(positive: string, negative: string, compile: (value: unknown, element: string) => T | undefined): { negated: boolean; value: T } | undefined => {
    const hasPositive = raw[positive] !== undefined;
    const hasNegative = raw[negative] !== undefined;
    if (hasPositive && hasNegative) {
      report(`a statement takes ${positive} or ${negative}, not both.`, negative);
      return undefined;
    }
    if (!hasPositive && !hasNegative) {
      report(`${positive} (or ${negative}) is missing.`);
      return undefined;
    }
    const element = hasPositive ? positive : negative;
    const value = compile(raw[element], element);
    return value === undefined ? undefined : { negated: hasNegative, value };
  };

  const principal = pair('Principal', 'NotPrincipal', (value, element) => compilePrincipal(value, element, (m) => report(m, element)));
  if (principal) statement.principal = { negated: principal.negated, set: principal.value };
  const action = pair('Action', 'NotAction', (value, element) => {
    const list = stringList(value, element, (m) => report(m, element));
    if (!list) return undefined;
    for (const item of list) {
      if (item !== '*' && !/^[^:\s]+:[^:\s]*$/.test(item)) report(`${element} value "${item}" is not an action such as "s3:GetObject".`, element);
    }
    return new PatternList('action', list, false);
  });
  if (action) statement.action = { negated: action.negated, list: action.value };
  const resource = pair('Resource', 'NotResource', (value, element) => {
    const list = stringList(value, element, (m) => report(m, element));
    return list ? new PatternList('resource', list, variables) : undefined;
  });
  if (resource) statement.resource = { negated: resource.negated, list: resource.value };

  if (raw.Condition !== undefined) {
    const conditionNode = locate?.property(node, 'Condition')?.value;
    if (!isRecord(raw.Condition)) {
      report(`Condition takes an object of operators, not ${describeJson(raw.Condition)}.`, 'Condition');
    } else {
      for (const [operatorName, block] of Object.entries(raw.Condition)) {
        const operator = parseConditionOperator(operatorName);
        const operatorNode = locate?.property(conditionNode, operatorName);
        if (typeof operator === 'string') {
          report(`${operator}.`, 'Condition');
          continue;
        }
        if (!isRecord(block) || Object.keys(block).length === 0) {
          report(`Condition.${operatorName} takes an object of context keys and values, not ${describeJson(block)}.`, 'Condition');
          continue;
        }
        for (const [key, value] of Object.entries(block)) {
          const values = conditionValues(value, `Condition.${operatorName}.${key}`, (m) => report(m, 'Condition'));
          if (!values) continue;
          statement.conditions.push(compileCondition(operator, key, values, variables));
          const keyRange = locate?.range(locate.property(operatorNode?.value, key)?.key);
          if (keyRange) statement.ranges.set(conditionRangeKey(operatorName, key), keyRange);
        }
      }
    }
  }
  return statement;
}

function compileValue(value: unknown, diagnostics: Diagnostic[], root: Node | undefined, locate: Locator | undefined): CompiledPolicy {
  const at = (key: string) => locate?.range(locate.property(root, key)?.key);
  const report = (code: string, message: string, key?: string, severity: Diagnostic['severity'] = 'error') => {
    const diagnostic: Diagnostic = { severity, code, message };
    const range = key ? at(key) : locate?.range(root);
    if (range) diagnostic.range = range;
    diagnostics.push(diagnostic);
  };
  if (!isRecord(value)) {
    report('policy/not-an-object', `A policy is a JSON object with Version and Statement, not ${describeJson(value)}.`);
    return new CompiledPolicy([], diagnostics, false, true);
  }
  for (const key of Object.keys(value)) {
    if (!POLICY_ELEMENTS.has(key)) report('policy/unknown-element', `"${key}" is not a policy element; expected Version, Id and Statement.`, key);
  }
  let variables = true;
  if (value.Version === undefined) {
    variables = false;
    report('policy/no-version', 'The policy has no Version, so AWS reads it as version 2008-10-17, where ${...} policy variables are plain text. Add "Version": "2012-10-17".', undefined, 'warning');
  } else if (value.Version === '2008-10-17') {
    variables = false;
    report('policy/old-version', 'Version 2008-10-17 reads ${...} policy variables as plain text; use "2012-10-17".', 'Version', 'warning');
  } else if (value.Version !== '2012-10-17') {
    report('policy/version', `Version is ${describeJson(value.Version)}; expected "2012-10-17".`, 'Version');
  }
  const statementNode = locate?.property(root, 'Statement')?.value;
  let rawStatements: unknown[] = [];
  if (value.Statement === undefined) report('policy/no-statement', 'The policy has no Statement.');
  else if (Array.isArray(value.Statement)) rawStatements = value.Statement;
  else if (isRecord(value.Statement)) rawStatements = [value.Statement];
  else report('policy/statement', `Statement takes an object or a list of objects, not ${describeJson(value.Statement)}.`, 'Statement');
  const statements = rawStatements.map((raw, index) => {
    const node = Array.isArray(value.Statement) ? locate?.item(statementNode, index) : statementNode;
    return compileStatement(raw, index, variables, node, locate);
  });
  const sids = new Map<string, number>();
  for (const statement of statements) {
    diagnostics.push(...statement.errors);
    if (statement.sid === undefined || statement.sid === '') continue;
    if (sids.has(statement.sid)) {
      const diagnostic: Diagnostic = { severity: 'warning', code: 'policy/duplicate-sid', message: `Statements ${sids.get(statement.sid)! + 1} and ${statement.index + 1} have the same Sid "${statement.sid}".`, sid: statement.sid };
      if (statement.range) diagnostic.range = statement.range;
      diagnostics.push(diagnostic);
    } else {
      sids.set(statement.sid, statement.index);
    }
  }
  const valid = !diagnostics.some((d) => d.severity === 'error');
  return new CompiledPolicy(statements, diagnostics, valid, variables);
}

function syntaxMessage(error: ParseError): string {
  const code = printParseErrorCode(error.error);
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'expected a property name in double quotes',
    ValueExpected: 'expected a value',
    ColonExpected: 'expected ":"',
    CommaExpected: 'expected ","',
    CloseBraceExpected: 'expected "}"',
    CloseBracketExpected: 'expected "]"',
    EndOfFileExpected: 'unexpected text after the end of the policy',
    InvalidCommentToken: 'comments are not allowed in a policy',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in a string',
  };
  return words[code] ?? code;
}

/** Reads a policy text: strict JSON, as AWS accepts it. */
export function compilePolicyText(text: string): CompiledPolicy {
  const diagnostics: Diagnostic[] = [];
  if (text.length > MAX_POLICY_CHARACTERS) {
    diagnostics.push({ severity: 'error', code: 'policy/too-large', message: `The policy text is ${text.length.toLocaleString('en-US')} characters; an endpoint policy is at most ${POLICY_SIZE_LIMIT.toLocaleString('en-US')}.` });
    return new CompiledPolicy([], diagnostics, false, true);
  }
  const depth = jsonDepth(text);
  if (depth > MAX_POLICY_DEPTH) {
    diagnostics.push({ severity: 'error', code: 'policy/too-deep', message: `The policy nests ${depth} levels deep; a policy never needs more than 5.`, range: offsetRange(text, 0, 0) });
    return new CompiledPolicy([], diagnostics, false, true);
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  if (errors.length > 0 || !root) {
    for (const error of errors.slice(0, 20)) {
      diagnostics.push({ severity: 'error', code: 'policy/syntax', message: `JSON syntax error: ${syntaxMessage(error)}.`, range: offsetRange(text, error.offset, error.length) });
    }
    if (diagnostics.length === 0) diagnostics.push({ severity: 'error', code: 'policy/syntax', message: 'The policy text is empty.', range: offsetRange(text, 0, 0) });
    return new CompiledPolicy([], diagnostics, false, true);
  }
  duplicateKeys(root, text, diagnostics);
  const size = countPolicyCharacters(text);
  if (size > POLICY_SIZE_LIMIT) {
    diagnostics.push({ severity: 'warning', code: 'policy/over-limit', message: `The policy is ${size.toLocaleString('en-US')} characters; AWS refuses endpoint policies over ${POLICY_SIZE_LIMIT.toLocaleString('en-US')}, whitespace included. It is evaluated anyway.` });
  }
  return compileValue(treeValue(root), diagnostics, root, textLocator(text));
}

/** Reads a parsed policy value (an object as JSON.parse gives it). */
export function compilePolicyValue(value: unknown): CompiledPolicy {
  try {
    return compileValue(value, [], undefined, undefined);
  } catch (error) {
    // A hostile value (getters that throw, cycles) must not break the caller.
    return new CompiledPolicy([], [{ severity: 'error', code: 'policy/unreadable', message: `The policy could not be read: ${(error as Error).message}` }], false, true);
  }
}
