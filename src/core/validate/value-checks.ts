/**
 * Checks of the values in a policy: unfilled placeholders, action names, resource ARNs, principals
 * and condition values (types, identifier shapes, wildcards where AWS forbids them). Names are
 * checked against the IAM reference index when one is given.
 */
import type { Catalog } from '../catalog/catalog';
import { ACCOUNT_ID_PATTERN, ORGANIZATION_ID_PATTERN, REGION_CODE_PATTERN } from '../catalog/ids';
import { suggest } from '../config/check';
import type { ConditionKeyInfo, IamIndex } from '../iam/iam-index';
import type { OperatorFamily } from './condition-operators';
import type { Severity } from '../diagnostics';
import type { Findings, Span } from './findings';
import {
  ARN_PARTITIONS,
  hasPlaceholder,
  hasWildcard,
  isIpAddressOrCidr,
  isPolicyDate,
  ORGANIZATION_PATH_PATTERN,
  PLACEHOLDER_PATTERN,
  type RegionFinder,
  SERVICE_PRINCIPAL_PATTERN,
  splitArn,
  UNIQUE_ID_PATTERN,
  VPC_ENDPOINT_ID_PATTERN,
  VPC_ID_PATTERN,
} from './identifiers';
import type { ConditionEntry, PolicyModel, ParsedStatement, PolicyValue } from './policy-model';

export interface ValueCheckContext {
  text: string;
  findings: Findings;
  catalog: Catalog;
  regions: RegionFinder;
  iam?: IamIndex;
  /** Partitions of the regions the endpoint serves, when the caller names them. */
  endpointPartitions?: ReadonlySet<string>;
  /** Set on first use: the remembered ARN problems that fit this context. */
  arnMemory?: { resources: ArnMemory; others: ArnMemory };
}

/** Keys whose values are identifiers that AWS generates; wildcards and numeric operators do not apply to them. */
export const SYSTEM_ID_KEYS: ReadonlyMap<string, string> = new Map(
  [
    'aws:PrincipalAccount',
    'aws:PrincipalOrgID',
    'aws:ResourceAccount',
    'aws:ResourceOrgID',
    'aws:SourceAccount',
    'aws:SourceOrgID',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:VpceAccount',
    'aws:VpceOrgID',
    'aws:SourceOwner',
    'aws:CalledViaFirst',
  ].map((key) => [key.toLowerCase(), key]),
);

const ACCOUNT_KEYS = new Set([
  'aws:principalaccount',
  'aws:resourceaccount',
  'aws:sourceaccount',
  'aws:vpceaccount',
  's3:resourceaccount',
  'aws:sourceowner',
]);
const ORGANIZATION_KEYS = new Set([
  'aws:principalorgid',
  'aws:resourceorgid',
  'aws:sourceorgid',
  'aws:vpceorgid',
]);
const ORGANIZATION_PATH_KEYS = new Set([
  'aws:principalorgpaths',
  'aws:resourceorgpaths',
  'aws:sourceorgpaths',
  'aws:vpceorgpaths',
]);

/** Operator families that fit each key type; Null fits every key. */
const FAMILIES_BY_TYPE: Record<string, readonly OperatorFamily[]> = {
  String: ['String'],
  ARN: ['String', 'Arn'],
  Bool: ['Bool'],
  Numeric: ['Numeric'],
  Date: ['Date', 'Numeric'],
  IPAddress: ['IpAddress'],
  Binary: ['Binary'],
};

const shortValue = (value: string) => (value.length > 60 ? `${value.slice(0, 57)}...` : value);

