/**
 * The impact report: for each endpoint service and region, the shapes the designed policies allow
 * and those they would deny, with the deciding reason in words, the change that would admit each
 * legitimate-looking denied shape, exfiltration-like shapes flagged, and the requests that were
 * actually denied (`VpceAccessDenied`) replayed against the design.
 */
import { catalog as bundledCatalog, type Catalog } from '../catalog/catalog';
import type { ServiceId } from '../catalog/ids';
import type { PerimeterConfig } from '../config/schema';
import type { ImpactCollection, UnmappedEvents } from './collect';
import {
  AwsOwnedProbe,
  awsOwnedAccounts,
  designCovers,
  evaluateShape,
  PolicyCache,
  shapeFacts,
  type ShapeDecision,
  type ShapeFacts,
} from './evaluate-shapes';
import { DesignSelection, findFixes, type FixContext, type ShapeFix } from './fixes';
import { sortedShapes, type ImpactShape } from './shapes';

export type DenialReason =
  | 'foreign-principal'
  | 'foreign-resource'
  | 'aws-owned-not-covered'
  | 'third-party'
  | 'anonymous'
  | 'federation'
  | 'service-principal'
  | 'statement-off'
  | 'resource-unknown'
  | 'other';

/** Shapes that should be looked at rather than admitted. */
export type ShapeFlag = 'exfiltration' | 'foreign-credentials';

export interface ShapeResult {
  shape: ImpactShape;
  decision: ShapeDecision;
  /** Sids (or labels) of the statements that allow it. */
  deciding: string[];
  reason?: DenialReason;
  /** Why, in words. */
  explanation: string;
  flag?: ShapeFlag;
  /** Denied, and nothing suggests it should be: enforcing the design would break it. */
  legitimate: boolean;
  /** Confirmed changes that admit it, the narrowest first. */
  fixes: ShapeFix[];
  principalInside?: boolean;
  resourceInside?: boolean;
  resourceAwsOwned: boolean;
  /** For shapes the endpoint denied at the time: what the design does with them. */
  replay?: string;
}

export interface VerdictCounts {
  shapes: number;
  events: number;
}

export interface ImpactGroup {
  service: ServiceId;
  region: string;
  /** The design does not cover this endpoint: its service or region is not selected. */
  outsideDesign: boolean;
  allowed: VerdictCounts;
  denied: VerdictCounts;
  undetermined: VerdictCounts;
  results: ShapeResult[];
}

export interface ForeignAccount {
  account: string;
  /** Events where it signed the request. */
  asPrincipal: number;
  /** Events where it owned the resource. */
  asResource: number;
}

export interface TimelineDay {
  day: string;
  allowed: number;
  denied: number;
  undetermined: number;
}

export interface ImpactReport {
  organizationId: string;
  /** Accounts counted as the organization's. */
  organizationAccounts: number;
  totals: {
    events: number;
    /** Events through an endpoint that were mapped to a request. */
    analyzed: number;
    shapes: number;
    allowed: VerdictCounts;
    denied: VerdictCounts;
    undetermined: VerdictCounts;
    /** Denied shapes that look legitimate: the ones that would break. */
    legitimateDenied: VerdictCounts;
    flagged: VerdictCounts;
    unmapped: number;
    withoutEndpoint: number;
  };
  groups: ImpactGroup[];
  unmapped: UnmappedEvents[];
  withoutEndpoint: { eventSource: string; events: number }[];
  foreignAccounts: ForeignAccount[];
  timeline: TimelineDay[];
  /** Events the endpoints denied at the time (`VpceAccessDenied`), replayed. */
  observedDenials: { events: number; stillDenied: number; nowAllowed: number };
  /** Problems with the inputs as a whole, e.g. an empty account list. */
  notes: string[];
}

export interface ImpactOptions {
  config: PerimeterConfig;
  /** Accounts of the organization, on top of the configuration's `organizationAccounts`. */
  accounts: ReadonlySet<string>;
  catalog?: Catalog;
}

/** Actions that put data somewhere: by our principal on a foreign resource, they look like exfiltration. */
const WRITE_VERBS =
  /^(Put|Create|Upload|Copy|Complete|Write|Send|Publish|Replicate|Initiate|Append|Import|Submit|Restore|Start)/;

