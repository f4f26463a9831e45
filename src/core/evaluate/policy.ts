/**
 * An endpoint policy compiled for evaluation. The text is read by the validator's policy reader
 * (strict JSON, grammar, positions), so the simulator and the validator agree on what a policy
 * says and report its problems alike; a parsed value is read through its JSON text. Nothing
 * throws: each problem is a diagnostic, and a statement with an error is kept but never applies,
 * since AWS would refuse the whole policy.
 */
import type { Diagnostic, DiagnosticCode, TextRange } from '../diagnostics';
import { Findings, LineIndex, type Span } from '../policy/findings';
import { readPolicyJson } from '../policy/policy-json';
import {
  CURRENT_POLICY_VERSION,
  readPolicyModel,
  type ParsedStatement,
  type PrincipalElement,
} from '../policy/policy-model';
import { measurePolicy } from '../policy/size';
import { compileCondition, decimalText, type CompiledCondition } from './conditions';
import { PatternList } from './pattern-list';

export type PolicyElement =
  | 'Statement'
  | 'Effect'
  | 'Principal'
  | 'NotPrincipal'
  | 'Action'
  | 'NotAction'
  | 'Resource'
  | 'NotResource'
  | 'Condition';

/** The principals a Principal or NotPrincipal element names. */
export interface PrincipalSet {
  /** `"*"` or `{"AWS": "*"}`: every caller, anonymous ones included. */
  everyone: boolean;
  /** Accounts named by id or by `arn:...:iam::<id>:root`: every principal of the account. */
  accounts: ReadonlySet<string>;
  arns: ReadonlySet<string>;
  services: ReadonlySet<string>;
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
  /** Where each element is; conditions by `conditionRangeKey(operator, key)`. */
  ranges: Map<string, TextRange>;
}

/** A policy ready to be evaluated many times. */
export class CompiledPolicy {
  constructor(
    readonly statements: readonly CompiledStatement[],
    readonly diagnostics: readonly Diagnostic[],
    /** False when AWS would refuse the policy (syntax, grammar or size errors). */
    readonly valid: boolean,
    /** Whether `${...}` policy variables are substituted (Version 2012-10-17). */
    readonly variables: boolean,
  ) {}
}

export function conditionRangeKey(operator: string, key: string): string {
  return `${operator}\u0000${key}`;
}

const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_ROOT_ARN = /^arn:[^:]+:iam::(\d{12}):root$/;

function principalSet(element: PrincipalElement): PrincipalSet {
  const accounts = new Set<string>();
  const arns = new Set<string>();
  const services = new Set<string>();
  const values =
    element.any && element.entries.length === 0
      ? ['*']
      : element.entries.map((entry) => entry.value.value);
  for (const { type, value } of element.entries) {
    if (type === 'AWS') {
      const root = ACCOUNT_ROOT_ARN.exec(value.value);
      if (ACCOUNT_ID.test(value.value)) accounts.add(value.value);
      else if (root) accounts.add(root[1]!);
      else if (value.value !== '*') arns.add(value.value);
    } else if (type === 'Service') {
      services.add(value.value);
    }
    // Federated and canonical-user principals never sign the requests simulated here.
  }
  return { everyone: element.any, accounts, arns, services, values };
}