/** Reports every `<placeholder>` of a string at its exact place; returns whether there was one. */
export function reportPlaceholders(
  value: PolicyValue,
  context: ValueCheckContext,
  what = 'value',
): boolean {
  if (value.kind !== 'string' || !hasPlaceholder(value.value)) return false;
  const raw = context.text.slice(value.offset, value.offset + value.length);
  const matches = [...raw.matchAll(PLACEHOLDER_PATTERN)];
  const found =
    matches.length > 0
      ? matches.map((m) => ({ text: m[0], offset: value.offset + m.index }))
      : [...value.value.matchAll(PLACEHOLDER_PATTERN)].map((m) => ({
          text: m[0],
          offset: value.offset,
        }));
  for (const placeholder of found) {
    context.findings.error(
      'placeholder/unfilled',
      `${placeholder.text} is a placeholder that still has to be filled in this ${what}.`,
      {
        offset: placeholder.offset,
        length: matches.length > 0 ? placeholder.text.length : value.length,
        path: value.path,
      },
      { hint: placeholderHint(placeholder.text) },
    );
  }
  return true;
}

function placeholderHint(placeholder: string): string {
  const name = placeholder.toLowerCase();
  if (name.includes('org'))
    return 'Put your AWS Organizations organization id (o-...) here; the Organizations console shows it.';
  if (name.includes('withoutdashes'))
    return 'Put the region code without dashes here, e.g. useast1.';
  if (name.includes('region'))
    return 'Put the region code here, e.g. us-east-1; an endpoint policy covers the region of its endpoint.';
  if (name.includes('account')) return 'Put the 12-digit account id here.';
  if (name.includes('action')) return 'Put the actions here, e.g. s3:GetObject.';
  if (name.includes('arn')) return 'Put the resource ARNs here.';
  return 'Replace it with the value it stands for, or let the builder generate the policy for you.';
}

function checkAction(value: PolicyValue, element: string, context: ValueCheckContext): void {
  const { findings, iam } = context;
  if (reportPlaceholders(value, context, element)) return;
  const text = value.value;
  if (text === '*') return;
  const match = /^([A-Za-z0-9*?-]+):([A-Za-z0-9*?]+)$/.exec(text);
  if (!match) {
    findings.error(
      'action/malformed',
      `"${shortValue(text)}" is not an action: an action is "service:Name", e.g. "s3:GetObject", or "*".`,
      { ...value },
      {
        hint: text.includes(' ')
          ? 'Remove the spaces.'
          : 'Write the service prefix, a colon and the action name.',
      },
    );
    return;
  }
  const [, prefix, name] = match as unknown as [string, string, string];
  if (!iam || hasWildcard(prefix)) return;
  if (!iam.hasServicePrefix(prefix)) {
    const guess = suggest(prefix, iam.servicePrefixes);
    findings.warning(
      'action/unknown-service',
      `No AWS service has the action prefix "${prefix}".`,
      { ...value },
      {
        hint: guess
          ? `Did you mean "${guess}:${name}"?`
          : 'Check the prefix in the AWS Service Authorization Reference.',
      },
    );
    return;
  }
  if (hasWildcard(name)) {
    if (iam.countMatchingActions(prefix, name) === 0) {
      findings.warning(
        'action/matches-nothing',
        `"${text}" matches no action of ${prefix.toLowerCase()}.`,
        { ...value },
        { hint: 'Check the spelling of the part before the wildcard.' },
      );
    }
    return;
  }
  if (!iam.findAction(prefix, name)) {
    const names = iam.actionsOf(prefix) ?? [];
    const guess = suggest(
      name,
      names.map((n) => n.toLowerCase()),
    );
    const proper = guess ? names.find((n) => n.toLowerCase() === guess) : undefined;
    findings.warning(
      'action/unknown',
      `${prefix.toLowerCase()} has no action "${name}".`,
      { ...value },
      {
        hint: proper
          ? `Did you mean "${prefix.toLowerCase()}:${proper}"?`
          : `See the actions of ${prefix.toLowerCase()} in the AWS Service Authorization Reference.`,
      },
    );
  }
}

interface Problem {
  severity: Severity;
  code: string;
  message: string;
  hint?: string;
}

