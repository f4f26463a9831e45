/**
 * Parity with the upstream samples: for each of the ten sample endpoint policies, the default
 * selection of its service, with the placeholders' values supplied, reproduces the file statement
 * by statement (list order aside).
 */
import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import type { PerimeterConfigDocument } from '../config/schema';
import { readReferenceJson } from '../testing/reference';
import { withDocumentedFacts } from '../validate/samples.testing';
import { generate } from './generate';
import { testConfig, testRegionCode, testServiceId } from '../catalog/ids.testing';

const ORG = 'o-a1b2c3d4e5';
const REGION = 'us-east-1';
const LAYER_ACCOUNT = '580247275435';
const THIRD_PARTY = ['111111111111', '222222222222'];
const THIRD_PARTY_ACTION = 's3:GetObject';
const THIRD_PARTY_RESOURCE = 'arn:aws:s3:::partner-bucket/*';

/** The value each upstream placeholder takes in these tests. */
function placeholderValues(): Record<string, string> {
  const account = (table: string) =>
    catalog.accountTable(table)!.accounts[testRegionCode(REGION)]![0]!;
  return {
    '<my-org-id>': ORG,
    '<region>': REGION,
    '<RegionWithoutDashes>': REGION.replaceAll('-', ''),
    '<ecr-account-id>': account('eks-add-ons'),
    '<glue-account-id>': account('glue-studio-transforms'),
    '<CodeArtifact-Region-Account>': account('codeartifact-assets'),
    '<service-account-id>': LAYER_ACCOUNT,
    '<third-party-account-a>': THIRD_PARTY[0]!,
    '<third-party-account-b>': THIRD_PARTY[1]!,
    '<action>': THIRD_PARTY_ACTION,
    '<third-party-resource-arn>': THIRD_PARTY_RESOURCE,
  };
}

function substitute(value: unknown, values: Record<string, string>): unknown {
  if (typeof value === 'string') return value.replace(/<[A-Za-z-]+>/g, (p) => values[p] ?? p);
  if (Array.isArray(value)) return value.map((v) => substitute(v, values));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, values)]));
  }
  return value;
}

const asSortedList = (value: unknown): string[] =>
  (Array.isArray(value) ? [...(value as string[])] : [value as string]).sort();

/** A statement with every list sorted and single values as one-element lists. */
function normalize(statement: Record<string, unknown>) {
  const condition = (statement.Condition ?? {}) as Record<string, Record<string, unknown>>;
  return {
    Sid: statement.Sid,
    Effect: statement.Effect,
    Principal: statement.Principal,
    Action: asSortedList(statement.Action),
    Resource: asSortedList(statement.Resource),
    Condition: Object.fromEntries(
      Object.entries(condition).map(([op, entries]) => [
        op,
        Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, asSortedList(v)])),
      ]),
    ),
  };
}

const config: PerimeterConfigDocument = {
  version: 1,
  organizationIds: [ORG],
  regions: [REGION],
  services: [],
  parameters: {
    lambdaLayerAccounts: [LAYER_ACCOUNT],
    thirdPartyIdentitiesToThirdPartyResources: {
      accounts: THIRD_PARTY,
      actions: [THIRD_PARTY_ACTION],
      resources: [THIRD_PARTY_RESOURCE],
    },
    orgIdentitiesToThirdPartyResources: {
      accounts: THIRD_PARTY,
      actions: [THIRD_PARTY_ACTION],
      resources: [THIRD_PARTY_RESOURCE],
    },
  },
};

const samples: Array<[file: string, service: string]> = [
  ['cloudformation_endpoint_policy.json', 'cloudformation'],
  ['default_endpoint_policy.json', 'sts'],
  ['ec2_endpoint_policy.json', 'ec2'],
  ['ecr.api_endpoint_policy.json', 'ecr.api'],
  ['iam_endpoint_policy.json', 'iam'],
  ['imagebuilder_endpoint_policy.json', 'imagebuilder'],
  ['iot_endpoint_policy.json', 'iot.api'],
  ['lambda_endpoint_policy.json', 'lambda'],
  ['s3_endpoint_policy.json', 's3'],
  ['ssm_endpoint_policy.json', 'ssm'],
];

describe('parity with the upstream sample endpoint policies', () => {
  it.each(samples)('%s is reproduced by the default selection of %s', (file, service) => {
    const upstream = readReferenceJson<{ Version: string; Statement: Record<string, unknown>[] }>(
      `upstream/vpc_endpoint_policies/${file}`,
    );
    const expected = withDocumentedFacts(
      file,
      substitute(upstream, placeholderValues()) as typeof upstream,
      'filled',
      placeholderValues(),
    );
    const result = generate(
      testConfig({ ...config, services: [testServiceId(service)] }),
      testServiceId(service),
    );

    expect(result.policy.Version).toBe(expected.Version);
    const actual = result.policy.Statement.map((s) =>
      normalize(s as unknown as Record<string, unknown>),
    );
    const wanted = expected.Statement.map(normalize);
    expect(actual.map((s) => s.Sid).sort()).toEqual(wanted.map((s) => s.Sid).sort());
    for (const statement of wanted) {
      expect(
        actual.find((s) => s.Sid === statement.Sid),
        statement.Sid as string,
      ).toEqual(statement);
    }
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('keeps the upstream placeholders visible when nothing is filled in', () => {
    const result = generate(
      { version: 1, organizationIds: [], regions: [], services: [testServiceId('s3')] },
      testServiceId('s3'),
    );
    const upstream = withDocumentedFacts(
      's3_endpoint_policy.json',
      readReferenceJson<{ Version: string; Statement: Record<string, unknown>[] }>(
        'upstream/vpc_endpoint_policies/s3_endpoint_policy.json',
      ),
      'placeholders',
      {},
    );
    const actual = result.policy.Statement.map((s) =>
      normalize(s as unknown as Record<string, unknown>),
    );
    // Table-backed accounts have no region to look up, so they stay placeholders too.
    expect(actual).toEqual(expect.arrayContaining(upstream.Statement.map(normalize)));
    expect(actual).toHaveLength(upstream.Statement.length);
    expect(result.diagnostics.map((d) => d.code)).toContain('generate/missing-region');
  });
});
