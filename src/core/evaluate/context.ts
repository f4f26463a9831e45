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
import { splitArn } from './arn';
import type { SimulatedRequest } from './request-schema';

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

export class RequestContext {
  private readonly entries = new Map<string, ContextEntry>();
  private readonly uses = new Map<string, string>();
  /** Why a key is absent, by lower-case key or by lower-case key prefix ending in `/`. */
  private readonly absence = new Map<string, string>();

  /** Records why a key (or every key under a `prefix/`) is absent, for explanations. */
  explainAbsence(keyOrPrefix: string, reason: string): void {
    this.absence.set(keyOrPrefix.toLowerCase(), reason);
  }

  /** Why a key is absent from this request, when the request says. */
  absenceReason(key: string): string | undefined {
    const lower = key.toLowerCase();
    const exact = this.absence.get(lower);
    if (exact) return exact;
    const slash = lower.indexOf('/');
    return slash === -1 ? undefined : this.absence.get(lower.slice(0, slash + 1));
  }

  set(entry: ContextEntry): void {
    const lower = entry.key.toLowerCase();
    const previous = this.entries.get(lower);
    if (previous && entry.origin === 'given' && previous.origin === 'derived') entry = { ...entry, replaced: previous.value };
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
    return [...this.uses].map(([lower, key]) => {
      const entry = this.entries.get(lower);
      if (entry) return { key, present: true, value: entry.value, origin: entry.origin, from: entry.from };
      const reason = this.absenceReason(key);
      return reason ? { key, present: false, absentBecause: reason } : { key, present: false };
    });
  }
}

/** The IAM role an assumed-role session ARN belongs to (its path is not part of the session ARN). */
function roleOfSession(arn: string): string | undefined {
  const parts = splitArn(arn);
  if (!parts || parts[1] !== 'sts') return undefined;
  const match = /^assumed-role\/([^/]+)\/.+$/.exec(parts[4]);
  return match ? `arn:${parts[0]}:iam::${parts[3]}:role/${match[1]}` : undefined;
}

export interface DerivedRequest {
  context: RequestContext;
  caller: Caller;
  diagnostics: Diagnostic[];
}

/** Builds the context and the caller of a request. */
export function deriveRequestContext(request: SimulatedRequest): DerivedRequest {
  const context = new RequestContext();
  const diagnostics: Diagnostic[] = [];
  const derived = (key: string, value: ContextValue, from: string) => context.set({ key, value, origin: 'derived', from });
  const principal = request.principal;
  let caller: Caller;
  if (principal.type === 'iam') {
    const arns: string[] = [];
    let principalArn: string | undefined;
    if (principal.arn !== undefined) {
      const parts = splitArn(principal.arn);
      const role = roleOfSession(principal.arn);
      arns.push(principal.arn);
      if (role) arns.push(role);
      principalArn = role ?? principal.arn;
      if (!parts) {
        diagnostics.push({ severity: 'error', code: 'request/principal-arn', message: `The principal ARN "${principal.arn}" is not a complete ARN (arn:partition:service:region:account:resource).`, path: 'principal.arn' });
      } else if (parts[3] !== principal.account) {
        diagnostics.push({ severity: 'warning', code: 'request/principal-account-mismatch', message: `The principal ARN is in account ${parts[3] || '(none)'}, but the request says the principal's account is ${principal.account}.`, path: 'principal.account' });
      }
      const user = parts && parts[1] === 'iam' ? /^user\/(?:.*\/)?([^/]+)$/.exec(parts[4]) : null;
      if (user) derived('aws:username', user[1]!, 'the name of the IAM user');
    }
    derived('aws:PrincipalAccount', principal.account, "the principal's account");
    if (principalArn) derived('aws:PrincipalArn', principalArn, principalArn === principal.arn ? "the principal's ARN" : 'the role of the session ARN');
    if (principal.organizationId) derived('aws:PrincipalOrgID', principal.organizationId, "the organization of the principal's account");
    for (const [tagKey, tagValue] of Object.entries(principal.tags ?? {})) derived(`aws:PrincipalTag/${tagKey}`, tagValue, 'a tag of the principal');
    derived('aws:PrincipalIsAWSService', 'false', 'the request is signed by an IAM principal');
    context.explainAbsence('aws:PrincipalOrgID', principal.organizationId === null ? "the principal's account is in no organization" : "the request does not give the principal's organization");
    context.explainAbsence('aws:PrincipalTag/', 'the principal has no such tag');
    context.explainAbsence('aws:PrincipalArn', 'the request gives only the principal\'s account, not its ARN');
    context.explainAbsence('aws:PrincipalServiceName', 'the caller is not an AWS service principal');
    context.explainAbsence('aws:username', 'the caller is not an IAM user');
    caller = { kind: 'iam', account: principal.account, principalArns: arns, label: principal.arn ?? `a principal of account ${principal.account}` };
    const session = principal.arn !== undefined ? /^arn:[^:]+:sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(principal.arn) : null;
    if (session) caller.sessionRole = { account: session[1]!, name: session[2]! };
  } else if (principal.type === 'service') {
    derived('aws:PrincipalIsAWSService', 'true', 'the request is signed by an AWS service principal');
    derived('aws:PrincipalServiceName', principal.service, 'the service principal');
    const serviceReason = 'a request signed by an AWS service principal carries none of the account, ARN, organization or tag keys';
    for (const key of ['aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalTag/', 'aws:username', 'aws:userid']) context.explainAbsence(key, serviceReason);
    caller = { kind: 'service', service: principal.service, principalArns: [], label: `the service principal ${principal.service}` };
  } else {
    const anonymousReason = 'an anonymous caller carries no principal keys';
    for (const key of ['aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalTag/', 'aws:PrincipalIsAWSService', 'aws:PrincipalServiceName', 'aws:PrincipalType', 'aws:username', 'aws:userid']) {
      context.explainAbsence(key, anonymousReason);
    }
    caller = { kind: 'anonymous', principalArns: [], label: 'an anonymous caller' };
  }

  const resourceParts = splitArn(request.resource);
  const arnAccount = resourceParts && /^\d{12}$/.test(resourceParts[3]) ? resourceParts[3] : undefined;
  const resourceAccount = request.resourceAccount ?? arnAccount;
  if (request.resourceAccount !== undefined) {
    derived('aws:ResourceAccount', request.resourceAccount, "the resource's account");
    if (arnAccount && arnAccount !== request.resourceAccount) {
      diagnostics.push({ severity: 'warning', code: 'request/resource-account-mismatch', message: `The resource ARN is in account ${arnAccount}, but the request says the resource's account is ${request.resourceAccount}.`, path: 'resourceAccount' });
    }
  } else if (arnAccount) {
    derived('aws:ResourceAccount', arnAccount, 'the account segment of the resource ARN');
  }
  if (request.resourceOrganizationId) {
    derived('aws:ResourceOrgID', request.resourceOrganizationId, "the organization of the resource's account");
  } else if (request.resourceOrganizationId === undefined && principal.type === 'iam' && principal.organizationId && resourceAccount === principal.account) {
    derived('aws:ResourceOrgID', principal.organizationId, "the resource is in the caller's account, so in the caller's organization");
  }
  context.explainAbsence('aws:ResourceOrgID', request.resourceOrganizationId === null ? "the resource's account is in no organization" : "the request does not give the resource's organization");
  context.explainAbsence('aws:ResourceAccount', "the request does not give the resource's account and its ARN has none");

  for (const [key, value] of Object.entries(request.context ?? {})) {
    context.set({ key, value, origin: 'given', from: 'given in the request' });
  }
  return { context, caller, diagnostics };
}