/** The problems of an ARN's fields; they depend on the text alone, so they are remembered per text. */
function arnProblems(
  text: string,
  context: ValueCheckContext,
  options: { resourceShapes: boolean },
): Problem[] {
  const { catalog, iam } = context;
  const problems: Problem[] = [];
  const report = (
    severity: Severity,
    code: string,
    message: string,
    details: { hint?: string } = {},
  ) => {
    problems.push(
      details.hint ? { severity, code, message, hint: details.hint } : { severity, code, message },
    );
  };
  // A policy variable such as ${aws:PrincipalAccount} stands for text only known per request.
  const arn = splitArn(withoutPolicyVariables(text));
  if (!arn) {
    report(
      'error',
      'arn/malformed',
      `"${shortValue(text)}" is not an ARN: an ARN has six fields, arn:partition:service:region:account:resource.`,
      {
        hint: text.startsWith('arn:')
          ? 'Check the number of colons.'
          : 'Write "*" or an ARN such as "arn:aws:s3:::my-bucket/*".',
      },
    );
    return problems;
  }
  const wildPartition = hasWildcard(arn.partition);
  if (!wildPartition && !(ARN_PARTITIONS as readonly string[]).includes(arn.partition)) {
    report(
      'error',
      'arn/unknown-partition',
      `"${arn.partition}" is not an AWS partition; the ARN never matches.`,
      { hint: `Partitions: ${ARN_PARTITIONS.slice(0, 4).join(', ')}.` },
    );
  } else if (
    !wildPartition &&
    context.endpointPartitions &&
    context.endpointPartitions.size > 0 &&
    !context.endpointPartitions.has(arn.partition)
  ) {
    report(
      'warning',
      'arn/partition-not-in-use',
      `The ARN is in the ${arn.partition} partition, but the endpoint's regions are in ${[...context.endpointPartitions].join(', ')}; it never matches there.`,
      {
        hint: `Write arn:${[...context.endpointPartitions][0]}:...`,
      },
    );
  }
  if (arn.service === '') {
    report('error', 'arn/missing-service', 'The ARN has no service field.', {
      hint: 'Write the service between the second and third colons, e.g. arn:aws:s3:::bucket.',
    });
    return problems;
  }
  if (arn.region !== '' && !hasWildcard(arn.region)) {
    if (!REGION_CODE_PATTERN.test(arn.region)) {
      report(
        'error',
        'arn/malformed-region',
        `"${arn.region}" in the region field is not a region code.`,
        { hint: 'Write a region code such as us-east-1, "*", or nothing for global resources.' },
      );
    } else {
      const region = catalog.region(arn.region);
      if (!region) {
        report('warning', 'arn/unknown-region', `The region "${arn.region}" is not one we know.`, {
          hint: 'Check the spelling; run "vpce-policy catalog regions" for the list.',
        });
      } else if (!wildPartition && region.partition !== arn.partition) {
        report(
          'error',
          'arn/partition-mismatch',
          `${arn.region} is in the ${region.partition} partition, but the ARN says ${arn.partition}; it never matches.`,
          { hint: `Write arn:${region.partition}:${arn.service}:${arn.region}:...` },
        );
      }
    }
  }
  if (!wildPartition) {
    for (const region of context.regions.find(arn.resource)) {
      if (region.partition !== arn.partition) {
        report(
          'warning',
          'arn/partition-mismatch',
          `The resource name mentions ${region.code}, a region of the ${region.partition} partition, but the ARN says ${arn.partition}.`,
          {
            hint: `If the resource lives in ${region.code}, write arn:${region.partition}:...`,
          },
        );
        break;
      }
    }
  }
  const account = arn.account;
  if (account !== '' && account !== 'aws' && !ACCOUNT_ID_PATTERN.test(account)) {
    if (/^[*?]+$/.test(account)) {
      // A wildcard alone is allowed.
    } else if (hasWildcard(account) && /\d/.test(account)) {
      report(
        'error',
        'arn/account-wildcard-mix',
        `The account field "${account}" mixes digits and wildcards; in an endpoint policy it holds an account id or a wildcard, not both.`,
        { hint: 'Write the whole 12-digit account id, or "*".' },
      );
    } else {
      report(
        'error',
        'arn/malformed-account',
        `The account field "${account}" is not a 12-digit account id.`,
        { hint: 'Write the 12-digit account id, "*", or nothing.' },
      );
    }
  }
  if (!iam || hasWildcard(arn.service)) return problems;
  const shapes = iam.arnResourceShapes(arn.service);
  if (!shapes) {
    if (!iam.hasServicePrefix(arn.service)) {
      report(
        'warning',
        'arn/unknown-service',
        `No AWS service uses "${arn.service}" in its ARNs.`,
        { hint: 'Check the service field.' },
      );
    }
    return problems;
  }
  if (!options.resourceShapes || account === 'aws') return problems;
  const resource = arn.resource;
  const wildcardAt = resource.search(/[*?]/);
  const literal = wildcardAt === -1 ? resource : resource.slice(0, wildcardAt);
  const fitting = shapes.filter((shape) =>
    shape.fixed
      ? resource === shape.prefix || (wildcardAt !== -1 && shape.prefix.startsWith(literal))
      : resource.startsWith(shape.prefix) ||
        (wildcardAt !== -1 && shape.prefix.startsWith(literal)),
  );
  if (fitting.length === 0) {
    report(
      'warning',
      'arn/unknown-resource-type',
      `No resource type of ${arn.service} has ARNs that start like "${shortValue(resource)}".`,
      {
        hint: `Resource types of ${arn.service} start with: ${[...new Set(shapes.map((s) => s.prefix || '(a name)'))].slice(0, 8).join(', ')}${shapes.length > 8 ? ', ...' : ''}.`,
      },
    );
    return problems;
  }
  if (arn.region !== '' && !hasWildcard(arn.region) && fitting.every((shape) => !shape.hasRegion)) {
    report(
      'warning',
      'arn/unexpected-region',
      `ARNs of this ${arn.service} resource have no region, so "${arn.region}" makes the ARN match nothing.`,
      { hint: `Leave the region field empty: arn:${arn.partition}:${arn.service}::...` },
    );
  } else if (arn.region === '' && fitting.every((shape) => shape.hasRegion)) {
    report(
      'warning',
      'arn/missing-region',
      `ARNs of this ${arn.service} resource have a region; with an empty region field the ARN matches nothing.`,
      { hint: 'Write the region, or "*".' },
    );
  }
  if (
    account !== '' &&
    ACCOUNT_ID_PATTERN.test(account) &&
    fitting.every((shape) => !shape.hasAccount)
  ) {
    report(
      'warning',
      'arn/unexpected-account',
      `ARNs of this ${arn.service} resource have no account, so "${account}" makes the ARN match nothing.`,
      { hint: 'Leave the account field empty.' },
    );
  }
  return problems;
}