/** The index of the statement a diagnostic path such as `Statement[2].Effect` points into. */
function statementOf(path: string | undefined, single: boolean): number | undefined {
  if (path === undefined) return undefined;
  const match = /^Statement(?:\[(\d+)\])?(?:[.[]|$)/.exec(path);
  if (!match) return undefined;
  if (match[1] !== undefined) return Number(match[1]);
  return single && path !== 'Statement' ? 0 : undefined;
}

function compileStatement(
  statement: ParsedStatement,
  variables: boolean,
  errors: Diagnostic[],
  range: (span: Span) => TextRange | undefined,
): CompiledStatement {
  const compiled: CompiledStatement = {
    index: statement.index,
    errors,
    conditions: [],
    ranges: new Map(),
  };
  const at = (name: string, span: Span | undefined) => {
    const where = span ? range(span) : undefined;
    if (where) compiled.ranges.set(name, where);
  };
  const statementRange = range(statement.span);
  if (statementRange) compiled.range = statementRange;
  if (statement.sid) compiled.sid = statement.sid.value;
  if (statement.effect) compiled.effect = statement.effect;
  at('Effect', statement.effectSpan);
  if (statement.principal) {
    compiled.principal = {
      negated: statement.principal.element === 'NotPrincipal',
      set: principalSet(statement.principal),
    };
    at(statement.principal.element, statement.principal.key);
  }
  const patterns = (
    element: NonNullable<ParsedStatement['action' | 'resource']>,
    kind: 'action' | 'resource',
  ) => {
    at(element.element, element.key);
    return {
      negated: element.element.startsWith('Not'),
      list: new PatternList(
        kind,
        element.values.map((v) => v.value),
        kind === 'resource' && variables,
      ),
    };
  };
  if (statement.action) compiled.action = patterns(statement.action, 'action');
  if (statement.resource) compiled.resource = patterns(statement.resource, 'resource');
  at('Condition', statement.conditionSpan);
  for (const entry of statement.conditions) {
    // An unknown operator is already an error of the statement, which then never applies.
    if (!entry.operator) continue;
    compiled.conditions.push(
      compileCondition(
        entry.operator,
        entry.key,
        // A number is compared as JSON reads it (1e3 as 1000), not as the policy writes it.
        entry.values.map((v) => (v.kind === 'number' ? decimalText(Number(v.value)) : v.value)),
        variables,
      ),
    );
    at(conditionRangeKey(entry.operatorText, entry.key), entry.keySpan);
  }
  return compiled;
}

function compileText(text: string, withRanges: boolean): CompiledPolicy {
  const lines = new LineIndex(text);
  const findings = new Findings(lines);
  const json = readPolicyJson(text, findings);
  const model =
    json.root && json.value !== undefined ? readPolicyModel(json.root, findings) : undefined;
  if (model) measurePolicy(text, undefined, findings);
  const diagnostics = findings.finish();
  if (!withRanges) for (const diagnostic of diagnostics) delete diagnostic.range;
  const valid = model !== undefined && !diagnostics.some((d) => d.severity === 'error');
  if (!model) return new CompiledPolicy([], diagnostics, false, true);

  const variables = model.version?.value === CURRENT_POLICY_VERSION;
  const statementValue = (json.value as { Statement?: unknown }).Statement;
  const single =
    typeof statementValue === 'object' && statementValue !== null && !Array.isArray(statementValue);
  const errorsOf = new Map<number, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity !== 'error') continue;
    const index = statementOf(diagnostic.path, single);
    if (index === undefined) continue;
    const list = errorsOf.get(index) ?? [];
    list.push(diagnostic);
    errorsOf.set(index, list);
  }
  const range = (span: Span) => (withRanges ? lines.range(span.offset, span.length) : undefined);
  const statements = model.statements.map((statement) =>
    compileStatement(statement, variables, errorsOf.get(statement.index) ?? [], range),
  );
  // A statement the reader could not read at all (not an object) still has its place in the verdict.
  for (const [index, errors] of errorsOf) {
    if (statements.some((s) => s.index === index)) continue;
    const stub: CompiledStatement = { index, errors, conditions: [], ranges: new Map() };
    if (errors[0]?.range) stub.range = errors[0].range;
    statements.push(stub);
  }
  statements.sort((a, b) => a.index - b.index);
  return new CompiledPolicy(statements, diagnostics, valid, variables);
}

/** Reads a policy text: strict JSON, as AWS accepts it. */
export function compilePolicyText(text: string): CompiledPolicy {
  return compileText(text, true);
}

/** A policy with nothing to evaluate, and the one error that says why. */
function unreadable(code: DiagnosticCode, message: string): CompiledPolicy {
  return new CompiledPolicy([], [{ severity: 'error', code, message }], false, true);
}

/** Reads a parsed policy value (an object as JSON.parse gives it), through its JSON text. */
export function compilePolicyValue(value: unknown): CompiledPolicy {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    // A hostile value (getters that throw, cycles) must not break the caller.
    return unreadable(
      'policy/unreadable',
      `The policy could not be read: ${(error as Error).message}`,
    );
  }
  if (text === undefined) {
    return unreadable(
      'grammar/not-a-policy',
      `A policy is a JSON object with Version and Statement, not ${String(value)}.`,
    );
  }
  try {
    return compileText(text, false);
  } catch (error) {
    return unreadable(
      'policy/unreadable',
      `The policy could not be read: ${(error as Error).message}`,
    );
  }
}
