/**
 * The request context: the keys a real request through the endpoint carries, derived from the
 * description of the caller and the resource, plus the keys the request names explicitly (which
 * override derived ones). Key names are case-insensitive (IAM "Policy elements: Condition").
 *
 * What is derived, per the IAM global condition keys reference:
 * - a signed IAM principal carries aws:PrincipalAccount, aws:PrincipalArn (the role ARN for a
 *   role session), aws:PrincipalOrgID when its account is in an organization, one
 *   aws:PrincipalTag/<key> per tag, aws:PrincipalIsAWSService = false, and aws:username for an
 *   IAM user;
 * - an AWS service principal carries aws:PrincipalIsAWSService = true and aws:PrincipalServiceName,
 *   and none of the account, ARN, organization or tag keys;
 * - an anonymous caller carries no principal key at all;
 * - the resource gives aws:ResourceAccount (from the request, else from the account segment of
 *   its ARN) and aws:ResourceOrgID when its account is in an organization; a resource in the
 *   caller's own account is taken to be in the caller's organization unless the request says
 *   otherwise.
 */
import type { Diagnostic } from '../diagnostics';
import { BUDGETS } from '../budgets';
import type { MatchCost } from '../policy/wildcard';
import { splitArn } from './arn';
import type { RequestPrincipal, SimulatedRequest } from '../config/request-schema';

export type ContextValue = string | string[];

/** Where a context key's value comes from. */
export type ContextOrigin = 'derived' | 'given';

export interface ContextEntry {
  /** The key as written where it was set, e.g. `aws:PrincipalOrgID`. */
  key: string;
  value: ContextValue;
  origin: ContextOrigin;
  /** In words, where the value comes from: "the principal's organization". */
  from: string;
  /** Set when a key given in the request replaced a derived value. */
  replaced?: ContextValue;
}

/** A context key that the evaluation read. */
export interface ContextKeyUse {
  /** The key as the policy writes it. */
  key: string;
  present: boolean;
  value?: ContextValue;
  origin?: ContextOrigin;
  from?: string;
  /** For an absent key, why the request does not carry it, when known. */
  absentBecause?: string;
}

/** Who the caller is, as the Principal element sees it. */
export interface Caller {
  kind: 'iam' | 'service' | 'anonymous';
  account?: string;
  /** ARNs that a Principal element may name to match this caller. */
  principalArns: readonly string[];
  /** For a role session: the role's account and name, which a role ARN with any path names. */
  sessionRole?: { account: string; name: string };
  service?: string;
  /** Short words for explanations: "arn:aws:iam::111122223333:role/app", "anonymous". */
  label: string;
}

/** What the request says about the caller and the resource, to explain absent keys. */
interface AbsenceFacts {
  caller: Caller['kind'];
  principalOrganization: 'none' | 'unknown' | 'known';
  resourceOrganization: 'none' | 'unknown' | 'known';
  hasPrincipalArn: boolean;
}

const SERVICE_ABSENT =
  'a request signed by an AWS service principal carries none of the account, ARN, organization or tag keys';
const SERVICE_LACKS = new Set([
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:username',
  'aws:userid',
]);

export class RequestContext {
  private readonly entries = new Map<string, ContextEntry>();
  private readonly uses = new Map<string, string>();
  /** Wildcard matching done for this request, against the budget of one evaluation. */
  readonly cost: MatchCost = { steps: 0, limit: BUDGETS.evaluationSteps.limit };

  constructor(private readonly facts: AbsenceFacts) {}

  /** Why a key is absent from this request, when the request's description says. */
  absenceReason(key: string): string | undefined {
    const lower = key.toLowerCase();
    const { caller } = this.facts;
    const principalKey =
      lower.startsWith('aws:principal') || lower === 'aws:username' || lower === 'aws:userid';
    if (caller === 'anonymous' && principalKey)
      return 'an anonymous caller carries no principal keys';
    if (caller === 'service' && (SERVICE_LACKS.has(lower) || lower.startsWith('aws:principaltag/')))
      return SERVICE_ABSENT;
    switch (lower) {
      case 'aws:principalorgid':
        return this.facts.principalOrganization === 'none'
          ? "the principal's account is in no organization"
          : "the request does not give the principal's organization";
      case 'aws:principalarn':
        return this.facts.hasPrincipalArn
          ? undefined
          : "the request gives only the principal's account, not its ARN";
      case 'aws:principalservicename':
        return 'the caller is not an AWS service principal';
      case 'aws:username':
        return 'the caller is not an IAM user';
      case 'aws:resourceorgid':
        return this.facts.resourceOrganization === 'none'
          ? "the resource's account is in no organization"
          : "the request does not give the resource's organization";
      case 'aws:resourceaccount':
        return "the request does not give the resource's account and its ARN has none";
      default:
        return lower.startsWith('aws:principaltag/') ? 'the principal has no such tag' : undefined;
    }
  }

