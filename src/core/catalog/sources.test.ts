/**
 * The catalog pinned to machine-readable sources, so that drift is caught: regions, partitions and
 * DNS suffixes against the partition data of the AWS SDK for JavaScript (a pinned development
 * dependency), endpoint service names against the list of the 2026 PrivateLink guide, Patch
 * Manager buckets against the Systems Manager table. Every intentional difference is listed here
 * with its reason.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { partition as sdkPartition } from '@aws-sdk/util-endpoints';
import { describe, expect, it } from 'vitest';
import { readReference, readReferenceJson } from '../testing/reference';
import { catalog } from './catalog';
import { testPatternId, testRegionCode, testServiceId } from './ids.testing';

interface SdkPartition {
  id: string;
  outputs: { dnsSuffix: string; name: string };
  regionRegex: string;
  regions: Record<string, { description?: string }>;
}

/** The SDK's partition data, as @aws-sdk/core ships it (the module is not exported, so it is read). */
function sdkPartitions(): SdkPartition[] {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@aws-sdk/core/package.json'));
  const text = readFileSync(
    join(root, 'dist-es/submodules/client/util-endpoints/lib/aws/partitions.js'),
    'utf8',
  );
  const json = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
  return (JSON.parse(json) as { partitions: SdkPartition[] }).partitions;
}

/** Partitions of the SDK the catalog leaves out on purpose. */
const PARTITIONS_LEFT_OUT: Record<string, string> = {
  'aws-iso':
    'US isolated regions: no public account can reach them, no public source names their AWS-owned resources',
  'aws-iso-b': 'as aws-iso',
  'aws-iso-e': 'as aws-iso',
  'aws-iso-f': 'as aws-iso',
};
/** Pseudo-regions of the SDK data that are not regions one deploys an endpoint in. */
const isPseudoRegion = (code: string) => code.startsWith('aws-') || code.endsWith('-global');

describe('regions and partitions against the AWS SDK partition data', () => {
  const partitions = sdkPartitions();

  it('reads the pinned SDK data', () => {
    expect(partitions.map((p) => p.id)).toEqual(expect.arrayContaining(['aws', 'aws-cn']));
  });

  it('has every partition of the SDK, or says why not', () => {
    const missing = partitions
      .map((p) => p.id)
      .filter((id) => !catalog.partitions.some((c) => c.id === id) && !PARTITIONS_LEFT_OUT[id]);
    expect(missing).toEqual([]);
    for (const id of Object.keys(PARTITIONS_LEFT_OUT))
      expect(
        catalog.partitions.some((c) => c.id === id),
        id,
      ).toBe(false);
  });

  it('has the DNS suffix of each partition that the SDK gives', () => {
    for (const ours of catalog.partitions) {
      const sdk = partitions.find((p) => p.id === ours.id);
      expect(sdk, ours.id).toBeDefined();
      expect(ours.dnsSuffix, ours.id).toBe(sdk!.outputs.dnsSuffix);
    }
  });

  it('has every region of the partitions it covers, in the right partition, and no other', () => {
    const covered = partitions.filter((p) => catalog.partitions.some((c) => c.id === p.id));
    const sdkRegions = covered.flatMap((p) =>
      Object.keys(p.regions)
        .filter((code) => !isPseudoRegion(code))
        .map((code) => ({ code, partition: p.id, name: p.regions[code]!.description })),
    );
    const missing = sdkRegions.filter(
      (r) => catalog.region(testRegionCode(r.code))?.partition !== r.partition,
    );
    expect(missing).toEqual([]);
    const extra = catalog.regions.filter((r) => !sdkRegions.some((s) => s.code === r.code));
    expect(extra.map((r) => r.code)).toEqual([]);
    // Each region's code also fits its partition's pattern, and the SDK resolves it to the same suffix.
    for (const region of catalog.regions) {
      const sdk = partitions.find((p) => p.id === region.partition)!;
      expect(new RegExp(sdk.regionRegex).test(region.code), region.code).toBe(true);
      expect(sdkPartition(region.code).dnsSuffix, region.code).toBe(region.dnsSuffix);
    }
  });
});

