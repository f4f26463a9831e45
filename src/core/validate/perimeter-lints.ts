/**
 * Perimeter lints: findings about what a valid policy lets through, each explained in terms of the
 * data perimeter. They are warnings: AWS accepts the policy, but it does not do what a perimeter
 * needs.
 */
import type { Catalog } from '../catalog/catalog';
import type { EndpointService } from '../catalog/schema';
import {
  admitsThirdPartyIdentities,
  declares,
  thirdPartyParameterOf,
} from '../catalog/statement-parameters';
import type {
  ConditionEntry,
  PolicyModel,
  ParsedStatement,
  PolicyValue,
  ValueListElement,
} from '../policy/policy-model';
import type { Findings } from '../policy/findings';
import { ORGANIZATION_ID_PATTERN } from '../catalog/ids';
import { compilePolicy, evaluate } from '../evaluate/evaluate';
import { strangerOwnablePart } from '../policy/arn';
import { matchesWildcard } from '../policy/wildcard';
import { BUDGETS, overBudgetMessage } from '../budgets';
import {
  FEDERATION_ACTIONS,
  policyUnsupportedDiagnostic,
  STS_SERVICES,
  stsFederationBlockedMessage,
  thirdPartyAnyResourceMessage,
} from '../diagnostic-messages';
import type { RecognizedStatement } from './recognize';

export type EndpointType = 'interface' | 'gateway';

export interface LintContext {
  findings: Findings;
  catalog: Catalog;
  statements: readonly RecognizedStatement[];
  service?: EndpointService;
  /** Whether the service was named by the caller (lints about the service need to be sure of it). */
  serviceGiven: boolean;
  endpointType?: EndpointType;
}

/** Keys that tie a request to identities of an organization, account or principal. */
const IDENTITY_KEYS = new Set([
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principalisawsservice',
  'aws:principalservicename',
  'aws:principalservicenameslist',
  'aws:userid',
]);
/** Keys that tie a request to resources of an organization or account. */
const RESOURCE_KEYS = new Set([
  'aws:resourceorgid',
  'aws:resourceorgpaths',
  'aws:resourceaccount',
  's3:resourceaccount',
]);
/** Keys that anchor a principal tag to identities you control. */
const TAG_ANCHOR_KEYS = new Set([
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
]);

const MAX_DENY_ALLOW_PAIRS = 250_000;

function isNarrowing(entry: ConditionEntry, keys: ReadonlySet<string>): boolean {
  const operator = entry.operator;
  if (
    !operator ||
    operator.negated ||
    operator.family === 'Null' ||
    operator.setQualifier === 'ForAllValues'
  )
    return false;
  if (!keys.has(entry.key.toLowerCase())) return false;
  if (operator.family === 'Bool')
    return entry.values.every((v) => v.value.toLowerCase() === 'true');
  return true;
}

const isAll = (values: readonly PolicyValue[] | undefined) =>
  values?.some((v) => v.value === '*') ?? false;
const label = (statement: ParsedStatement) =>
  statement.sid ? `"${statement.sid.value}"` : `statement ${statement.index + 1}`;

function lintOpenStatement(statement: ParsedStatement, context: LintContext): void {
  if (
    statement.effect !== 'Allow' ||
    !statement.principal ||
    statement.principal.element !== 'Principal' ||
    !statement.principal.any
  )
    return;
  const anyResource =
    statement.resource?.element === 'NotResource' || isAll(statement.resource?.values);
  const narrowing = statement.conditions.filter(
    (c) => isNarrowing(c, IDENTITY_KEYS) || isNarrowing(c, RESOURCE_KEYS),
  );
  const fullyNarrowing = narrowing.filter((c) => !c.operator!.ifExists);
  if (fullyNarrowing.length > 0) return;
  if (narrowing.length > 0) {
    const entry = narrowing[0]!;
    context.findings.warning(
      'perimeter/if-exists-condition',
      `${entry.operatorText} lets requests without ${entry.key} through; unsigned requests and requests of principals outside any organization carry no such key, so ${label(statement)} is open to them.`,
      entry.operatorSpan,
      {
        hint: `Write "${entry.operatorText.replace(/IfExists$/, '')}" so that the key must be present and match.`,
        ...(statement.sid ? { sid: statement.sid.value } : {}),
      },
    );
    return;
  }
  if (!anyResource) return;
  const anyAction =
    statement.action?.element === 'NotAction' ||
    (statement.action?.values.some((v) => v.value === '*' || /^[a-z0-9-]+:\*$/i.test(v.value)) ??
      false);
  if (anyAction && statement.conditions.length === 0) {
    context.findings.error(
      'perimeter/admits-anyone',
      statement.action?.element === 'NotAction'
        ? `${label(statement)} allows any principal every action but those its NotAction lists, on any resource, with no condition: this endpoint admits anyone, with any AWS credentials or none, to do every other action the service offers.`
        : `${label(statement)} allows any principal every action on any resource with no condition: this endpoint admits anyone, with any AWS credentials or none, to do anything the service offers.`,
      statement.principal.key,
      {
        hint: 'Replace it with the statements of the data perimeter: at least our identities to our resources (aws:PrincipalOrgID and aws:ResourceOrgID).',
        ...(statement.sid ? { sid: statement.sid.value } : {}),
      },
    );
    return;
  }
  const conditionNote =
    statement.conditions.length > 0
      ? ' Its conditions test neither who signs the request nor who owns the resource.'
      : '';
  context.findings.warning(
    'perimeter/open-endpoint',
    `${label(statement)} allows "Principal": "*" every ${isAll(statement.action?.values) ? 'action' : 'listed action'} on any resource with no identity or resource condition: the endpoint is open to credentials of any AWS account and to unsigned requests.${conditionNote}`,
    statement.principal.key,
    {
      hint: 'Require your organization with a StringEquals condition on aws:PrincipalOrgID (and aws:ResourceOrgID), as the data perimeter statements do.',
      ...(statement.sid ? { sid: statement.sid.value } : {}),
    },
  );
}