export function isWriteAction(action: string): boolean {
  return WRITE_VERBS.test(action.slice(action.indexOf(':') + 1));
}

function counts(): VerdictCounts {
  return { shapes: 0, events: 0 };
}

function add(target: VerdictCounts, shape: ImpactShape): void {
  target.shapes++;
  target.events += shape.count;
}

function principalWords(shape: ImpactShape): string {
  if (shape.principalArn) return shape.principalArn;
  if (shape.principalAccount) return `a principal of account ${shape.principalAccount}`;
  if (shape.servicePrincipal) return `the service principal ${shape.servicePrincipal}`;
  if (shape.principalKind === 'web-identity') return 'a web identity federation call';
  if (shape.principalKind === 'saml-user') return 'a SAML federation call';
  return 'an anonymous caller';
}

function denialReason(
  shape: ImpactShape,
  facts: ShapeFacts,
  selection: DesignSelection,
  fixes: readonly ShapeFix[],
): { reason: DenialReason; words: string } {
  const who = principalWords(shape);
  // Federation calls are unsigned: only the STS federation statement, which checks the role's
  // organization, can admit them, so this reason comes before any other.
  if (shape.principalKind === 'web-identity' || shape.principalKind === 'saml-user')
    return {
      reason: 'federation',
      words: `${who} is unsigned: it carries no principal organization, so only the STS federation statement (aws:ResourceOrgID of the role) can admit it`,
    };
  if (
    fixes[0]?.kind === 'data-access-pattern' ||
    (facts.resourceAwsOwned && facts.principalInside !== false)
  )
    return {
      reason: 'aws-owned-not-covered',
      words: `${shape.resourceExample} belongs to AWS, and no selected data access pattern covers ${shape.action} on it`,
    };
  if (shape.principalKind === 'anonymous')
    return {
      reason: 'anonymous',
      words: `an unsigned (anonymous) request, and no AWS-owned resource statement names ${shape.resourceExample}`,
    };
  if (shape.servicePrincipal)
    return {
      reason: 'service-principal',
      words: `a request signed by the AWS service principal ${shape.servicePrincipal}, and the statement for AWS service principals is off`,
    };
  if (facts.principalInside === false && facts.resourceInside === false)
    return {
      reason: 'third-party',
      words: `${who} is outside the organization and so is the resource (account ${shape.resourceAccount}); no trusted third-party statement lists them`,
    };
  if (facts.principalInside === false)
    return {
      reason: 'foreign-principal',
      words: `the caller's account ${shape.principalAccount} is not in the organization`,
    };
  if (facts.resourceInside === false)
    return {
      reason: 'foreign-resource',
      words: `the resource's account ${shape.resourceAccount} is not in the organization`,
    };
  if (
    facts.resourceInside === true &&
    !selection.statementsOn(shape.service).includes('AllowRequestsByOrgsIdentitiesToOrgsResources')
  )
    return {
      reason: 'statement-off',
      words:
        'our identity on our resource, but the statement for our identities and resources is off',
    };
  return { reason: 'other', words: 'no statement of the designed policy allows it' };
}

/**
 * What the evaluated shapes add up to: the totals, the groups per endpoint, the accounts outside
 * the organization, the days and the replayed denials. Filled shape by shape, in the shapes' order.
 */
class ImpactTally {
  readonly groups = new Map<string, ImpactGroup>();
  readonly foreign = new Map<string, ForeignAccount>();
  readonly timeline = new Map<string, TimelineDay>();
  readonly observed = { events: 0, stillDenied: 0, nowAllowed: 0 };
  readonly totals: ImpactReport['totals'];

  constructor(
    collection: ImpactCollection,
    private readonly accounts: ReadonlySet<string>,
    private readonly awsAccounts: ReadonlySet<string>,
  ) {
    this.totals = {
      events: collection.events,
      analyzed: 0,
      shapes: collection.shapes.length,
      allowed: counts(),
      denied: counts(),
      undetermined: counts(),
      legitimateDenied: counts(),
      flagged: counts(),
      unmapped: collection.unmapped.reduce((sum, u) => sum + u.count, 0),
      withoutEndpoint: Object.values(collection.withoutEndpoint).reduce((a, b) => a + b, 0),
    };
  }