/** Catalog services whose names the 2026 guide does not list, and why they stay. */
const NOT_IN_2026_GUIDE: Record<string, string> = {
  'bedrock-agentcore':
    'in aws-cdk-lib 2.276.0 (InterfaceVpcEndpointAwsService); newer than the guide page',
  'bedrock-agentcore.gateway': 'as bedrock-agentcore',
  'bedrock-fips': 'in aws-cdk-lib 2.276.0; FIPS variant the guide page does not list',
  'bedrock-runtime-fips': 'as bedrock-fips',
  codecatalyst: 'in aws-cdk-lib 2.276.0 (aws.api.global.codecatalyst)',
  'codecatalyst.git': 'in aws-cdk-lib 2.276.0',
  'codecatalyst.packages': 'in aws-cdk-lib 2.276.0',
  'cognito-identity':
    'in aws-cdk-lib 2.276.0; Cognito endpoints are documented in the Cognito guide',
  'cognito-identity-fips': 'as cognito-identity',
  'cognito-idp': 'as cognito-identity',
  'cognito-idp-fips': 'as cognito-identity',
  'ecr-public.api': 'in aws-cdk-lib 2.276.0',
  email: 'the SES API endpoint (aws-cdk-lib 2.276.0); the guide lists only email-smtp',
  'email-fips': 'as email',
  invoicing: 'in aws-cdk-lib 2.276.0',
  kafkaconnect: 'in aws-cdk-lib 2.276.0',
  'private-networks': 'in aws-cdk-lib 2.276.0',
  s3express: 'gateway endpoint in aws-cdk-lib 2.276.0 (GatewayVpcEndpointAwsService)',
  s3vectors: 'in aws-cdk-lib 2.276.0',
  'sagemaker-geospatial': 'in aws-cdk-lib 2.276.0',
  shield: 'in aws-cdk-lib 2.276.0',
  'shield-fips': 'as shield',
  'ssm-fips': 'in aws-cdk-lib 2.276.0; FIPS variant the guide page does not list',
};
/** Other names of an endpoint, as sources give them: the endpoint's service for each. */
const OTHER_NAMES: Record<string, string> = {
  docdb: 'rds',
  ses: 'email',
  sesv2: 'email',
};

/** The part of a PrivateLink service name after its region (or after com.amazonaws. for global ones). */
function shortName(serviceName: string): string {
  if (serviceName.includes('.{region}.')) return serviceName.split('.{region}.')[1]!;
  if (serviceName.startsWith('com.amazonaws.')) return serviceName.slice('com.amazonaws.'.length);
  return serviceName.split('.').at(-1)!;
}