/**
 * A wildcard in a bucket name (or in the account of another ARN) of a statement open to any
 * principal matches resources that anyone can create under a matching name: the generator never
 * writes one, and a policy that has one lets strangers' buckets through the endpoint.
 */
function lintOpenWildcardNames(statement: ParsedStatement, context: LintContext): void {
  if (
    statement.effect !== 'Allow' ||
    statement.principal?.element !== 'Principal' ||
    !statement.principal.any ||
    statement.resource?.element !== 'Resource'
  )
    return;
  if (
    statement.conditions.some(
      (c) =>
        (isNarrowing(c, IDENTITY_KEYS) || isNarrowing(c, RESOURCE_KEYS)) && !c.operator!.ifExists,
    )
  )
    return;
  for (const value of statement.resource.values) {
    if (value.value === '*') continue;
    const part = strangerOwnablePart(value.value);
    if (part === undefined || !/[*?]/.test(part)) continue;
    const bucket = value.value.split(':')[2] === 's3';
    context.findings.warning(
      'perimeter/open-name-wildcard',
      `${value.value} in ${label(statement)}, which admits any principal: the wildcard in ${bucket ? `the bucket name "${part}" matches buckets that anyone can create` : `the account "${part}" matches resources of any account`}, so strangers' resources get through the endpoint.`,
      value,
      {
        hint: bucket
          ? 'Name the exact buckets, or move the resource to a statement that requires aws:PrincipalOrgID.'
          : 'Name the accounts, or require aws:PrincipalOrgID in this statement.',
        ...(statement.sid ? { sid: statement.sid.value } : {}),
      },
    );
  }
}

function lintTagWithoutOrganization(
  statement: ParsedStatement,
  recognized: RecognizedStatement | undefined,
  context: LintContext,
): void {
  if (statement.effect !== 'Allow') return;
  const tag = statement.conditions.find(
    (c) => c.key.toLowerCase().startsWith('aws:principaltag/') && c.operator && !c.operator.negated,
  );
  if (!tag) return;
  if (statement.conditions.some((c) => isNarrowing(c, TAG_ANCHOR_KEYS) && !c.operator!.ifExists))
    return;
  const named = recognized?.statement ?? recognized?.namedAfter;
  const exclusion =
    named !== undefined && declares(context.catalog.statement(named), 'exclusionTag');
  context.findings.warning(
    'perimeter/tag-without-organization',
    `${exclusion ? 'The tag-exclusion statement' : label(statement)} trusts the principal tag ${tag.key} without aws:PrincipalOrgID. Anyone can tag the roles of their own account, so principals of any AWS account that carry this tag get through.`,
    tag.keySpan,
    {
      hint: 'Add "aws:PrincipalOrgID": "o-..." to the same StringEquals block.',
      ...(statement.sid ? { sid: statement.sid.value } : {}),
    },
  );
}