  /** The group of the shape's endpoint, created on its first shape. */
  groupOf(shape: ImpactShape, config: PerimeterConfig): ImpactGroup {
    const groupKey = `${shape.service}\u0001${shape.region}`;
    let group = this.groups.get(groupKey);
    if (!group) {
      group = {
        service: shape.service,
        region: shape.region,
        outsideDesign: !designCovers(config, shape.service, shape.region),
        allowed: counts(),
        denied: counts(),
        undetermined: counts(),
        results: [],
      };
      this.groups.set(groupKey, group);
    }
    return group;
  }

  /** Counts the events of an account that is neither the organization's nor AWS's. */
  noteForeign(account: string | undefined, field: 'asPrincipal' | 'asResource', n: number): void {
    if (account === undefined || this.accounts.has(account) || this.awsAccounts.has(account))
      return;
    let entry = this.foreign.get(account);
    if (!entry) {
      entry = { account, asPrincipal: 0, asResource: 0 };
      this.foreign.set(account, entry);
    }
    entry[field] += n;
  }

  /** Adds the explained result to its group, the totals and the timeline. */
  count(group: ImpactGroup, result: ShapeResult): void {
    const { shape, decision } = result;
    add(group[decision], shape);
    add(this.totals[decision], shape);
    if (decision === 'denied')
      add(result.legitimate ? this.totals.legitimateDenied : this.totals.flagged, shape);
    if (shape.deniedByEndpoint > 0) this.replayObservedDenials(result);
    for (const day in shape.days) {
      let entry = this.timeline.get(day);
      if (!entry) {
        entry = { day, allowed: 0, denied: 0, undetermined: 0 };
        this.timeline.set(day, entry);
      }
      entry[decision] += shape.days[day]!;
    }
  }

  /** Requests the endpoint denied at the time, replayed: what the design does with them. */
  private replayObservedDenials(result: ShapeResult): void {
    const { shape, decision } = result;
    this.observed.events += shape.deniedByEndpoint;
    if (decision === 'allowed') {
      this.observed.nowAllowed += shape.deniedByEndpoint;
      result.replay = `the endpoint denied ${shape.deniedByEndpoint} of these requests (VpceAccessDenied); the designed policy would allow them (${result.deciding.join(', ')})`;
    } else {
      this.observed.stillDenied += shape.deniedByEndpoint;
      result.replay = `the endpoint denied ${shape.deniedByEndpoint} of these requests (VpceAccessDenied); the designed policy would ${decision === 'denied' ? 'still deny them' : 'deny them unless the resource is in the organization'}: ${result.explanation}`;
    }
  }
}

/**
 * Explains a denied shape: flags what looks like exfiltration or foreign credentials, finds the
 * fixes of the rest and says why it is denied.
 */
function explainDenial(result: ShapeResult, facts: ShapeFacts, fixContext: FixContext): void {
  const { shape } = result;
  const { config, selection } = fixContext;
  const exfiltration =
    facts.principalInside === true &&
    facts.resourceInside === false &&
    !facts.resourceAwsOwned &&
    isWriteAction(shape.action);
  const trustedPartner =
    shape.principalAccount !== undefined &&
    (config.parameters?.thirdPartyIdentitiesToThirdPartyResources?.accounts ?? []).includes(
      shape.principalAccount,
    );
  if (exfiltration) result.flag = 'exfiltration';
  else if (facts.principalInside === false && !trustedPartner) result.flag = 'foreign-credentials';
  result.fixes = findFixes(fixContext, shape, facts, { exfiltration });
  const { reason, words } = denialReason(shape, facts, selection, result.fixes);
  result.reason = reason;
  result.explanation =
    result.flag === 'exfiltration'
      ? `${words}: ${principalWords(shape)} writing (${shape.action}) to a resource outside the organization looks like exfiltration`
      : result.flag === 'foreign-credentials'
        ? `${words}: credentials from outside the organization used through our endpoint`
        : words;
  result.legitimate = result.flag === undefined;
}