const MAX_REMEMBERED_ARNS = 50_000;
type ArnMemory = Map<string, Problem[]>;
/** Problems per ARN text, by catalog, index and endpoint partitions: an editor checks nearly the same ARNs on every keystroke. */
const rememberedArns = new WeakMap<
  Catalog,
  WeakMap<object, Map<string, { resources: ArnMemory; others: ArnMemory }>>
>();
const WITHOUT_INDEX = {};

function arnMemoryFor(context: ValueCheckContext): { resources: ArnMemory; others: ArnMemory } {
  let byIndex = rememberedArns.get(context.catalog);
  if (!byIndex) rememberedArns.set(context.catalog, (byIndex = new WeakMap()));
  const indexKey = context.iam ?? WITHOUT_INDEX;
  let byPartitions = byIndex.get(indexKey);
  if (!byPartitions) byIndex.set(indexKey, (byPartitions = new Map()));
  const partitionsKey = [...(context.endpointPartitions ?? [])].sort().join(',');
  let memory = byPartitions.get(partitionsKey);
  if (!memory)
    byPartitions.set(partitionsKey, (memory = { resources: new Map(), others: new Map() }));
  return memory;
}

/** Checks an ARN's fields and reports its problems at the value; resource ARNs are also checked against the resource types. */
function checkArn(
  value: PolicyValue,
  context: ValueCheckContext,
  options: { resourceShapes: boolean },
): void {
  const memory = (context.arnMemory ??= arnMemoryFor(context));
  const remembered = options.resourceShapes ? memory.resources : memory.others;
  let problems = remembered.get(value.value);
  if (!problems) {
    problems = arnProblems(value.value, context, options);
    if (remembered.size >= MAX_REMEMBERED_ARNS) remembered.clear();
    remembered.set(value.value, problems);
  }
  for (const problem of problems)
    context.findings.add(
      problem.severity,
      problem.code,
      problem.message,
      { ...value },
      problem.hint ? { hint: problem.hint } : {},
    );
}