describe('endpoint services against the 2026 PrivateLink guide', () => {
  const guide = readReference('privatelink-names-2026.txt')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const named = catalog.services.filter((s) => s.serviceName !== null);

  it('has every name of the guide', () => {
    const names = new Set(named.map((s) => shortName(s.serviceName!)));
    expect(guide.filter((n) => !names.has(n))).toEqual([]);
  });

  it('gives route53 and cloudfront their global form', () => {
    for (const id of ['route53', 'cloudfront']) {
      expect(catalog.service(testServiceId(id))?.serviceName, id).toBe(`com.amazonaws.${id}`);
      expect(catalog.service(testServiceId(id))?.global, id).toBe(true);
      expect(catalog.service(testServiceId(id))?.nameSource, id).toBe('privatelink-2026');
    }
  });

  it('reaches DocumentDB through rds and SES through email, and has no other duplicate', () => {
    expect(catalog.service(testServiceId('docdb'))?.serviceName).toBe('com.amazonaws.{region}.rds');
    expect(catalog.service(testServiceId('ses'))?.serviceName).toBe('com.amazonaws.{region}.email');
    expect(
      Object.fromEntries(
        catalog.services.filter((s) => s.endpointOf).map((s) => [s.id, s.endpointOf]),
      ),
    ).toEqual(OTHER_NAMES);
    // One entry of its own per endpoint name; another name has its endpoint's name and template.
    const byName = new Map<string, string[]>();
    for (const s of named.filter((s) => !s.endpointOf))
      byName.set(s.serviceName!, [...(byName.get(s.serviceName!) ?? []), s.id]);
    expect([...byName.values()].filter((ids) => ids.length > 1)).toEqual([]);
    for (const [id, owner] of Object.entries(OTHER_NAMES)) {
      const endpoint = catalog.service(testServiceId(owner))!;
      expect(endpoint.endpointOf, owner).toBeUndefined();
      expect(catalog.service(testServiceId(id))?.serviceName, id).toBe(endpoint.serviceName);
      expect(catalog.service(testServiceId(id))?.template, id).toBe(endpoint.template);
      expect(catalog.service(testServiceId(id))?.endpointPolicy, id).toBe(endpoint.endpointPolicy);
    }
  });

  it('marks discontinued services, and lists every other name the guide lacks with a reason', () => {
    const outside = named.filter((s) => !guide.includes(shortName(s.serviceName!)));
    const discontinued = catalog.services.filter((s) => s.discontinued).map((s) => s.id);
    expect(discontinued.sort()).toEqual(
      [
        'sms',
        'sms-fips',
        'elastic-inference.runtime',
        'nimble',
        'qldb.session',
        'robomaker',
        'evidently',
        'evidently-dataplane',
        'lookoutmetrics',
        'iot.fleethub.api',
      ].sort(),
    );
    const unexplained = outside
      .map((s) => s.id)
      .filter((id) => !discontinued.includes(id) && !NOT_IN_2026_GUIDE[id] && !OTHER_NAMES[id]);
    expect(unexplained).toEqual([]);
    for (const id of discontinued)
      expect(guide.includes(shortName(catalog.service(id)!.serviceName!)), id).toBe(false);
    for (const id of Object.keys(NOT_IN_2026_GUIDE))
      expect(catalog.service(testServiceId(id)), id).toBeDefined();
  });

  it('settles the six support flags with the guide, and says unknown where no source speaks', () => {
    const expected: Record<string, string> = {
      'cassandra-streams': 'supported',
      'bcm-data-exports': 'supported',
      'emr-service-cell01': 'supported',
      freetier: 'supported',
      'kendra-ranking': 'supported',
      'apprunner.requests': 'unsupported',
    };
    for (const [id, support] of Object.entries(expected)) {
      expect(catalog.service(testServiceId(id))?.endpointPolicy, id).toBe(support);
      expect(catalog.service(testServiceId(id))?.endpointPolicySource, id).toBe(
        'privatelink-2026-describe',
      );
    }
    // New names of the guide come without a support flag: unknown, never guessed.
    expect(catalog.service(testServiceId('networkmanager'))?.endpointPolicy).toBe('unknown');
  });
});

describe('Patch Manager buckets against the Systems Manager table', () => {
  it('carries the table exactly', () => {
    const table = readReferenceJson<{
      regions: Record<
        string,
        { linuxWindowsDocuments: string; macosDocuments: string; baselineSnapshots: string }
      >;
    }>('ssm-patch-buckets.json');
    const values = catalog.pattern(testPatternId('patch-manager-buckets'))!.regionValues!;
    const ours = (name: string) => values[name]!.values;
    expect(ours('patchLinuxWindowsBucket')).toEqual(
      Object.fromEntries(
        Object.entries(table.regions).map(([r, v]) => [r, v.linuxWindowsDocuments]),
      ),
    );
    expect(ours('patchMacosBucket')).toEqual(
      Object.fromEntries(Object.entries(table.regions).map(([r, v]) => [r, v.macosDocuments])),
    );
    expect(ours('patchBaselineSnapshotBucket')).toEqual(
      Object.fromEntries(Object.entries(table.regions).map(([r, v]) => [r, v.baselineSnapshots])),
    );
  });
});
