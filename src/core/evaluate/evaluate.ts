/**
 * The request simulator: would this request pass through the endpoint, and why.
 *
 * An endpoint policy is evaluated like any IAM policy (IAM "Policy evaluation logic"): a statement
 * applies when its principal, action, resource and every condition match; any applying Deny
 * statement denies explicitly; otherwise any applying Allow statement allows; otherwise the
 * request is denied implicitly. The endpoint policy only filters: an allowed request still needs
 * the caller's identity policies and the resource's policies to allow it.
 *
 * The result names the deciding statements and, for every statement that does not apply, the
 * first element that failed, checked in the order Principal, Action, Resource, Condition (in the
 * order the policy writes them), in words a person understands.
 */
import { BUDGETS, budgetRule, shortenForDisplay } from '../budgets';
import type { Diagnostic, TextRange } from '../diagnostics';
import { formatCount } from '../text/format-count';
import { WorkBudgetExceeded } from '../policy/wildcard';
import { checkCondition } from './conditions';
import { listInWords, MAX_QUOTED_VALUE_CHARACTERS } from '../text/words';
import {
  deriveRequestContext,
  type Caller,
  type ContextEntry,
  type ContextKeyUse,
  type RequestContext,
} from './context';
import { describeUnresolved } from './policy-pattern';
import {
  CompiledPolicy,
  compilePolicyText,
  compilePolicyValue,
  conditionRangeKey,
  type CompiledStatement,
  type PolicyElement,
  type PrincipalSet,
} from './policy';
import type { Decision, SimulatedRequest } from '../config/request-schema';

export { CompiledPolicy, type PolicyElement } from './policy';
export type { ContextEntry, ContextKeyUse, ContextOrigin, ContextValue } from './context';

/**
 * A policy as text (strict JSON), as a parsed value, or compiled once for many requests. Any
 * other value is reported as not being a policy.
 */
export type PolicySource = string | CompiledPolicy | object | null | undefined;

/** Why a statement does not apply. */
export interface StatementFailure {
  element: PolicyElement;
  /** For a condition: the operator and the context key, as the policy writes them. */
  operator?: string;
  key?: string;
  /** In words: "aws:ResourceOrgID is o-other, the statement requires o-a1b2c3d4e5". */
  message: string;
  /** Where the failing element (or condition key) is in the policy text. */
  range?: TextRange;
}

export interface StatementOutcome {
  /** Position in the Statement list, from 0. */
  index: number;
  sid?: string;
  effect?: 'Allow' | 'Deny';
  /** Whether principal, action, resource and every condition match. */
  applies: boolean;
  /** When it does not apply: the first element or condition that failed. */
  failure?: StatementFailure;
  /** When it applies for a reason a reader may not expect (NotPrincipal naming half of the caller): why. */
  note?: string;
  /** Where the statement is in the policy text. */
  range?: TextRange;
}

export interface EvaluationResult {
  decision: Decision;
  /**
   * The statements that decided: the applying Deny statements for ExplicitDeny, the applying
   * Allow statements for Allowed, none for ImplicitDeny.
   */
  deciding: StatementOutcome[];
  /** Every statement, in policy order. */
  statements: StatementOutcome[];
  /** The verdict in one sentence. */
  summary: string;
  /** Context keys the evaluation read, in the order it read them; absent ones included. */
  contextUsed: ContextKeyUse[];
  /** The whole request context: derived keys and keys given in the request. */
  context: ContextEntry[];
  /** False when AWS would refuse the policy; the verdict is then only indicative. */
  policyValid: boolean;
  /** Problems in the policy, then in the request. */
  diagnostics: Diagnostic[];
  /**
   * Set when the evaluation stopped before it reached a verdict (its work went over budget): why.
   * `decision` is then ImplicitDeny and says nothing about the request.
   */
  withheld?: string;
  /** Steps of wildcard matching the evaluation took. */
  steps: number;
}

const TEXT_CACHE_SIZE = 32;
const textCache = new Map<string, CompiledPolicy>();

/** Codes of policy problems that leave nothing to evaluate: the input is not a policy at all. */
const UNREADABLE_POLICY: ReadonlySet<string> = new Set([
  'json/syntax',
  'json/empty',
  'json/too-deep',
  'input/too-large',
  'input/binary',
  'grammar/not-a-policy',
  'policy/unreadable',
]);

/** The first problem that leaves nothing of the policy to evaluate, if there is one. */
export function unreadablePolicyProblem(
  diagnostics: readonly Diagnostic[],
): Diagnostic | undefined {
  return diagnostics.find((d) => UNREADABLE_POLICY.has(d.code));
}

