/** The upstream sample endpoint policies, as tests of the validator read them: verbatim or with their placeholders filled. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { catalog } from '../catalog/catalog';
import { testRegionCode } from '../catalog/ids.testing';
import { referenceDir, readReference } from '../testing/reference';

export const SAMPLE_DIR = 'upstream/vpc_endpoint_policies';
export const SAMPLE_REGION = 'us-east-1';
export const SAMPLE_ORG = 'o-a1b2c3d4e5';

/** The endpoint service each sample is for. */
export const SAMPLE_SERVICES: Readonly<Record<string, string>> = {
  'cloudformation_endpoint_policy.json': 'cloudformation',
  'default_endpoint_policy.json': 'sts',
  'ec2_endpoint_policy.json': 'ec2',
  'ecr.api_endpoint_policy.json': 'ecr.api',
  'iam_endpoint_policy.json': 'iam',
  'imagebuilder_endpoint_policy.json': 'imagebuilder',
  'iot_endpoint_policy.json': 'iot.api',
  'lambda_endpoint_policy.json': 'lambda',
  's3_endpoint_policy.json': 's3',
  'ssm_endpoint_policy.json': 'ssm',
};

export function sampleFiles(): string[] {
  return readdirSync(join(referenceDir, SAMPLE_DIR))
    .filter((f) => f.endsWith('.json'))
    .sort();
}

export function readSample(file: string): string {
  return readReference(`${SAMPLE_DIR}/${file}`);
}

/** The value each upstream placeholder takes once filled. */
export function placeholderValues(): Record<string, string> {
  const account = (table: string) =>
    catalog.accountTable(table)!.accounts[testRegionCode(SAMPLE_REGION)]![0]!;
  return {
    '<my-org-id>': SAMPLE_ORG,
    '<region>': SAMPLE_REGION,
    '<RegionWithoutDashes>': SAMPLE_REGION.replaceAll('-', ''),
    '<ecr-account-id>': account('eks-add-ons'),
    '<glue-account-id>': account('glue-studio-transforms'),
    '<CodeArtifact-Region-Account>': account('codeartifact-assets'),
    '<service-account-id>': '580247275435',
    '<string>': '*',
    '<third-party-account-a>': '111111111111',
    '<third-party-account-b>': '222222222222',
    '<action>': 's3:GetObject',
    '<third-party-resource-arn>': 'arn:aws:s3:::partner-bucket/*',
  };
}

/** The sample text with every placeholder replaced, whitespace and order untouched. */
export function fillSample(text: string): string {
  const values = placeholderValues();
  return text.replace(/<[A-Za-z-]+>/g, (p) => {
    const value = values[p];
    if (value === undefined) throw new Error(`no value for the placeholder ${p}`);
    return value;
  });
}

const asSortedList = (value: unknown): string[] =>
  (Array.isArray(value) ? [...(value as string[])] : [value as string]).sort();
const substitute = (text: string, values: Record<string, string>): string =>
  text.replace(/<[A-Za-z-]+>/g, (p) => values[p] ?? p);

/**
 * Where current AWS documentation supersedes the samples (commit 8e0d3c5), the catalog follows the
 * documentation; each difference is listed here with its source, and in the README.
 */
interface SupersededValue {
  file: string;
  sid: string;
  /** Resources of the sample the catalog no longer emits by default. */
  removed?: string[];
  /** Resources the catalog emits instead: with the values filled, and with nothing filled. */
  added?: { filled: string[]; placeholders: string[] };
  /** A statement the catalog adds. */
  addedStatement?: { filled: Record<string, unknown>; placeholders: Record<string, unknown> };
  reason: string;
  source: string;
}

const federation = (org: string) => ({
  Sid: 'AllowRequestsByOrgsIdentitiesToOrgsResourcesFederation',
  Effect: 'Allow',
  Principal: '*',
  Action: ['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'],
  Resource: 'arn:aws:iam::*:role/*',
  Condition: { StringEquals: { 'aws:ResourceOrgID': org } },
});