function checkResource(value: PolicyValue, element: string, context: ValueCheckContext): void {
  if (reportPlaceholders(value, context, element)) return;
  if (value.value === '*') return;
  checkArn(value, context, { resourceShapes: true });
}

function checkPrincipalEntry(type: string, value: PolicyValue, context: ValueCheckContext): void {
  const { findings } = context;
  if (reportPlaceholders(value, context, 'principal')) return;
  const text = value.value;
  if (type === 'AWS') {
    if (text === '*' || ACCOUNT_ID_PATTERN.test(text) || UNIQUE_ID_PATTERN.test(text)) return;
    const arn = splitArn(text);
    if (!arn || (arn.service !== 'iam' && arn.service !== 'sts')) {
      findings.error(
        'principal/malformed',
        `"${shortValue(text)}" is not an AWS principal: write a 12-digit account id, an IAM ARN such as arn:aws:iam::111122223333:role/name, or "*".`,
        { ...value },
      );
      return;
    }
    if (hasWildcard(text)) {
      findings.error(
        'principal/wildcard',
        `The principal "${shortValue(text)}" has a wildcard; the Principal element takes "*" alone or exact ARNs.`,
        { ...value },
        { hint: 'Use "Principal": "*" with an ArnLike condition on aws:PrincipalArn.' },
      );
      return;
    }
    checkArn(value, context, { resourceShapes: false });
  } else if (type === 'Service' && text !== '*' && !SERVICE_PRINCIPAL_PATTERN.test(text)) {
    findings.warning(
      'principal/malformed-service',
      `"${shortValue(text)}" does not look like a service principal such as "cloudformation.amazonaws.com".`,
      { ...value },
    );
  }
}

function conditionKeyInfo(
  entry: ConditionEntry,
  context: ValueCheckContext,
): ConditionKeyInfo | undefined {
  const { findings, iam } = context;
  if (!iam) return undefined;
  if (hasPlaceholder(entry.key)) return undefined;
  const info = iam.findConditionKey(entry.key);
  if (!info) {
    const lower = entry.key.toLowerCase();
    const tagKey = /^aws:(principal|resource|request)tag\/?$/.test(lower);
    findings.warning(
      'condition/unknown-key',
      tagKey
        ? `The tag key is missing from "${entry.key}".`
        : `No AWS service defines the condition key "${entry.key}"; a missing key makes the condition false (or, with ...IfExists, always true).`,
      entry.keySpan,
      {
        hint: tagKey
          ? `Write "${entry.key.replace(/\/?$/, '/')}<tag-key>".`
          : 'Check the spelling; global keys start with "aws:".',
      },
    );
  }
  return info;
}