/** Compiles a policy once; `evaluate` accepts the result for fast repeated evaluation. */
export function compilePolicy(source: PolicySource): CompiledPolicy {
  if (source instanceof CompiledPolicy) return source;
  if (typeof source !== 'string') return compilePolicyValue(source);
  const cached = textCache.get(source);
  if (cached) return cached;
  let compiled: CompiledPolicy;
  try {
    compiled = compilePolicyText(source);
  } catch (error) {
    compiled = new CompiledPolicy(
      [],
      [
        {
          severity: 'error',
          code: 'policy/unreadable',
          message: `The policy could not be read: ${(error as Error).message}`,
        },
      ],
      false,
      true,
    );
  }
  if (textCache.size >= TEXT_CACHE_SIZE) textCache.delete(textCache.keys().next().value!);
  textCache.set(source, compiled);
  return compiled;
}

/** "AllowRequestsByAWSServicePrincipals" or "statement 3" when it has no Sid; a long Sid is cut. */
export function statementLabel(statement: { index: number; sid?: string }): string {
  return statement.sid
    ? shortenForDisplay(statement.sid, MAX_QUOTED_VALUE_CHARACTERS)
    : `statement ${statement.index + 1}`;
}

function principalMatches(set: PrincipalSet, caller: Caller): boolean {
  if (set.everyone) return true;
  if (caller.kind === 'iam') {
    if (caller.account !== undefined && set.accounts.has(caller.account)) return true;
    // A Principal naming a role covers its sessions; the session ARN does not show the role's path.
    return namesCallerArn(set, caller);
  }
  if (caller.kind === 'service')
    return caller.service !== undefined && set.services.has(caller.service);
  return false;
}

/** Whether the set names the role of a session (a role ARN with any path) or the caller's own ARN. */
function namesCallerArn(set: PrincipalSet, caller: Caller): boolean {
  if (caller.principalArns.some((arn) => set.arns.has(arn))) return true;
  const role = caller.sessionRole;
  if (role === undefined) return false;
  for (const arn of set.arns) {
    const match = ROLE_ARN.exec(arn);
    if (match !== null && match[1] === role.account && match[2] === role.name) return true;
  }
  return false;
}

/**
 * Whether NotPrincipal leaves the caller out of a statement. IAM ("AWS JSON policy elements:
 * NotPrincipal", https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html)
 * may check the account, then the role or user, then the role session, and a Deny applies to
 * whichever of them is not named: a user or a role (session) is left out only when its account
 * is named too ("you must also specify the account ARN of the not-denied principal"), and a
 * session only when its role is named. Naming only the account leaves out the account itself,
 * not its users and roles.
 */
function notPrincipalExcludes(set: PrincipalSet, caller: Caller): boolean {
  if (set.everyone) return true;
  if (caller.kind === 'service')
    return caller.service !== undefined && set.services.has(caller.service);
  if (caller.kind !== 'iam' || caller.account === undefined) return false;
  if (!set.accounts.has(caller.account)) return false;
  // A request that names only the account: the account is all there is to check.
  if (caller.principalArns.length === 0) return true;
  return namesCallerArn(set, caller);
}

/** What NotPrincipal would also need to name to leave this caller out, for the explanation. */
function notPrincipalShortfall(set: PrincipalSet, caller: Caller): string | undefined {
  if (caller.kind !== 'iam' || caller.account === undefined) return undefined;
  const accountNamed = set.accounts.has(caller.account);
  const arnNamed = caller.principalArns.length === 0 || namesCallerArn(set, caller);
  if (accountNamed === arnNamed) return undefined;
  return accountNamed
    ? `NotPrincipal names the account ${caller.account} but not ${caller.sessionRole ? `the role ${caller.sessionRole.name}` : caller.label}, so the Deny still applies to the caller`
    : `NotPrincipal names ${caller.sessionRole ? `the role ${caller.sessionRole.name}` : caller.label} but not its account ${caller.account}, and IAM checks the account too, so the Deny still applies`;
}

function principalFailure(set: PrincipalSet, negated: boolean, caller: Caller): string {
  const named = listInWords(set.values);
  if (negated)
    return `the caller, ${caller.label}, is among the principals NotPrincipal excludes (${named})`;
  if (caller.kind === 'anonymous')
    return `the statement names specific principals (${named}), and an anonymous caller matches only "*"`;
  return `the caller, ${caller.label}, is not among the statement's principals (${named})`;
}

function failed(
  statement: CompiledStatement,
  element: PolicyElement,
  message: string,
  extra?: Partial<StatementFailure>,
): StatementFailure {
  const failure: StatementFailure = extra ? { element, message, ...extra } : { element, message };
  if (failure.range === undefined) {
    const range = statement.ranges.get(element);
    if (range) failure.range = range;
  }
  return failure;
}