  /** Sets a key the request carries by its nature. */
  derive(key: string, value: ContextValue, from: string): void {
    this.entries.set(key.toLowerCase(), { key, value, origin: 'derived', from });
  }

  /** Sets a key the request names explicitly; it replaces a derived value. */
  give(key: string, value: ContextValue): void {
    const lower = key.toLowerCase();
    const previous = this.entries.get(lower);
    const entry: ContextEntry = { key, value, origin: 'given', from: 'given in the request' };
    if (previous?.origin === 'derived') entry.replaced = previous.value;
    this.entries.set(lower, entry);
  }

  /** Reads a key, recording that the evaluation needed it. */
  read(key: string): ContextValue | undefined {
    const lower = key.toLowerCase();
    if (!this.uses.has(lower)) this.uses.set(lower, key);
    return this.entries.get(lower)?.value;
  }

  entry(key: string): ContextEntry | undefined {
    return this.entries.get(key.toLowerCase());
  }

  all(): ContextEntry[] {
    return [...this.entries.values()];
  }

  /** Every key as a plain record, e.g. to hand the same context to another evaluator. */
  values(): Record<string, ContextValue> {
    const out: Record<string, ContextValue> = {};
    for (const entry of this.entries.values()) out[entry.key] = entry.value;
    return out;
  }

  used(): ContextKeyUse[] {
    const out: ContextKeyUse[] = [];
    for (const [lower, key] of this.uses) {
      const entry = this.entries.get(lower);
      if (entry) {
        out.push({
          key,
          present: true,
          value: entry.value,
          origin: entry.origin,
          from: entry.from,
        });
        continue;
      }
      const reason = this.absenceReason(key);
      out.push(reason ? { key, present: false, absentBecause: reason } : { key, present: false });
    }
    return out;
  }
}

const SESSION_ARN = /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/;
const USER_RESOURCE = /^user\/(?:.*\/)?([^/]+)$/;

/** The IAM role an assumed-role session ARN belongs to (its path is not part of the session ARN). */
function roleOfSession(arn: string): string | undefined {
  const parts = splitArn(arn);
  if (!parts || parts.service !== 'sts') return undefined;
  const match = /^assumed-role\/([^/]+)\/.+$/.exec(parts.resource);
  return match ? `arn:${parts.partition}:iam::${parts.account}:role/${match[1]}` : undefined;
}

function organizationFact(value: string | null | undefined): AbsenceFacts['principalOrganization'] {
  return value === null ? 'none' : value === undefined ? 'unknown' : 'known';
}

export interface DerivedRequest {
  context: RequestContext;
  caller: Caller;
  diagnostics: Diagnostic[];
}

type IamPrincipal = Extract<RequestPrincipal, { type: 'iam' }>;

/**
 * Reads the ARN of an IAM caller of `account`: the ARNs a Principal element may name for it, the role of a
 * session, and aws:username for an IAM user; an ARN that is incomplete or in another account
 * than the request says is reported. Returns the ARN aws:PrincipalArn carries.
 */
function readCallerArn(
  arn: string,
  account: string,
  caller: Caller & { principalArns: string[] },
  context: RequestContext,
  diagnostics: Diagnostic[],
): string {
  const parts = splitArn(arn);
  const role = roleOfSession(arn);
  caller.principalArns.push(arn);
  if (role) caller.principalArns.push(role);
  const session = SESSION_ARN.exec(arn);
  if (session) caller.sessionRole = { account: session[1]!, name: session[2]! };
  if (!parts) {
    diagnostics.push({
      severity: 'error',
      code: 'request/principal-arn',
      message: `The principal ARN "${arn}" is not a complete ARN (arn:partition:service:region:account:resource).`,
      path: 'principal.arn',
    });
  } else if (parts.account !== account) {
    diagnostics.push({
      severity: 'warning',
      code: 'request/principal-account-mismatch',
      message: `The principal ARN is in account ${parts.account || '(none)'}, but the request says the principal's account is ${account}.`,
      path: 'principal.account',
    });
  }
  const user = parts && parts.service === 'iam' ? USER_RESOURCE.exec(parts.resource) : null;
  if (user) context.derive('aws:username', user[1]!, 'the name of the IAM user');
  return role ?? arn;
}