function checkConditionEntry(
  entry: ConditionEntry,
  statement: ParsedStatement,
  context: ValueCheckContext,
): void {
  const { findings } = context;
  const keyHasPlaceholder = reportPlaceholders(
    {
      value: entry.key,
      kind: 'string',
      offset: entry.keySpan.offset,
      length: entry.keySpan.length,
      path: entry.keySpan.path ?? [],
    },
    context,
    'condition key',
  );
  const operator = entry.operator;
  const info = keyHasPlaceholder ? undefined : conditionKeyInfo(entry, context);
  const lowerKey = entry.key.toLowerCase();
  const systemKey = SYSTEM_ID_KEYS.get(lowerKey);

  if (operator && info && operator.family !== 'Null') {
    const scalarType = info.type.replace(/^ArrayOf/, '');
    const fits = FAMILIES_BY_TYPE[scalarType] ?? ['String'];
    if (!fits.includes(operator.family)) {
      findings.warning(
        'condition/operator-type-mismatch',
        `${info.key} holds a ${scalarType === 'ARN' ? 'an ARN' : scalarType} value, but ${operator.base} compares ${operator.family === 'Arn' ? 'ARNs' : `${operator.family.toLowerCase()} values`}; the condition may never match.`,
        entry.operatorSpan,
        {
          hint: `Use a ${fits.map((f) => (f === 'Arn' ? 'Arn' : f)).join(' or ')} operator with this key.`,
        },
      );
    }
    const multivalued = info.type.startsWith('ArrayOf');
    if (multivalued && !operator.setQualifier) {
      findings.warning(
        'condition/multivalued-key-without-qualifier',
        `${info.key} can hold several values; without ForAnyValue: or ForAllValues: it is unclear which must match.`,
        entry.operatorSpan,
        {
          hint: `Write "ForAnyValue:${operator.text}" (any value matches) or "ForAllValues:${operator.text}" (every value matches).`,
        },
      );
    } else if (
      !multivalued &&
      operator.setQualifier === 'ForAllValues' &&
      statement.effect === 'Allow'
    ) {
      findings.warning(
        'condition/for-all-values-single-valued',
        `${info.key} holds one value; ForAllValues: is also true when the key is absent, so requests without it pass this Allow.`,
        entry.operatorSpan,
        {
          hint: `Write "${operator.text.replace(/^ForAllValues:/, '')}".`,
        },
      );
    } else if (!multivalued && operator.setQualifier === 'ForAnyValue') {
      findings.info(
        'condition/for-any-value-single-valued',
        `${info.key} holds one value; ForAnyValue: adds nothing here.`,
        entry.operatorSpan,
        { hint: `Write "${operator.text.replace(/^ForAnyValue:/, '')}".` },
      );
    }
  }

  if (operator && systemKey && operator.family === 'Numeric') {
    findings.error(
      'condition/numeric-on-system-id',
      `${systemKey} holds an identifier that AWS generates; numeric operators cannot be used with it in an endpoint policy.`,
      entry.operatorSpan,
      { hint: 'Use StringEquals with the exact ids.' },
    );
  }

  for (const value of entry.values) {
    if (reportPlaceholders(value, context, 'condition value')) continue;
    const text = value.value;
    if (!operator) continue;
    const at: Span = { ...value };
    if (systemKey && operator.family === 'String' && hasWildcard(text)) {
      findings.error(
        'condition/wildcard-on-system-id',
        operator.wildcards
          ? `${systemKey} holds an identifier that AWS generates; wildcards are not allowed in its values in an endpoint policy, and "${shortValue(text)}" could match ids that are not yours.`
          : `${systemKey} holds an identifier that AWS generates; "${shortValue(text)}" is compared as written, and wildcards are not allowed with this key in an endpoint policy.`,
        at,
        { hint: 'List the exact ids.' },
      );
      continue;
    }
    switch (operator.family) {
      case 'Bool':
      case 'Null':
        if (!/^(true|false)$/i.test(text)) {
          findings.error(
            'condition/invalid-bool',
            `${operator.base} takes "true" or "false", not "${shortValue(text)}".`,
            at,
          );
          continue;
        }
        if (operator.family === 'Bool' && value.kind === 'string' && text !== text.toLowerCase()) {
          findings.info(
            'condition/bool-case',
            `Write "${text.toLowerCase()}" in lower case, as AWS documents it.`,
            at,
          );
        }
        break;
      case 'Numeric':
        if (!/^-?\d+(\.\d+)?$/.test(text))
          findings.error(
            'condition/invalid-number',
            `${operator.base} compares numbers; "${shortValue(text)}" is not a number.`,
            at,
          );
        continue;
      case 'Date':
        if (!isPolicyDate(text))
          findings.error(
            'condition/invalid-date',
            `${operator.base} compares dates; "${shortValue(text)}" is not an ISO 8601 date or epoch seconds.`,
            at,
            { hint: 'Write e.g. "2026-12-31T23:59:59Z".' },
          );
        continue;
      case 'IpAddress':
        if (!isIpAddressOrCidr(text))
          findings.error(
            'condition/invalid-ip',
            `${operator.base} compares IP addresses; "${shortValue(text)}" is not an IP address or CIDR block.`,
            at,
            { hint: 'Write e.g. "203.0.113.0/24".' },
          );
        continue;
      case 'Binary':
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text))
          findings.error(
            'condition/invalid-binary',
            `BinaryEquals takes base64 text; "${shortValue(text)}" is not.`,
            at,
          );
        continue;
      case 'Arn':
        if (text !== '*' && !text.startsWith('arn:')) {
          findings.error(
            'condition/invalid-arn',
            `${operator.base} compares ARNs; "${shortValue(text)}" is not one.`,
            at,
            {
              hint: 'Write an ARN such as arn:aws:iam::111122223333:role/name (wildcards allowed).',
            },
          );
          continue;
        }
        if (text !== '*') checkArn(value, context, { resourceShapes: false });
        continue;
      case 'String':
        break;
    }
    if (info?.type === 'Bool' && operator.family === 'String' && !/^(true|false)$/i.test(text)) {
      findings.error(
        'condition/invalid-bool',
        `${info.key} is true or false, so "${shortValue(text)}" never matches.`,
        at,
      );
    }
    if (
      operator.family === 'String' &&
      operator.wildcards &&
      hasWildcard(text) &&
      !hasSixCharacterContext(text)
    ) {
      findings.warning(
        'condition/short-wildcard-context',
        `In an endpoint policy, each wildcard of a string condition needs at least six characters without wildcards right before or after it; "${shortValue(text)}" has fewer.`,
        at,
        {
          hint: 'Write more of the value around the wildcard, or list the exact values.',
        },
      );
    }
    if (
      operator.family === 'String' &&
      !operator.wildcards &&
      hasWildcard(text) &&
      !operator.negated
    ) {
      findings.warning(
        'condition/wildcard-in-equals',
        `${operator.base} compares "${shortValue(text)}" as written: * and ? are not wildcards with this operator.`,
        at,
        { hint: 'Use StringLike for wildcards.' },
      );
    }
    if (hasWildcard(text) && operator.wildcards) continue;
    checkIdentifierShape(lowerKey, value, context, at);
  }
}