export const SUPERSEDED: SupersededValue[] = [
  {
    file: 's3_endpoint_policy.json',
    sid: 'AllowRequestsToAWSOwnedResources',
    removed: ['arn:aws:s3:::aws-patchmanager-macos-<region>/*'],
    added: {
      filled: [
        'arn:aws:s3:::aws-patch-manager-us-east-1-1970c647d/*',
        'arn:aws:s3:::aws-patchmanager-macos-us-east-1-1970c647d/*',
      ],
      placeholders: [
        'arn:aws:s3:::<patchLinuxWindowsBucket>/*',
        'arn:aws:s3:::<patchMacosBucket>/*',
        'arn:aws:s3:::<patchBaselineSnapshotBucket>/*',
      ],
    },
    reason:
      'Patch Manager documents are in aws-patch-manager-<region>-<suffix> and aws-patchmanager-macos-<region>-<suffix>; the snapshot bucket is suffixed in some regions',
    source:
      'https://docs.aws.amazon.com/systems-manager/latest/userguide/patch-operations-s3-buckets.html',
  },
  {
    file: 's3_endpoint_policy.json',
    sid: 'AllowRequestsToAWSOwnedResources',
    removed: [
      'arn:aws:s3:::patch-baseline-snapshot-<region>/*',
      'arn:aws:s3:::static-<region>-prod-static-<string>/content/dependencies/*',
    ],
    added: { filled: ['arn:aws:s3:::patch-baseline-snapshot-us-east-1/*'], placeholders: [] },
    reason:
      'Cloud9 is closed to new customers and its bucket identifier is unpublished: the pattern is off by default and takes exact names (a wildcard would admit buckets anyone can create); the snapshot bucket comes from the Patch Manager table',
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/gpbucketnamespaces.html',
  },
  {
    file: 'default_endpoint_policy.json',
    sid: 'AllowRequestsByOrgsIdentitiesToOrgsResourcesFederation',
    addedStatement: { filled: federation(SAMPLE_ORG), placeholders: federation('<my-org-id>') },
    reason:
      'SAML and web identity federation calls are unsigned and carry no aws:PrincipalOrgID; STS endpoints admit them to roles of our organization',
    source:
      'https://github.com/aws-samples/data-perimeter-policy-examples/tree/main/resource_control_policies',
  },
];

/** The sample as the catalog reproduces it: the superseded values replaced by the documented ones. */
export function withDocumentedFacts(
  file: string,
  sample: { Version: string; Statement: Record<string, unknown>[] },
  mode: 'filled' | 'placeholders',
  values: Record<string, string>,
): { Version: string; Statement: Record<string, unknown>[] } {
  const statements = sample.Statement.map((s) => ({ ...s }));
  for (const difference of SUPERSEDED.filter((d) => d.file === file)) {
    if (difference.addedStatement) {
      statements.push(difference.addedStatement[mode]);
      continue;
    }
    const statement = statements.find((s) => s.Sid === difference.sid)!;
    const removed = new Set(
      (difference.removed ?? []).map((r) => (mode === 'filled' ? substitute(r, values) : r)),
    );
    statement.Resource = [
      ...asSortedList(statement.Resource).filter((r) => !removed.has(r)),
      ...(difference.added?.[mode] ?? []),
    ];
  }
  return { ...sample, Statement: statements };
}

/** The filled sample with the values that AWS documentation supersedes replaced, as pretty JSON. */
export function documentedSample(file: string): string {
  const filled = JSON.parse(fillSample(readSample(file))) as {
    Version: string;
    Statement: Record<string, unknown>[];
  };
  return JSON.stringify(withDocumentedFacts(file, filled, 'filled', placeholderValues()), null, 4);
}

/** A policy's statements with lists sorted and single values as lists, for comparing content. */
export function normalizeStatements(policy: unknown): unknown[] {
  const list = (value: unknown) =>
    (Array.isArray(value) ? [...(value as string[])] : [value as string]).sort();
  const statements = (policy as { Statement: Array<Record<string, unknown>> }).Statement;
  return statements
    .map((s) => ({
      Sid: s.Sid,
      Effect: s.Effect,
      Principal: s.Principal,
      Action: list(s.Action),
      Resource: list(s.Resource),
      Condition: Object.fromEntries(
        Object.entries((s.Condition ?? {}) as Record<string, Record<string, unknown>>).map(
          ([op, entries]) => [
            op,
            Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, list(v)])),
          ],
        ),
      ),
    }))
    .sort((a, b) => String(a.Sid).localeCompare(String(b.Sid)));
}
