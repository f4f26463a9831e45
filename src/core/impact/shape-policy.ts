/**
 * A designed policy compiled once, with the verdicts it gave, so that requests the policy cannot
 * tell apart are evaluated once. A month of traffic holds tens of thousands of shapes, and most
 * differ only in what the policy does not read: the object key below a bucket (the policy names
 * buckets, `bucket/*`), the role behind a session or the accounts on each side (the policy
 * checks their organizations, not their ARNs or ids). What the policy reads is found in the policy document itself: a
 * policy that names object keys, principal ARNs or uses policy variables is evaluated for every
 * distinct request, exactly as before.
 */
import { evaluate, statementLabel } from '../evaluate/evaluate';
import type { CompiledPolicy } from '../evaluate/policy';
import type { Decision, SimulatedRequest } from '../config/request-schema';

/** What the evaluator said about a request, as much as the report reads. */
export interface Verdict {
  decision: Decision;
  /** Labels (Sid, or "statement N") of the statements that decided. */
  deciding: string[];
}

/** Condition keys the evaluator derives from the accounts of the principal and the resource. */
const ACCOUNT_KEYS: ReadonlySet<string> = new Set(['aws:principalaccount', 'aws:resourceaccount']);

/** Condition keys the evaluator derives from the principal's ARN. */
const PRINCIPAL_ARN_KEYS: ReadonlySet<string> = new Set([
  'aws:principalarn',
  'aws:username',
  'aws:userid',
]);
const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_ROOT = /^arn:[^:]+:iam::\d{12}:root$/;

/**
 * The bucket's ARN and a slash when the resource is an S3 object ARN (`arn:aws:s3:::bucket/key`):
 * the part a bucket-level pattern can read. Read by hand, since it runs for every evaluation.
 */
export function s3BucketPrefix(resource: string): string | undefined {
  if (!resource.startsWith('arn:')) return undefined;
  const partitionEnd = resource.indexOf(':', 4);
  if (partitionEnd < 5 || !resource.startsWith(':s3:::', partitionEnd)) return undefined;
  const bucketStart = partitionEnd + 6;
  const slash = resource.indexOf('/', bucketStart);
  if (slash <= bucketStart) return undefined;
  return resource.slice(0, slash + 1);
}

/** What the policy document lets a request's evaluation depend on. */
interface PolicyReads {
  /** Whether a Principal names an ARN below an account, or a condition reads an ARN-derived key. */
  principalArn: boolean;
  /** Whether a Principal names an account (or anything but everyone), or a condition reads one. */
  accounts: boolean;
  /** Values of every Resource and NotResource element; undefined when they cannot be listed. */
  resourcePatterns: string[] | undefined;
}

function valuesOf(element: unknown): unknown[] {
  return Array.isArray(element) ? element : [element];
}

/** Reads the policy document conservatively: anything unexpected counts as read. */
function readsOf(document: unknown): PolicyReads {
  const everything: PolicyReads = {
    principalArn: true,
    accounts: true,
    resourcePatterns: undefined,
  };
  let text: string;
  try {
    text = JSON.stringify(document);
  } catch {
    return everything;
  }
  if (typeof text !== 'string' || text.includes('${')) return everything;
  const statements = (document as { Statement?: unknown } | null)?.Statement;
  if (statements === undefined) return everything;
  let principalArn = false;
  let accounts = false;
  const resourcePatterns: string[] = [];
  for (const statement of valuesOf(statements)) {
    if (typeof statement !== 'object' || statement === null) return everything;
    const s = statement as Record<string, unknown>;
    // NotPrincipal tells a request that names its ARN from one that names only its account.
    if (s.NotPrincipal !== undefined) principalArn = accounts = true;
    for (const element of [s.Principal, s.NotPrincipal]) {
      if (element === undefined || element === '*') continue;
      if (typeof element !== 'object' || element === null) return everything;
      for (const [type, values] of Object.entries(element)) {
        if (type !== 'AWS') continue;
        for (const value of valuesOf(values)) {
          if (value !== '*') accounts = true;
          if (
            typeof value !== 'string' ||
            !(value === '*' || ACCOUNT_ID.test(value) || ACCOUNT_ROOT.test(value))
          )
            principalArn = true;
        }
      }
    }
    for (const element of [s.Resource, s.NotResource]) {
      if (element === undefined) continue;
      for (const value of valuesOf(element)) {
        if (typeof value !== 'string') return everything;
        resourcePatterns.push(value);
      }
    }
    if (s.Condition !== undefined) {
      if (typeof s.Condition !== 'object' || s.Condition === null) return everything;
      for (const block of Object.values(s.Condition)) {
        if (typeof block !== 'object' || block === null) return everything;
        for (const key of Object.keys(block)) {
          if (PRINCIPAL_ARN_KEYS.has(key.toLowerCase())) principalArn = true;
          if (ACCOUNT_KEYS.has(key.toLowerCase())) accounts = true;
        }
      }
    }
  }
  return { principalArn, accounts, resourcePatterns };
}