function lintGatewayPrincipal(statement: ParsedStatement, context: LintContext): void {
  const service = context.service;
  const principal = statement.principal;
  if (!service || !principal || principal.any || !service.endpointTypes.includes('gateway')) return;
  const gatewayOnly = !service.endpointTypes.includes('interface');
  if (
    context.endpointType === 'interface' ||
    (!gatewayOnly && context.endpointType !== 'gateway' && !context.serviceGiven)
  )
    return;
  const certain = gatewayOnly || context.endpointType === 'gateway';
  context.findings.warning(
    'perimeter/principal-on-gateway-endpoint',
    `${certain ? 'On a gateway endpoint' : `If this policy is for a gateway endpoint of ${service.title}`}, a principal other than "*" does not work as written: an account id or an account's root ARN grants only that account's root user, not its roles and users.`,
    principal.span,
    {
      hint: 'Write "Principal": "*" and name the principals in an ArnEquals/ArnLike condition on aws:PrincipalArn (or use aws:PrincipalAccount).',
      ...(statement.sid ? { sid: statement.sid.value } : {}),
    },
  );
}

function lintThirdPartyAnyResource(
  statement: ParsedStatement,
  recognized: RecognizedStatement | undefined,
  context: LintContext,
): void {
  const entry = recognized?.statement ? context.catalog.statement(recognized.statement) : undefined;
  if (!entry || thirdPartyParameterOf(entry) === undefined) return;
  const star = statement.resource?.values.find((v) => v.value === '*');
  if (!star) return;
  const inbound = admitsThirdPartyIdentities(entry);
  context.findings.warning(
    'perimeter/third-party-any-resource',
    thirdPartyAnyResourceMessage(inbound),
    star,
    {
      hint: 'List the ARNs of the third-party resources the integration uses.',
      ...(statement.sid ? { sid: statement.sid.value } : {}),
    },
  );
}

function lintNegatedElements(statement: ParsedStatement, context: LintContext): void {
  if (statement.effect !== 'Allow') return;
  if (statement.action?.element === 'NotAction') {
    context.findings.warning(
      'perimeter/allow-not-action',
      `${label(statement)} allows every action except the listed ones, including actions AWS adds later.`,
      statement.action.key,
      {
        hint: 'List the actions to allow in Action instead.',
        ...(statement.sid ? { sid: statement.sid.value } : {}),
      },
    );
  }
  if (statement.resource?.element === 'NotResource') {
    context.findings.warning(
      'perimeter/allow-not-resource',
      `${label(statement)} allows every resource except the listed ones, including resources of any other account.`,
      statement.resource.key,
      {
        hint: 'List the resources to allow in Resource instead.',
        ...(statement.sid ? { sid: statement.sid.value } : {}),
      },
    );
  }
}

/** Whether every name a pattern `inner` matches is also matched by `outer`; false when unsure. */
function covers(outer: string, inner: string, ignoreCase: boolean): boolean {
  const o = ignoreCase ? outer.toLowerCase() : outer;
  const i = ignoreCase ? inner.toLowerCase() : inner;
  if (o === '*' || o === i) return true;
  const innerWild = i.includes('*') || i.includes('?');
  if (!innerWild) return matchesWildcard(o, i, { ignoreCase: false });
  const prefix = o.endsWith('*') ? o.slice(0, -1) : undefined;
  return (
    prefix !== undefined && !prefix.includes('*') && !prefix.includes('?') && i.startsWith(prefix)
  );
}

/** Whether a Deny statement applies to every request the Allow statement lets through. */
function denyCoversAllow(deny: ParsedStatement, allow: ParsedStatement): boolean {
  if (
    deny.conditions.length > 0 ||
    !deny.principal ||
    deny.principal.element !== 'Principal' ||
    !deny.principal.any
  )
    return false;
  const coversList = (
    denied: ValueListElement<string> | undefined,
    allowed: ValueListElement<string> | undefined,
    ignoreCase: boolean,
  ): boolean => {
    if (!denied || !allowed) return false;
    if (denied.element.startsWith('Not')) {
      // The Deny applies to everything but its list: literal allowed values outside that list are covered.
      if (allowed.element.startsWith('Not')) return false;
      return allowed.values.every(
        (a) =>
          !/[*?]/.test(a.value) && !denied.values.some((d) => covers(d.value, a.value, ignoreCase)),
      );
    }
    if (allowed.element.startsWith('Not')) return denied.values.some((d) => d.value === '*');
    return allowed.values.every((a) =>
      denied.values.some((d) => covers(d.value, a.value, ignoreCase)),
    );
  };
  return (
    coversList(deny.action, allow.action, true) && coversList(deny.resource, allow.resource, false)
  );
}

