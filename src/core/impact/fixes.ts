/**
 * The change of choices that would admit a denied shape, found by trying the catalog's changes in
 * order of narrowness (a data access pattern, a statement for this service, a trusted third
 * party, the exclusion tag, an account of the organization) and keeping those that the evaluator
 * confirms on the regenerated policy. A suggestion is never a guess: it admits the shape.
 */
import type { Catalog } from '../catalog/catalog';
import { DEFAULT_EXCLUSION_TAG, type ServiceId, type StatementSid } from '../catalog/ids';
import { applyConfigEdits, describeConfigEdit, type ConfigEdit } from '../config/config-edits';
import type { PerimeterConfig } from '../config/schema';
import { selectedPatterns, selectedStatements } from '../generate/selection';
import { evaluateShape, type PolicyCache, type ShapeFacts } from './evaluate-shapes';
import type { ImpactShape } from './shapes';

export type FixKind =
  'data-access-pattern' | 'statement' | 'third-party' | 'exclusion-tag' | 'organization-account';

export interface ShapeFix {
  kind: FixKind;
  /** The configuration edits; empty when the change is outside the configuration only. */
  edits: ConfigEdit[];
  /** The change in words. */
  summary: string;
  /** A step outside the tool, e.g. tagging a role. */
  outsideStep?: string;
  /** What to check before applying it. */
  caveat?: string;
}

/** The statements and data access patterns the design turns on, per service, read once. */
export class DesignSelection {
  private readonly statements = new Map<string, readonly StatementSid[]>();
  private readonly patterns = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly config: PerimeterConfig,
    private readonly catalog: Catalog,
  ) {}

  statementsOn(service: ServiceId): readonly StatementSid[] {
    let on = this.statements.get(service);
    if (!on) {
      on = selectedStatements(this.config, service, this.catalog);
      this.statements.set(service, on);
    }
    return on;
  }

  patternsOn(service: ServiceId): ReadonlySet<string> {
    let on = this.patterns.get(service);
    if (!on) {
      on = new Set(selectedPatterns(this.config, service, this.catalog).map((p) => p.id));
      this.patterns.set(service, on);
    }
    return on;
  }
}

export interface FixContext {
  config: PerimeterConfig;
  catalog: Catalog;
  policies: PolicyCache;
  organizationId: string;
  selection: DesignSelection;
}

/** Statements a fix may turn on: the ones without parameters of their own. */
const TOGGLE_CANDIDATES: readonly StatementSid[] = [
  'AllowRequestsByOrgsIdentitiesToOrgsResources',
  'AllowRequestsByAWSServicePrincipals',
  'AllowRequestsToAWSOwnedResources',
  'AllowRequestsByOrgsIdentitiesToAWSResources',
];

/** The narrowest resource a third-party statement should name for the shape. */
export function thirdPartyResourceOf(shape: ImpactShape): string | undefined {
  if (shape.resourceExample === '*') return undefined;
  const bucket = /^(arn:[^:]+:s3:::[^/]+)\//.exec(shape.resourceExample);
  return bucket ? `${bucket[1]}/*` : shape.resourceExample;
}

function admits(
  context: FixContext,
  shape: ImpactShape,
  facts: ShapeFacts,
  edits: readonly ConfigEdit[],
  tags?: Record<string, string>,
): boolean {
  const variant = JSON.stringify(edits);
  const policy =
    context.policies.cached(shape.service, shape.region, variant) ??
    context.policies.policy(
      applyConfigEdits(context.config, edits),
      shape.service,
      shape.region,
      variant,
    );
  return evaluateShape(policy, shape, context.organizationId, facts, tags).decision === 'allowed';
}

function withStatementOn(
  context: FixContext,
  shape: ImpactShape,
  sid: StatementSid,
  edits: ConfigEdit[],
): ConfigEdit[] {
  return context.selection.statementsOn(shape.service).includes(sid)
    ? edits
    : [{ kind: 'statement', sid, enabled: true, service: shape.service }, ...edits];
}

function fixOf(kind: FixKind, edits: ConfigEdit[], extra: Partial<ShapeFix> = {}): ShapeFix {
  return { kind, edits, summary: edits.map(describeConfigEdit).join('; then '), ...extra };
}

/** The first data access pattern not yet selected whose statement admits the shape. */
function dataAccessPatternFix(
  context: FixContext,
  shape: ImpactShape,
  facts: ShapeFacts,
): ShapeFix | undefined {
  const selected = context.selection.patternsOn(shape.service);
  for (const pattern of context.catalog.patternsForService(shape.service)) {
    if (selected.has(pattern.id)) continue;
    const edits = withStatementOn(context, shape, pattern.statement, [
      { kind: 'pattern', patternId: pattern.id, enabled: true },
    ]);
    if (admits(context, shape, facts, edits))
      return fixOf('data-access-pattern', edits, {
        summary: `${edits.map(describeConfigEdit).join('; then ')}: "${pattern.title}"`,
      });
  }
  return undefined;
}

/** The first statement of the design that is off and, turned on, admits the shape. */
function statementFix(
  context: FixContext,
  shape: ImpactShape,
  facts: ShapeFacts,
): ShapeFix | undefined {
  const principalForeign = facts.principalInside === false;
  const on = context.selection.statementsOn(shape.service);
  for (const sid of TOGGLE_CANDIDATES) {
    if (on.includes(sid)) continue;
    if (sid === 'AllowRequestsByOrgsIdentitiesToOrgsResources' && principalForeign) continue;
    const edits: ConfigEdit[] = [{ kind: 'statement', sid, enabled: true, service: shape.service }];
    if (admits(context, shape, facts, edits)) return fixOf('statement', edits);
  }
  return undefined;
}