/**
 * What a Resource value can tell apart among the S3 object ARNs that start with `prefix` (a
 * bucket's ARN and a slash), `service` being `arn:<partition>:s3:::`:
 * - `none`: it matches none of them;
 * - `all`: literal text (with no `?`) within `service`, then one `*`: the same answer for every
 *   S3 ARN of the partition;
 * - `bucket`: literal text within `prefix`, then one `*`: the same answer for every key;
 * - `key`: anything else: the answer may depend on the key.
 * Matching is case-sensitive and, in the first five ARN segments, a wildcard never stands for a
 * colon: every ARN of the class splits into the same segments, so the rules hold segment by segment.
 */
export function patternReach(
  pattern: string,
  prefix: string,
  service: string,
): 'none' | 'all' | 'bucket' | 'key' {
  let wildcard = -1;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 42 || c === 63) {
      wildcard = i;
      break;
    }
  }
  if (wildcard === -1) return pattern.startsWith(prefix) ? 'key' : 'none';
  const common = Math.min(wildcard, prefix.length);
  if (pattern.slice(0, common) !== prefix.slice(0, common)) return 'none';
  if (wildcard !== pattern.length - 1 || pattern.charCodeAt(wildcard) !== 42) return 'key';
  return wildcard <= service.length ? 'all' : wildcard <= prefix.length ? 'bucket' : 'key';
}

/** A compiled policy and the verdicts it gave, by request class. */
export class ShapePolicy {
  private readonly reads: PolicyReads;
  private readonly verdicts = new Map<string, Verdict>();
  /** The class of the objects of each bucket (by its ARN and a slash); '' when keys matter. */
  private readonly classes = new Map<string, string>();

  constructor(
    readonly compiled: CompiledPolicy,
    /** The policy document the policy was compiled from. */
    document: unknown,
  ) {
    this.reads = readsOf(document);
  }

  /**
   * The class of a resource: an S3 object ARN stands for every key of its bucket when the policy
   * reads no key of it, and for every bucket the policy names in no way.
   */
  private resourceClass(resource: string): string {
    const patterns = this.reads.resourcePatterns;
    const prefix = patterns ? s3BucketPrefix(resource) : undefined;
    if (!prefix || !patterns) return `=${resource}`;
    let cls = this.classes.get(prefix);
    if (cls === undefined) {
      const service = prefix.slice(0, prefix.indexOf(':::') + 3);
      let widest: 'all' | 'bucket' | 'key' = 'all';
      for (const pattern of patterns) {
        const reach = patternReach(pattern, prefix, service);
        if (reach === 'key') widest = 'key';
        else if (reach === 'bucket' && widest === 'all') widest = 'bucket';
        if (widest === 'key') break;
      }
      cls = widest === 'all' ? `*${service}` : widest === 'bucket' ? `/${prefix}` : '';
      this.classes.set(prefix, cls);
    }
    return cls === '' ? `=${resource}` : cls;
  }

  /** A key that two requests share only when this policy cannot tell them apart. */
  private requestKey(request: SimulatedRequest): string {
    const principal = request.principal;
    // Without the resource's organization, the evaluator takes the caller's when both accounts
    // are the same: the accounts then matter whatever the policy names.
    const accounts = this.reads.accounts || request.resourceOrganizationId === undefined;
    let who: string;
    if (principal.type === 'iam') {
      who = `i${accounts ? principal.account : ''}\u0002${principal.organizationId === undefined ? '?' : `${principal.organizationId}`}\u0002${this.reads.principalArn ? (principal.arn ?? '') : ''}\u0002${principal.tags ? JSON.stringify(principal.tags) : ''}`;
    } else if (principal.type === 'service') {
      who = `s${principal.service}`;
    } else {
      who = principal.type;
    }
    const resourceOrganization =
      request.resourceOrganizationId === undefined ? '?' : `${request.resourceOrganizationId}`;
    return `${who}\u0001${request.action}\u0001${accounts ? (request.resourceAccount ?? '') : ''}\u0001${resourceOrganization}\u0001${request.context ? JSON.stringify(request.context) : ''}\u0001${this.resourceClass(request.resource)}`;
  }

  /** The verdict for a request, evaluated once per class of requests the policy cannot tell apart. */
  decide(request: SimulatedRequest): Verdict {
    const key = this.requestKey(request);
    const known = this.verdicts.get(key);
    if (known) return known;
    const result = evaluate(this.compiled, request);
    const verdict: Verdict = {
      decision: result.decision,
      deciding: result.deciding.map(statementLabel),
    };
    // A verdict withheld for going over the work budget says nothing about the class.
    if (result.withheld === undefined) this.verdicts.set(key, verdict);
    return verdict;
  }
}
