/**
 * Safe defaults of the generator: no wildcard completes a bucket name (or an account) in a
 * statement that admits any principal, unpublished bucket names are parameters the user fills,
 * region-independent bucket names appear only where a source shows that AWS owns them, and
 * names that no source documents for a region are left out rather than guessed.
 */
import { describe, expect, it } from 'vitest';
import { buildCatalog, catalog, catalogFiles } from '../catalog/catalog';
import { perimeterConfigSchema, type PerimeterConfigDocument } from '../config/schema';
import { readReferenceJson } from '../testing/reference';
import { strangerOwnablePart } from '../policy/arn';
import { admitsAnyPrincipal, type GeneratedPolicy } from './generate';
import { generateFromDocument as generate } from './generate.testing';
import { testPatternId, testRegionCode } from '../catalog/ids.testing';

const ORG = 'o-a1b2c3d4e5';
const OPEN_SID = 'AllowRequestsToAWSOwnedResources';

const base = (extra: Partial<PerimeterConfigDocument> = {}): PerimeterConfigDocument => ({
  version: 1,
  organizationIds: [ORG],
  regions: ['us-east-1'],
  services: ['s3'],
  ...extra,
});
const list = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const resourcesOf = (result: GeneratedPolicy, sid: string) =>
  list(result.policy.Statement.find((s) => s.Sid === sid)?.Resource);
const codes = (result: GeneratedPolicy) => result.diagnostics.map((d) => d.code);

/** Every statement of the policy that no condition ties to an organization, account or service. */
function openStatements(result: GeneratedPolicy) {
  return result.policy.Statement.filter((s) =>
    admitsAnyPrincipal({ ...s, Condition: s.Condition ?? {} } as Parameters<
      typeof admitsAnyPrincipal
    >[0]),
  );
}

describe('no wildcard completes a name a stranger can register, in a statement open to anyone', () => {
  const everyPattern = Object.fromEntries(catalog.patterns.map((p) => [p.id, true]));
  const services = [...new Set(catalog.patterns.flatMap((p) => p.services))];

  it('holds for every pattern of every service in every region, filled or not', () => {
    const regions = catalog.regions.map((r) => r.code);
    for (const service of services) {
      const result = generate(
        base({ services: [service], regions, dataAccessPatterns: everyPattern }),
        service,
        { format: 'minified' },
      );
      for (const statement of openStatements(result))
        for (const resource of list(statement.Resource)) {
          const part = strangerOwnablePart(resource) ?? '';
          expect(/[*?]/.test(part), `${service}: ${statement.Sid}: ${resource}`).toBe(false);
        }
      expect(codes(result), service).not.toContain('generate/open-wildcard-refused');
    }
  });

  it('no catalog template of an open statement has a wildcard in its bucket name', () => {
    for (const pattern of catalog.patterns) {
      const template = catalog.statement(pattern.statement).templates[pattern.grant];
      if (!template || !admitsAnyPrincipal(template)) continue;
      for (const resource of pattern.resources ?? []) {
        const part = strangerOwnablePart(resource.replace('{partition}', 'aws')) ?? '';
        expect(/[*?]/.test(part), `${pattern.id}: ${resource}`).toBe(false);
      }
    }
  });

  it('refuses a wildcard bucket name that a catalog entry would put in the open statement, and says why', () => {
    const files = structuredClone(catalogFiles);
    const pattern = files.patterns.patterns.find((p) => p.id === 'athena-examples')!;
    pattern.resources = [...pattern.resources!, 'arn:{partition}:s3:::athena-examples-*/*'];
    const result = generate(base(), 's3', { catalog: buildCatalog(files) });
    expect(resourcesOf(result, OPEN_SID)).not.toContain('arn:aws:s3:::athena-examples-*/*');
    expect(resourcesOf(result, OPEN_SID)).toContain('arn:aws:s3:::athena-examples-us-east-1/*');
    const refusal = result.diagnostics.find((d) => d.code === 'generate/open-wildcard-refused');
    expect(refusal?.severity).toBe('error');
    expect(refusal?.message).toContain('admits any principal');
    expect(refusal?.message).toContain('a bucket name');
    expect(refusal?.hint).toContain('athena-examples');
  });

  it('keeps the object-key wildcard (bucket/*), which names no bucket', () => {
    expect(strangerOwnablePart('arn:aws:s3:::aws-cli/*')).toBe('aws-cli');
    expect(strangerOwnablePart('arn:aws:s3:::static-*-x/content/*')).toBe('static-*-x');
    expect(strangerOwnablePart('arn:aws:lambda:*:*:layer:x')).toBe('*');
    expect(strangerOwnablePart('*')).toBe('*');
  });

  it('still allows a wildcard bucket name where our organization is required (Service Catalog, reads only)', () => {
    const result = generate(
      base({ dataAccessPatterns: { 'service-catalog-product-templates': true } }),
      's3',
    );
    const statement = result.policy.Statement.find(
      (s) => s.Sid === 'AllowRequestsByOrgsIdentitiesToAWSResourcesServiceCatalog',
    )!;
    expect(statement.Resource).toBe('arn:aws:s3:::sc-*-us-east-1/*');
    expect(statement.Action).toBe('s3:GetObject');
    expect(statement.Condition?.StringEquals?.['aws:PrincipalOrgID']).toBe(ORG);
  });
});