/** The caller signed by an IAM principal, and the principal keys its request carries. */
function iamCaller(
  principal: IamPrincipal,
  context: RequestContext,
  diagnostics: Diagnostic[],
): Caller {
  const caller: Caller & { principalArns: string[] } = {
    kind: 'iam',
    account: principal.account,
    principalArns: [],
    label: principal.arn ?? `a principal of account ${principal.account}`,
  };
  const principalArn =
    principal.arn !== undefined
      ? readCallerArn(principal.arn, principal.account, caller, context, diagnostics)
      : undefined;
  context.derive('aws:PrincipalAccount', principal.account, "the principal's account");
  if (principalArn)
    context.derive(
      'aws:PrincipalArn',
      principalArn,
      principalArn === principal.arn ? "the principal's ARN" : 'the role of the session ARN',
    );
  if (principal.organizationId)
    context.derive(
      'aws:PrincipalOrgID',
      principal.organizationId,
      "the organization of the principal's account",
    );
  if (principal.tags)
    for (const tagKey of Object.keys(principal.tags))
      context.derive(
        `aws:PrincipalTag/${tagKey}`,
        principal.tags[tagKey]!,
        'a tag of the principal',
      );
  context.derive('aws:PrincipalIsAWSService', 'false', 'the request is signed by an IAM principal');
  return caller;
}

/**
 * Derives aws:ResourceAccount and aws:ResourceOrgID; a resource in the caller's own account is
 * taken to be in the caller's organization unless the request says otherwise.
 */
function deriveResourceKeys(
  request: SimulatedRequest,
  context: RequestContext,
  diagnostics: Diagnostic[],
): void {
  const { principal } = request;
  const resourceParts = splitArn(request.resource);
  const arnAccount =
    resourceParts && /^\d{12}$/.test(resourceParts.account) ? resourceParts.account : undefined;
  const resourceAccount = request.resourceAccount ?? arnAccount;
  if (request.resourceAccount !== undefined) {
    context.derive('aws:ResourceAccount', request.resourceAccount, "the resource's account");
    if (arnAccount && arnAccount !== request.resourceAccount) {
      diagnostics.push({
        severity: 'warning',
        code: 'request/resource-account-mismatch',
        message: `The resource ARN is in account ${arnAccount}, but the request says the resource's account is ${request.resourceAccount}.`,
        path: 'resourceAccount',
      });
    }
  } else if (arnAccount) {
    context.derive('aws:ResourceAccount', arnAccount, 'the account segment of the resource ARN');
  }
  if (request.resourceOrganizationId) {
    context.derive(
      'aws:ResourceOrgID',
      request.resourceOrganizationId,
      "the organization of the resource's account",
    );
  } else if (
    request.resourceOrganizationId === undefined &&
    principal.type === 'iam' &&
    principal.organizationId &&
    resourceAccount === principal.account
  ) {
    context.derive(
      'aws:ResourceOrgID',
      principal.organizationId,
      "the resource is in the caller's account, so in the caller's organization",
    );
  }
}

/** Builds the context and the caller of a request. */
export function deriveRequestContext(request: SimulatedRequest): DerivedRequest {
  const diagnostics: Diagnostic[] = [];
  const principal = request.principal;
  const context = new RequestContext({
    caller: principal.type,
    principalOrganization:
      principal.type === 'iam' ? organizationFact(principal.organizationId) : 'unknown',
    resourceOrganization: organizationFact(request.resourceOrganizationId),
    hasPrincipalArn: principal.type === 'iam' && principal.arn !== undefined,
  });
  let caller: Caller;
  if (principal.type === 'iam') {
    caller = iamCaller(principal, context, diagnostics);
  } else if (principal.type === 'service') {
    context.derive(
      'aws:PrincipalIsAWSService',
      'true',
      'the request is signed by an AWS service principal',
    );
    context.derive('aws:PrincipalServiceName', principal.service, 'the service principal');
    caller = {
      kind: 'service',
      service: principal.service,
      principalArns: [],
      label: `the service principal ${principal.service}`,
    };
  } else if (principal.type === 'anonymous') {
    caller = { kind: 'anonymous', principalArns: [], label: 'an anonymous caller' };
  } else {
    throw new Error(`unknown principal type ${String((principal as { type?: unknown }).type)}`);
  }
  deriveResourceKeys(request, context, diagnostics);

  if (request.context)
    for (const key of Object.keys(request.context)) context.give(key, request.context[key]!);
  return { context, caller, diagnostics };
}