/** A policy variable (`${aws:username}`) replaced by a wildcard, so that the fixed parts can still be checked. */
export function withoutPolicyVariables(text: string): string {
  return text.includes('${') ? text.replace(/\$\{[^}]*\}/g, '*') : text;
}

/** Each `*` or `?` has a run of at least six other characters directly before or after it. */
function hasSixCharacterContext(text: string): boolean {
  const runs = text.split(/[*?]/);
  for (let i = 0; i < runs.length - 1; i++) {
    if (runs[i]!.length < 6 && runs[i + 1]!.length < 6) return false;
  }
  return true;
}

function checkIdentifierShape(
  lowerKey: string,
  value: PolicyValue,
  context: ValueCheckContext,
  at: Span,
): void {
  const { findings } = context;
  const text = value.value;
  // "aws:ResourceOrgID": "${aws:PrincipalOrgID}" compares two keys of the request: nothing to check here.
  if (text.includes('${')) return;
  if (ACCOUNT_KEYS.has(lowerKey)) {
    if (!/^\d{12}$/.test(text)) {
      findings.error(
        'id/malformed-account',
        `"${shortValue(text)}" is not an AWS account id: an account id has exactly 12 digits.`,
        at,
        {
          hint: /^\d+$/.test(text)
            ? `It has ${text.length} digits${value.kind === 'number' ? ' (as a JSON number, leading zeros are lost: write it in quotes)' : ''}.`
            : 'Write the 12 digits, in quotes.',
        },
      );
    } else if (value.kind === 'number') {
      findings.warning(
        'id/account-as-number',
        'Write account ids as strings: a JSON number loses leading zeros.',
        at,
        { hint: `Write "${text}".` },
      );
    }
  } else if (ORGANIZATION_KEYS.has(lowerKey)) {
    if (!ORGANIZATION_ID_PATTERN.test(text)) {
      findings.error(
        'id/malformed-organization',
        `"${shortValue(text)}" is not an organization id: it is "o-" followed by 10 to 32 lower-case letters or digits.`,
        at,
        {
          hint: /^r-|^ou-/.test(text)
            ? 'That is a root or OU id; use aws:PrincipalOrgPaths for those.'
            : 'The AWS Organizations console shows the organization id.',
        },
      );
    }
  } else if (ORGANIZATION_PATH_KEYS.has(lowerKey)) {
    if (!ORGANIZATION_PATH_PATTERN.test(text)) {
      findings.error(
        'id/malformed-organization-path',
        `"${shortValue(text)}" is not an organization path such as "o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/".`,
        at,
      );
    }
  } else if (lowerKey === 'aws:sourcevpc') {
    if (!VPC_ID_PATTERN.test(text))
      findings.error(
        'id/malformed-vpc',
        `"${shortValue(text)}" is not a VPC id such as "vpc-0123456789abcdef0".`,
        at,
      );
  } else if (lowerKey === 'aws:sourcevpce') {
    if (!VPC_ENDPOINT_ID_PATTERN.test(text))
      findings.error(
        'id/malformed-vpc-endpoint',
        `"${shortValue(text)}" is not a VPC endpoint id such as "vpce-0123456789abcdef0".`,
        at,
      );
  } else if (lowerKey === 'aws:sourceip' || lowerKey === 'aws:vpcsourceip') {
    if (!isIpAddressOrCidr(text))
      findings.error(
        'condition/invalid-ip',
        `"${shortValue(text)}" is not an IP address or CIDR block.`,
        at,
      );
  } else if (lowerKey === 'aws:requestedregion') {
    if (!REGION_CODE_PATTERN.test(text))
      findings.error(
        'id/malformed-region',
        `"${shortValue(text)}" is not a region code such as "us-east-1".`,
        at,
      );
    else if (!context.catalog.region(text))
      findings.warning('id/unknown-region', `The region "${text}" is not one we know.`, at);
  } else if (lowerKey === 'aws:principalarn' || lowerKey === 'aws:sourcearn') {
    if (text.startsWith('arn:')) checkArn(value, context, { resourceShapes: false });
    else findings.error('condition/invalid-arn', `"${shortValue(text)}" is not an ARN.`, at);
  }
}