const ROLE_ARN = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/** Why the request's action does not fall under Action, or falls under NotAction. */
function actionFailure(
  statement: CompiledStatement,
  action: NonNullable<CompiledStatement['action']>,
  request: SimulatedRequest,
  context: RequestContext,
): StatementFailure | undefined {
  const actionMatch = action.list.match(request.action, context);
  if (!action.negated && actionMatch.position === undefined) {
    return failed(
      statement,
      'Action',
      `${request.action} is not among the statement's actions (${action.list.inWords})`,
    );
  }
  if (action.negated && actionMatch.position !== undefined) {
    return failed(
      statement,
      'NotAction',
      `${request.action} matches ${action.list.values[actionMatch.position]}, which NotAction excludes`,
    );
  }
  return undefined;
}

/**
 * Why the request's resource does not fall under Resource, or falls under NotResource; a
 * NotResource whose patterns cannot be resolved for this request is a failure too.
 */
function resourceFailure(
  statement: CompiledStatement,
  resource: NonNullable<CompiledStatement['resource']>,
  request: SimulatedRequest,
  context: RequestContext,
): StatementFailure | undefined {
  const resourceMatch = resource.list.match(request.resource, context);
  if (!resource.negated && resourceMatch.position === undefined) {
    const count = resource.list.values.length;
    const unresolved = resourceMatch.unresolved
      ? `; ${describeUnresolved(resourceMatch.unresolved)}`
      : '';
    return failed(
      statement,
      'Resource',
      `${request.resource} matches none of the statement's ${count === 1 ? 'resource' : `${count} resources`} (${resource.list.inWords})${unresolved}`,
    );
  }
  if (resource.negated) {
    if (resourceMatch.position !== undefined)
      return failed(
        statement,
        'NotResource',
        `${request.resource} matches ${resource.list.values[resourceMatch.position]}, which NotResource excludes`,
      );
    if (resourceMatch.unresolved)
      return failed(
        statement,
        'NotResource',
        `the exclusion cannot be checked: ${describeUnresolved(resourceMatch.unresolved)}`,
      );
  }
  return undefined;
}

/** The first condition of the statement that the request does not meet, pointing at its key. */
function conditionFailure(
  statement: CompiledStatement,
  context: RequestContext,
): StatementFailure | undefined {
  for (const condition of statement.conditions) {
    const problem = checkCondition(condition, context);
    if (problem !== undefined) {
      const extra: Partial<StatementFailure> = {
        operator: condition.operator.text,
        key: condition.key,
      };
      const range =
        statement.ranges.get(conditionRangeKey(condition.operator.text, condition.key)) ??
        statement.ranges.get('Condition');
      if (range) extra.range = range;
      return failed(statement, 'Condition', problem, extra);
    }
  }
  return undefined;
}

/** The first element of the statement that does not match the request, or undefined when it applies. */
function checkStatement(
  statement: CompiledStatement,
  request: SimulatedRequest,
  context: RequestContext,
  caller: Caller,
): StatementFailure | undefined {
  if (
    statement.errors.length > 0 ||
    !statement.principal ||
    !statement.action ||
    !statement.resource ||
    !statement.effect
  ) {
    const first =
      statement.errors[0]?.message.replace(/^Statement \d+: /, '') ?? 'it is incomplete.';
    return failed(
      statement,
      'Statement',
      `the statement has an error, so AWS would refuse the policy: ${first}`,
      statement.range ? { range: statement.range } : undefined,
    );
  }
  const { principal, action, resource } = statement;
  const principalApplies = principal.negated
    ? !notPrincipalExcludes(principal.set, caller)
    : principalMatches(principal.set, caller);
  if (!principalApplies) {
    return failed(
      statement,
      principal.negated ? 'NotPrincipal' : 'Principal',
      principalFailure(principal.set, principal.negated, caller),
    );
  }
  return (
    actionFailure(statement, action, request, context) ??
    resourceFailure(statement, resource, request, context) ??
    conditionFailure(statement, context)
  );
}

function summarize(
  decision: Decision,
  deciding: readonly StatementOutcome[],
  statements: readonly StatementOutcome[],
  request: SimulatedRequest,
): string {
  const labels = listInWords(deciding.map(statementLabel), 'and', 4);
  if (decision === 'Allowed')
    return `Allowed: ${labels} ${deciding.length === 1 ? 'allows' : 'allow'} ${request.action} on ${request.resource}.`;
  if (decision === 'ExplicitDeny')
    return `Denied explicitly: ${labels} ${deciding.length === 1 ? 'denies' : 'deny'} ${request.action} on ${request.resource}.`;
  if (statements.length === 0)
    return 'Denied implicitly: the policy has no statement that could allow the request.';
  return `Denied implicitly: none of the ${statements.length === 1 ? "policy's one statement" : `${statements.length} statements`} allows ${request.action} on ${request.resource}.`;
}