/** Evaluates every shape and builds the report. */
export function buildImpactReport(
  collection: ImpactCollection,
  options: ImpactOptions,
): ImpactReport {
  const catalog = options.catalog ?? bundledCatalog;
  const { config } = options;
  const organizationId = config.organizationIds[0];
  if (organizationId === undefined)
    throw new Error(
      'the configuration names no organization id: the perimeter cannot be evaluated without one',
    );
  const accounts = new Set([...(config.organizationAccounts ?? []), ...options.accounts]);
  const awsAccounts = awsOwnedAccounts(catalog);
  const policies = new PolicyCache(catalog);
  const probe = new AwsOwnedProbe(policies, catalog, organizationId);
  const selection = new DesignSelection(config, catalog);
  const fixContext: FixContext = { config, catalog, policies, organizationId, selection };
  const tally = new ImpactTally(collection, accounts, awsAccounts);
  // Verdicts are shared by the shapes of a request class, and so is their explanation.
  const explanations = new Map<readonly string[], string>();
  const allowedBy = (deciding: readonly string[]) => {
    let words = explanations.get(deciding);
    if (words === undefined) {
      words = `allowed by ${deciding.join(', ')}`;
      explanations.set(deciding, words);
    }
    return words;
  };

  for (const shape of sortedShapes(collection.shapes)) {
    tally.totals.analyzed += shape.count;
    const group = tally.groupOf(shape, config);
    const facts = shapeFacts(shape, accounts, awsAccounts, probe);
    const policy = policies.policy(config, shape.service, shape.region);
    const evaluation = evaluateShape(policy, shape, organizationId, facts);
    const result: ShapeResult = {
      shape,
      decision: evaluation.decision,
      deciding: [...evaluation.result.deciding],
      explanation: '',
      legitimate: false,
      fixes: [],
      resourceAwsOwned: facts.resourceAwsOwned,
    };
    if (facts.principalInside !== undefined) result.principalInside = facts.principalInside;
    if (facts.resourceInside !== undefined) result.resourceInside = facts.resourceInside;
    tally.noteForeign(shape.principalAccount, 'asPrincipal', shape.count);
    if (!facts.resourceAwsOwned)
      tally.noteForeign(shape.resourceAccount, 'asResource', shape.count);

    if (evaluation.decision === 'allowed') {
      result.explanation = allowedBy(evaluation.result.deciding);
    } else if (evaluation.decision === 'undetermined') {
      result.reason = 'resource-unknown';
      result.deciding = [];
      result.explanation = `the event does not record the resource's account: allowed by ${evaluation.result.deciding.join(', ')} if it is in the organization, denied if not`;
    } else {
      explainDenial(result, facts, fixContext);
    }
    tally.count(group, result);
    group.results.push(result);
  }
  return assembleReport(collection, catalog, organizationId, accounts, tally);
}

/** The report from the tally, each list in the order a reader wants it. */
function assembleReport(
  collection: ImpactCollection,
  catalog: Catalog,
  organizationId: string,
  accounts: ReadonlySet<string>,
  tally: ImpactTally,
): ImpactReport {
  const notes: string[] = [];
  if (accounts.size === 0)
    notes.push(
      'No account of the organization is known (its list of accounts: "Load organization accounts" in the page, --accounts on the command line, or organizationAccounts in the configuration): every principal and resource counts as outside the organization.',
    );
  return {
    organizationId,
    organizationAccounts: accounts.size,
    totals: tally.totals,
    groups: [...tally.groups.values()].sort(
      (a, b) =>
        catalog.serviceIndex(a.service) - catalog.serviceIndex(b.service) ||
        a.service.localeCompare(b.service) ||
        a.region.localeCompare(b.region),
    ),
    unmapped: collection.unmapped,
    withoutEndpoint: Object.entries(collection.withoutEndpoint)
      .map(([eventSource, events]) => ({ eventSource, events }))
      .sort((a, b) => b.events - a.events),
    foreignAccounts: [...tally.foreign.values()].sort(
      (a, b) => b.asPrincipal + b.asResource - (a.asPrincipal + a.asResource),
    ),
    timeline: [...tally.timeline.values()].sort((a, b) => (a.day < b.day ? -1 : 1)),
    observedDenials: tally.observed,
    notes,
  };
}