/** IAM accepts only ASCII letters and digits in a Sid, and each Sid once per policy. */
function checkSids(model: PolicyModel, context: ValueCheckContext): void {
  const seen = new Map<string, PolicyValue>();
  for (const statement of model.statements) {
    const sid = statement.sid;
    if (!sid || reportPlaceholders(sid, context, 'Sid')) continue;
    if (!/^[A-Za-z0-9]+$/.test(sid.value)) {
      const cleaned = sid.value.replace(/[^A-Za-z0-9]/g, '');
      context.findings.error(
        'statement/malformed-sid',
        sid.value === ''
          ? 'The Sid is empty.'
          : `The Sid "${shortValue(sid.value)}" may only contain the letters A-Z and a-z and the digits 0-9.`,
        { ...sid },
        {
          hint: cleaned
            ? `Write "${cleaned}", or remove the Sid.`
            : 'Remove the Sid or give it a name of letters and digits.',
        },
      );
    }
    const first = seen.get(sid.value);
    if (first) {
      context.findings.error(
        'statement/duplicate-sid',
        `The Sid "${shortValue(sid.value)}" is already used on line ${context.findings.lines.position(first.offset).line}; each Sid must be unique in a policy.`,
        { ...sid },
        {
          hint: 'Rename one of them, or merge the two statements.',
        },
      );
    } else {
      seen.set(sid.value, sid);
    }
  }
}

/** Checks every value of the policy. */
export function checkPolicyValues(model: PolicyModel, context: ValueCheckContext): void {
  checkSids(model, context);
  for (const statement of model.statements) {
    if (context.findings.full) return;
    for (const value of statement.action?.values ?? [])
      checkAction(value, statement.action!.element, context);
    for (const value of statement.resource?.values ?? [])
      checkResource(value, statement.resource!.element, context);
    for (const entry of statement.principal?.entries ?? [])
      checkPrincipalEntry(entry.type, entry.value, context);
    for (const entry of statement.conditions) checkConditionEntry(entry, statement, context);
  }
}