/** A result without a verdict: the evaluation could not finish. */
function withheldResult(
  policy: CompiledPolicy,
  reason: string,
  diagnostic: Diagnostic,
  steps: number,
): EvaluationResult {
  return {
    decision: 'ImplicitDeny',
    deciding: [],
    statements: [],
    summary: `No verdict: ${reason}`,
    contextUsed: [],
    context: [],
    policyValid: policy.valid,
    diagnostics: [...policy.diagnostics, diagnostic],
    withheld: reason,
    steps,
  };
}

/**
 * Evaluates one request against an endpoint policy. Never throws; problems are diagnostics. The
 * wildcard matching of one request is bounded (`BUDGETS.evaluationSteps`); past it, and once
 * `suiteSteps` (the steps a suite has spent so far) reaches the budget of a suite, the result
 * is withheld.
 */
export function evaluate(
  policySource: PolicySource,
  request: SimulatedRequest,
  options: { suiteSteps?: number } = {},
): EvaluationResult {
  const policy = compilePolicy(policySource);
  const suiteLeft = BUDGETS.suiteSteps.limit - (options.suiteSteps ?? 0);
  if (suiteLeft <= 0) {
    const reason = `the suite of saved requests went over its budget of ${budgetRule('suiteSteps')} before this request.`;
    return withheldResult(
      policy,
      reason,
      { severity: 'error', code: 'budget/suite-steps', message: `Not evaluated: ${reason}` },
      0,
    );
  }
  try {
    return evaluateCompiled(policy, request, Math.min(suiteLeft, BUDGETS.evaluationSteps.limit));
  } catch (error) {
    if (error instanceof WorkBudgetExceeded) {
      const reason = `matching the policy's wildcards against this request takes more than ${formatCount(error.limit)} steps (${budgetRule('evaluationSteps')}); the policy's patterns or the request's values are built to be slow.`;
      return withheldResult(
        policy,
        reason,
        { severity: 'error', code: 'budget/evaluation-steps', message: `Not evaluated: ${reason}` },
        error.limit,
      );
    }
    // Only a request that bypassed its schema can get here (e.g. a principal of unknown type).
    return {
      decision: 'ImplicitDeny',
      deciding: [],
      statements: [],
      summary: 'The request could not be evaluated.',
      contextUsed: [],
      context: [],
      policyValid: policy.valid,
      steps: 0,
      diagnostics: [
        ...policy.diagnostics,
        {
          severity: 'error',
          code: 'request/invalid',
          message: `The request is not a valid request description: ${(error as Error).message}`,
        },
      ],
    };
  }
}

function evaluateCompiled(
  policy: CompiledPolicy,
  request: SimulatedRequest,
  stepLimit: number,
): EvaluationResult {
  const { context, caller, diagnostics: requestDiagnostics } = deriveRequestContext(request);
  context.cost.limit = stepLimit;
  const statements: StatementOutcome[] = [];
  let allowing: StatementOutcome[] = [];
  const denying: StatementOutcome[] = [];
  for (const statement of policy.statements) {
    const failure = checkStatement(statement, request, context, caller);
    const outcome: StatementOutcome = { index: statement.index, applies: failure === undefined };
    if (statement.sid !== undefined) outcome.sid = statement.sid;
    if (statement.effect) outcome.effect = statement.effect;
    if (failure) outcome.failure = failure;
    else if (statement.principal?.negated) {
      const note = notPrincipalShortfall(statement.principal.set, caller);
      if (note) outcome.note = note;
    }
    if (statement.range) outcome.range = statement.range;
    statements.push(outcome);
    if (outcome.applies) (statement.effect === 'Deny' ? denying : allowing).push(outcome);
  }
  let decision: Decision = 'ImplicitDeny';
  if (denying.length > 0) {
    decision = 'ExplicitDeny';
    allowing = [];
  } else if (allowing.length > 0) {
    decision = 'Allowed';
  }
  const deciding = decision === 'ExplicitDeny' ? denying : allowing;
  return {
    decision,
    deciding,
    statements,
    summary: summarize(decision, deciding, statements, request),
    contextUsed: context.used(),
    context: context.all(),
    policyValid: policy.valid,
    diagnostics: [...policy.diagnostics, ...requestDiagnostics],
    steps: context.cost.steps,
  };
}
