/** The upstream sample endpoint policies, as tests of the validator read them: verbatim or with their placeholders filled. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { catalog } from '../catalog/catalog';
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
  const account = (table: string) => catalog.accountTable(table)!.accounts[SAMPLE_REGION]![0]!;
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