describe('Cloud9: a bucket name the user fills, off by default', () => {
  const cloud9 = catalog.pattern(testPatternId('cloud9-dependencies'))!;

  it('is off by default and says why (closed to new customers)', () => {
    expect(cloud9.defaultSelected).toBe(false);
    expect(cloud9.offByDefaultBecause).toContain('closed to new customers');
    expect(resourcesOf(generate(base(), 's3'), OPEN_SID).join()).not.toContain('static-');
  });

  it('shows the upstream placeholder and a missing-parameter error until the name is filled', () => {
    const result = generate(base({ dataAccessPatterns: { 'cloud9-dependencies': true } }), 's3');
    expect(resourcesOf(result, OPEN_SID)).toContain(
      'arn:aws:s3:::static-us-east-1-prod-static-<string>/content/dependencies/*',
    );
    const missing = result.diagnostics.find(
      (d) => d.path === 'parameters.bucketNames.cloud9-dependencies.us-east-1',
    );
    expect(missing?.code).toBe('generate/missing-parameter');
    expect(missing?.severity).toBe('error');
    expect(missing?.message).toContain('a wildcard would admit buckets anyone can create');
  });

  it('names exactly the buckets given per region, and refuses names of another shape', () => {
    const result = generate(
      base({
        regions: ['us-east-1', 'eu-west-1'],
        dataAccessPatterns: { 'cloud9-dependencies': true },
        parameters: {
          bucketNames: {
            'cloud9-dependencies': {
              'us-east-1': 'static-us-east-1-prod-static-1a2b3c4d5e6f',
              'eu-west-1': ['static-us-east-1-prod-static-1a2b3c4d5e6f', 'my-own-bucket'],
            },
          },
        },
      }),
      's3',
    );
    const arns = resourcesOf(result, OPEN_SID);
    expect(arns).toContain(
      'arn:aws:s3:::static-us-east-1-prod-static-1a2b3c4d5e6f/content/dependencies/*',
    );
    expect(arns.filter((a) => a.includes('static-'))).toHaveLength(2);
    expect(arns).toContain(
      'arn:aws:s3:::static-eu-west-1-prod-static-<string>/content/dependencies/*',
    );
    const invalid = result.diagnostics.filter((d) => d.code === 'generate/invalid-parameter');
    expect(invalid.map((d) => d.path)).toEqual([
      'parameters.bucketNames.cloud9-dependencies.eu-west-1',
      'parameters.bucketNames.cloud9-dependencies.eu-west-1',
    ]);
  });

  it('rejects a wildcard in a bucket name in the configuration itself', () => {
    const config = base({
      parameters: { bucketNames: { 'cloud9-dependencies': { 'us-east-1': 'static-*' } } },
    });
    const parsed = perimeterConfigSchema.safeParse(config);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain('no wildcard');
  });
});

describe('region-independent bucket names only where AWS owns them', () => {
  const globalNames = [
    'aws-cli',
    'redshift-downloads',
    'session-manager-downloads',
    'amazoncloudwatch-agent',
    'cloudformation-examples',
    'ssm-document-categories',
    'aws-sap-data-provider',
    'awssap-backint-agent',
    'aws-neptune-notebook',
    'awssupportdatasvcs.com',
  ];

  it.each(['cn-north-1', 'us-gov-west-1', 'eusc-de-east-1'])(
    'leaves them out in %s, with a diagnostic that says why',
    (region) => {
      const result = generate(base({ regions: [region] }), 's3');
      const partition = catalog.region(testRegionCode(region))!.partition;
      const arns = resourcesOf(result, OPEN_SID);
      for (const name of globalNames)
        expect(
          arns.some((a) => a.split(':::')[1]!.split('/')[0] === name),
          name,
        ).toBe(false);
      // Region-specific names stay.
      expect(arns).toContain(`arn:${partition}:s3:::aws-ssm-${region}/*`);
      const note = result.diagnostics.find(
        (d) => d.code === 'generate/no-documented-resource' && d.message.includes('AWS CLI'),
      );
      expect(note?.severity).toBe('info');
      expect(note?.message).toContain(partition);
      expect(note?.hint).toContain('unique only within a partition');
    },
  );

  it('keeps them in the aws partition', () => {
    const arns = resourcesOf(generate(base(), 's3'), OPEN_SID);
    for (const name of globalNames.filter((n) => n !== 'aws-neptune-notebook'))
      expect(
        arns.some((a) => a.includes(`:::${name}/`)),
        name,
      ).toBe(true);
  });
});