function lintUnreachableAllows(model: PolicyModel, context: LintContext): void {
  const denies = model.statements.filter((s) => s.effect === 'Deny');
  const allows = model.statements.filter((s) => s.effect === 'Allow');
  if (denies.length === 0 || allows.length === 0) return;
  if (denies.length * allows.length > MAX_DENY_ALLOW_PAIRS) {
    context.findings.info(
      'perimeter/deny-analysis-skipped',
      `With ${denies.length} Deny and ${allows.length} Allow statements, the check for Allows that a Deny makes unreachable was skipped.`,
    );
    return;
  }
  // Each pair compares every allowed value with every denied one: bound the whole before starting.
  const valueCount = (s: ParsedStatement) =>
    (s.action?.values.length ?? 0) + (s.resource?.values.length ?? 0);
  const comparisons =
    denies.reduce((sum, d) => sum + valueCount(d), 0) *
    allows.reduce((sum, a) => sum + valueCount(a), 0);
  if (comparisons > BUDGETS.coveringComparisons.limit) {
    context.findings.info(
      'perimeter/deny-analysis-skipped',
      `Up to ${overBudgetMessage('coveringComparisons', comparisons)}`,
    );
    return;
  }
  for (const allow of allows) {
    const deny = denies.find((d) => denyCoversAllow(d, allow));
    if (!deny) continue;
    context.findings.warning(
      'perimeter/unreachable-allow',
      `${label(allow)} never takes effect: ${label(deny)} (line ${context.findings.lines.position(deny.span.offset).line}) denies every action and resource it allows, and a Deny always wins.`,
      allow.effectSpan ?? allow.span,
      {
        hint: 'Narrow the Deny (a condition, or fewer actions or resources) or remove the Allow.',
        ...(allow.sid ? { sid: allow.sid.value } : {}),
      },
    );
  }
}

function lintService(context: LintContext): void {
  const service = context.service;
  if (!service || !context.serviceGiven) return;
  if (service.endpointPolicy === 'unsupported') {
    const { code, message, hint } = policyUnsupportedDiagnostic(service);
    context.findings.warning(code, message, undefined, hint ? { hint } : {});
  } else if (service.endpointPolicy === 'unknown') {
    context.findings.info(
      'service/policy-support-unknown',
      `No source we rely on says whether ${service.title} endpoints enforce endpoint policies.`,
      undefined,
      {
        hint: `Check with: aws ec2 describe-vpc-endpoint-services --service-names ${(service.serviceName ?? service.id).replace('{region}', 'us-east-1')} (VpcEndpointPolicySupported).`,
      },
    );
  }
}

/** Stands for our organization when the policy names none. */
const SOME_ORGANIZATION = 'o-exampleorgid';

/**
 * On an STS endpoint, SAML and web identity federation are unsigned: they carry no
 * aws:PrincipalOrgID, so the organization statements never admit them. The policy is asked, through
 * the evaluator, whether an unsigned call may assume a role of the organizations it names.
 */
function lintStsFederation(model: PolicyModel, text: string, context: LintContext): void {
  if (!context.service || !STS_SERVICES.has(context.service.id) || model.statements.length === 0)
    return;
  const organizations = new Set<string>();
  for (const statement of model.statements)
    for (const entry of statement.conditions)
      if (/^aws:(principal|resource)orgid$/i.test(entry.key))
        for (const v of entry.values)
          if (ORGANIZATION_ID_PATTERN.test(v.value)) organizations.add(v.value);
  const candidates = organizations.size > 0 ? [...organizations] : [SOME_ORGANIZATION];
  const policy = compilePolicy(text);
  if (!policy.valid) return;
  const blocked = FEDERATION_ACTIONS.filter(
    (action) =>
      !candidates.some(
        (organization) =>
          evaluate(policy, {
            principal: { type: 'anonymous' },
            action,
            resource: 'arn:aws:iam::111122223333:role/federated-sign-in',
            resourceAccount: '111122223333',
            resourceOrganizationId: organization,
          }).decision === 'Allowed',
      ),
  );
  if (blocked.length === 0) return;
  context.findings.warning(
    'perimeter/sts-federation-blocked',
    stsFederationBlockedMessage(blocked, organizations.size > 0),
    model.statementSpan,
    {
      hint: 'Add the statement AllowRequestsByOrgsIdentitiesToOrgsResourcesFederation: Allow these two actions on arn:aws:iam::*:role/* when aws:ResourceOrgID is your organization (the builder generates it for sts).',
    },
  );
}

export function lintPerimeter(model: PolicyModel, context: LintContext, text?: string): void {
  lintService(context);
  if (text !== undefined) lintStsFederation(model, text, context);
  const byIndex = new Map(context.statements.map((s) => [s.index, s]));
  for (const statement of model.statements) {
    if (context.findings.full) return;
    const recognized = byIndex.get(statement.index);
    lintOpenStatement(statement, context);
    lintOpenWildcardNames(statement, context);
    lintTagWithoutOrganization(statement, recognized, context);
    lintGatewayPrincipal(statement, context);
    lintThirdPartyAnyResource(statement, recognized, context);
    lintNegatedElements(statement, context);
  }
  lintUnreachableAllows(model, context);
}
