/** Value checks, ARNs: the fields of resource and principal ARNs, remembered per text. */
import type { Catalog } from '../catalog/catalog';
import { ACCOUNT_ID_PATTERN, REGION_CODE_PATTERN, regionNamed } from '../catalog/ids';
import type { DiagnosticCode, Severity } from '../diagnostics';
import { SERVICE_PRINCIPAL_PATTERN, UNIQUE_ID_PATTERN } from '../policy/identifiers';
import { splitArn, hasWildcard, ARN_PARTITIONS, type ArnFields } from '../policy/arn';
import type { IamIndex } from '../iam/iam-index';
import type { PolicyValue } from '../policy/policy-model';
import { reportPlaceholders, shortValue, type ValueCheckContext } from './value-checks';
import { withoutPolicyVariables } from './value-checks-conditions';
interface Problem {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  hint?: string;
}

type ReportProblem = (
  severity: Severity,
  code: DiagnosticCode,
  message: string,
  details?: { hint?: string },
) => void;

/** The problems of an ARN's fields; they depend on the text alone, so they are remembered per text. */
function arnProblems(
  text: string,
  context: ValueCheckContext,
  options: { resourceShapes: boolean },
): Problem[] {
  const problems: Problem[] = [];
  const report: ReportProblem = (severity, code, message, details = {}) => {
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
  checkPartitionField(arn, context, report);
  if (arn.service === '') {
    report('error', 'arn/missing-service', 'The ARN has no service field.', {
      hint: 'Write the service between the second and third colons, e.g. arn:aws:s3:::bucket.',
    });
    return problems;
  }
  checkRegionField(arn, context, report);
  checkAccountField(arn.account, report);
  if (context.iam && !hasWildcard(arn.service))
    checkResourceShape(arn, context.iam, options, report);
  return problems;
}

/** A known partition, and one of the endpoint's regions. */
function checkPartitionField(
  arn: ArnFields,
  context: ValueCheckContext,
  report: ReportProblem,
): void {
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
}

/** A region code of the ARN's partition, and no region of another partition named in the resource. */
function checkRegionField(arn: ArnFields, context: ValueCheckContext, report: ReportProblem): void {
  const { catalog } = context;
  const wildPartition = hasWildcard(arn.partition);
  if (arn.region !== '' && !hasWildcard(arn.region)) {
    if (!REGION_CODE_PATTERN.test(arn.region)) {
      report(
        'error',
        'arn/malformed-region',
        `"${arn.region}" in the region field is not a region code.`,
        { hint: 'Write a region code such as us-east-1, "*", or nothing for global resources.' },
      );
    } else {
      const region = regionNamed(arn.region, catalog);
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
}

/** An account id, a wildcard alone, "aws" or nothing. */
function checkAccountField(account: string, report: ReportProblem): void {
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
}

/** The service and resource against the resource types the IAM reference lists for it. */
function checkResourceShape(
  arn: ArnFields,
  iam: IamIndex,
  options: { resourceShapes: boolean },
  report: ReportProblem,
): void {
  const account = arn.account;
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
    return;
  }
  if (!options.resourceShapes || account === 'aws') return;
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
    return;
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
}

const MAX_REMEMBERED_ARNS = 50_000;
export type ArnMemory = Map<string, Problem[]>;
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
export function checkArn(
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

export function checkResource(
  value: PolicyValue,
  element: string,
  context: ValueCheckContext,
): void {
  if (reportPlaceholders(value, context, element)) return;
  if (value.value === '*') return;
  checkArn(value, context, { resourceShapes: true });
}

export function checkPrincipalEntry(
  type: string,
  value: PolicyValue,
  context: ValueCheckContext,
): void {
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