describe('Patch Manager buckets from the Systems Manager table', () => {
  const table = readReferenceJson<{
    regions: Record<
      string,
      { linuxWindowsDocuments: string; macosDocuments: string; baselineSnapshots: string }
    >;
  }>('ssm-patch-buckets.json');

  it('names the three bucket families of every region the table lists, exactly', () => {
    const regions = Object.keys(table.regions);
    expect(regions.length).toBeGreaterThan(25);
    for (const region of regions) {
      const arns = resourcesOf(generate(base({ regions: [region] }), 's3'), OPEN_SID);
      const names = table.regions[region]!;
      for (const bucket of [
        names.linuxWindowsDocuments,
        names.macosDocuments,
        names.baselineSnapshots,
      ])
        expect(arns, region).toContain(`arn:aws:s3:::${bucket}/*`);
      expect(
        arns.filter((a) => a.includes('patch')),
        region,
      ).toHaveLength(3);
    }
  });

  it('gives the suffixed snapshot names of the four regions the old catalog missed', () => {
    const arns = resourcesOf(
      generate(
        base({ regions: ['ap-south-2', 'ap-southeast-3', 'ap-southeast-4', 'eu-south-2'] }),
        's3',
      ),
      OPEN_SID,
    );
    for (const bucket of [
      'patch-baseline-snapshot-ap-south-2-50209442',
      'patch-baseline-snapshot-ap-southeast-3-be0a3174',
      'patch-baseline-snapshot-ap-southeast-4-dc6f76ce',
      'patch-baseline-snapshot-eu-south-2-df2c9d70',
    ])
      expect(arns).toContain(`arn:aws:s3:::${bucket}/*`);
    expect(arns.some((a) => a.endsWith(':::patch-baseline-snapshot-ap-south-2/*'))).toBe(false);
  });

  it.each(['ap-southeast-5', 'mx-central-1', 'cn-north-1', 'us-gov-west-1', 'eusc-de-east-1'])(
    'guesses no name in %s, which the table does not list, and says so',
    (region) => {
      const result = generate(base({ regions: [region] }), 's3');
      expect(resourcesOf(result, OPEN_SID).filter((a) => a.includes('patch'))).toEqual([]);
      const note = result.diagnostics.find(
        (d) => d.code === 'generate/no-documented-resource' && d.message.includes('Patch Manager'),
      );
      expect(note?.severity).toBe('info');
      expect(note?.message).toContain(`no bucket for ${region}`);
    },
  );
});

describe('Elastic Beanstalk names by region', () => {
  it('uses public-beta-cn-north-1 only for the platform-assets bucket of Beijing', () => {
    const arns = resourcesOf(generate(base({ regions: ['cn-north-1'] }), 's3'), OPEN_SID).filter(
      (a) => a.includes('elasticbeanstalk'),
    );
    expect(arns.sort()).toEqual([
      'arn:aws-cn:s3:::elasticbeanstalk-cn-north-1/*',
      'arn:aws-cn:s3:::elasticbeanstalk-env-resources-cn-north-1/*',
      'arn:aws-cn:s3:::elasticbeanstalk-platform-assets-public-beta-cn-north-1/*',
      'arn:aws-cn:s3:::elasticbeanstalk-samples-cn-north-1/*',
    ]);
  });

  it('suffixes the platform-assets and env-resources buckets of me-central-1', () => {
    const arns = resourcesOf(generate(base({ regions: ['me-central-1'] }), 's3'), OPEN_SID).filter(
      (a) => a.includes('elasticbeanstalk'),
    );
    expect(arns.sort()).toEqual([
      'arn:aws:s3:::elasticbeanstalk-env-resources-me-central-1-f08b818c/*',
      'arn:aws:s3:::elasticbeanstalk-me-central-1/*',
      'arn:aws:s3:::elasticbeanstalk-platform-assets-me-central-1-f08b818c/*',
      'arn:aws:s3:::elasticbeanstalk-samples-me-central-1/*',
    ]);
  });
});

describe('accounts no primary source confirms', () => {
  it('warns when the Lambda Insights arm64 account of ca-west-1 is used, and says what would verify it', () => {
    const result = generate(
      base({
        services: ['lambda'],
        regions: ['ca-west-1'],
        dataAccessPatterns: { 'lambda-insights-extension': true },
        parameters: { lambdaLayerAccounts: ['580247275435'] },
      }),
      'lambda',
    );
    const warning = result.diagnostics.find(
      (d) => d.code === 'generate/unverified-account' && d.message.includes('761377655185'),
    );
    expect(warning?.severity).toBe('warning');
    expect(warning?.hint).toContain('Available versions of the Lambda Insights extension');
    // A region without such an entry gets no warning.
    const other = generate(
      base({
        services: ['lambda'],
        regions: ['us-east-1'],
        dataAccessPatterns: { 'lambda-insights-extension': true },
        parameters: { lambdaLayerAccounts: ['580247275435'] },
      }),
      'lambda',
    );
    expect(codes(other)).not.toContain('generate/unverified-account');
  });
});