/**
 * A trusted third party naming the foreign resource's account (and, for a foreign caller, its
 * account too), limited to the shape's action and resource.
 */
function thirdPartyFix(
  context: FixContext,
  shape: ImpactShape,
  facts: ShapeFacts,
): ShapeFix | undefined {
  const resource = thirdPartyResourceOf(shape);
  if (
    !resource ||
    shape.resourceAccount === undefined ||
    facts.resourceInside !== false ||
    facts.resourceAwsOwned
  )
    return undefined;
  if (facts.principalInside === true) {
    const edits = withStatementOn(
      context,
      shape,
      'AllowRequestsByOrgsIdentitiesToThirdPartyResources',
      [
        {
          kind: 'third-party',
          block: 'orgIdentitiesToThirdPartyResources',
          accounts: [shape.resourceAccount],
          actions: [shape.action],
          resources: [resource],
        },
      ],
    );
    if (!admits(context, shape, facts, edits)) return undefined;
    return fixOf('third-party', edits, {
      caveat: `Only if account ${shape.resourceAccount} is a partner you trust: the statement admits every listed action on every listed resource.`,
    });
  }
  if (facts.principalInside !== false || shape.principalAccount === undefined) return undefined;
  const listedThirdParty = new Set([
    ...(context.config.parameters?.thirdPartyIdentitiesToThirdPartyResources?.accounts ?? []),
  ]);
  const accounts = [...new Set([shape.principalAccount, shape.resourceAccount])];
  const edits = withStatementOn(
    context,
    shape,
    'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources',
    [
      {
        kind: 'third-party',
        block: 'thirdPartyIdentitiesToThirdPartyResources',
        accounts,
        actions: [shape.action],
        resources: [resource],
      },
    ],
  );
  if (!admits(context, shape, facts, edits)) return undefined;
  return fixOf('third-party', edits, {
    caveat: listedThirdParty.has(shape.principalAccount)
      ? undefined
      : `Only if account ${shape.principalAccount} is a partner you trust, for example one that hands out presigned URLs.`,
  });
}

/** Tagging our principal with the exclusion tag, which exempts it from the resource perimeter. */
function exclusionTagFix(
  context: FixContext,
  shape: ImpactShape,
  facts: ShapeFacts,
): ShapeFix | undefined {
  if (facts.principalInside !== true || !shape.principalArn || facts.resourceInside === true)
    return undefined;
  const tag = context.config.parameters?.exclusionTag ?? DEFAULT_EXCLUSION_TAG;
  const edits = withStatementOn(context, shape, 'AllowRequestsByOrgsIdentitiesToAnyResources', []);
  if (!admits(context, shape, facts, edits, { [tag.key]: tag.value })) return undefined;
  return {
    kind: 'exclusion-tag',
    edits,
    summary:
      edits.length > 0
        ? `${edits.map(describeConfigEdit).join('; ')}; then tag ${shape.principalArn} with ${tag.key} = ${tag.value}`
        : `tag ${shape.principalArn} with ${tag.key} = ${tag.value}`,
    outsideStep: `tag ${shape.principalArn} with ${tag.key} = ${tag.value}`,
    caveat:
      'The tag exempts the principal from the resource perimeter for every resource: keep it for principals that must reach resources outside the organization.',
  };
}

/** Accounts outside the organization that may only be missing from its list of accounts. */
function organizationAccountFixes(
  context: FixContext,
  shape: ImpactShape,
  facts: ShapeFacts,
): ShapeFix[] {
  const fixes: ShapeFix[] = [];
  if (facts.principalInside === false && shape.principalAccount !== undefined) {
    const edits: ConfigEdit[] = [{ kind: 'organization-accounts', add: [shape.principalAccount] }];
    if (admits(context, shape, { ...facts, principalInside: true }, edits))
      fixes.push(
        fixOf('organization-account', edits, {
          caveat: `Only if account ${shape.principalAccount} belongs to your organization and was missing from the list of accounts.`,
        }),
      );
  }
  if (
    facts.resourceInside === false &&
    !facts.resourceAwsOwned &&
    shape.resourceAccount !== undefined &&
    shape.resourceAccount !== shape.principalAccount
  ) {
    const edits: ConfigEdit[] = [{ kind: 'organization-accounts', add: [shape.resourceAccount] }];
    if (admits(context, shape, { ...facts, resourceInside: true }, edits))
      fixes.push(
        fixOf('organization-account', edits, {
          caveat: `Only if account ${shape.resourceAccount} belongs to your organization and was missing from the list of accounts.`,
        }),
      );
  }
  return fixes;
}

/** Fixes for a denied shape that the evaluator confirms, the narrowest first. */
export function findFixes(
  context: FixContext,
  shape: ImpactShape,
  facts: ShapeFacts,
  options: { exfiltration: boolean },
): ShapeFix[] {
  if (options.exfiltration) return [];
  const principalForeign = facts.principalInside === false;
  // Unsigned federation calls reach our own roles, so a pattern may admit them even though the
  // resource is inside the organization.
  const federation = shape.principalKind === 'web-identity' || shape.principalKind === 'saml-user';
  const patternFix =
    (!principalForeign && facts.resourceInside !== true) || federation
      ? dataAccessPatternFix(context, shape, facts)
      : undefined;
  // A pattern is narrower than a whole statement, so a statement is only tried without one.
  const narrowest = patternFix ?? statementFix(context, shape, facts);
  const fixes: ShapeFix[] = [];
  for (const fix of [
    narrowest,
    thirdPartyFix(context, shape, facts),
    exclusionTagFix(context, shape, facts),
    ...organizationAccountFixes(context, shape, facts),
  ])
    if (fix) fixes.push(fix);
  return fixes;
}
