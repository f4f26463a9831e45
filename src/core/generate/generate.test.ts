import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import { POLICY_SIZE_LIMIT } from '../catalog/ids';
import type { PerimeterConfigDocument } from '../config/schema';
import type { GeneratedPolicy } from './generate';
import { testServiceId } from '../catalog/ids.testing';
import {
  generateFromDocument as generate,
  generatePoliciesFromDocument as generatePolicies,
} from './generate.testing';

const base: PerimeterConfigDocument = {
  version: 1,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: ['us-east-1'],
  services: ['s3'],
  statements: {
    AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
    AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
  },
};

const statement = (result: GeneratedPolicy, sid: string) =>
  result.policy.Statement.find((s) => s.Sid === sid);
const list = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const resources = (result: GeneratedPolicy, sid = 'AllowRequestsToAWSOwnedResources') =>
  list(statement(result, sid)?.Resource);

describe('generate', () => {
  it('gives byte-identical output whatever order the choices come in', () => {
    const a = generate(
      {
        ...base,
        organizationIds: ['o-b1b2c3d4e5', 'o-a1b2c3d4e5'],
        regions: ['eu-west-1', 'us-east-1', 'ap-south-1'],
        dataAccessPatterns: { 'amazon-q-developer-artifacts': true, 'cloud9-dependencies': false },
      },
      's3',
    );
    const b = generate(
      {
        ...base,
        organizationIds: ['o-a1b2c3d4e5', 'o-b1b2c3d4e5'],
        regions: ['ap-south-1', 'us-east-1', 'eu-west-1', 'us-east-1'],
        dataAccessPatterns: { 'cloud9-dependencies': false, 'amazon-q-developer-artifacts': true },
      },
      's3',
    );
    expect(a.text).toBe(b.text);
    expect(a.regions).toEqual(['ap-south-1', 'eu-west-1', 'us-east-1']);
  });

  it('expands <region>, <RegionWithoutDashes> and partitions for every region, without duplicates', () => {
    const result = generate({ ...base, regions: ['us-west-2', 'cn-north-1'] }, 's3');
    const arns = resources(result);
    expect(arns).toContain('arn:aws:s3:::cloudformation-custom-resource-response-uswest2/*');
    expect(arns).toContain('arn:aws-cn:s3:::cloudformation-custom-resource-response-cnnorth1/*');
    expect(arns).toContain('arn:aws:s3:::al2023-us-west-2/*');
    expect(arns).toContain('arn:aws-cn:s3:::al2023-cn-north-1/*');
    // Region-independent buckets appear once, and only in the partition where AWS owns the name.
    expect(arns.filter((a) => a === 'arn:aws:s3:::aws-cli/*')).toHaveLength(1);
    expect(arns).not.toContain('arn:aws-cn:s3:::aws-cli/*');
    expect(new Set(arns).size).toBe(arns.length);
  });

  it('applies region quirks: Elastic Beanstalk in Beijing, China host names, SSM exceptions', () => {
    const china = resources(generate({ ...base, regions: ['cn-north-1', 'cn-northwest-1'] }, 's3'));
    expect(china).toContain(
      'arn:aws-cn:s3:::elasticbeanstalk-platform-assets-public-beta-cn-north-1/*',
    );
    expect(china).not.toContain('arn:aws-cn:s3:::elasticbeanstalk-platform-assets-cn-north-1/*');
    expect(china).toContain('arn:aws-cn:s3:::elasticbeanstalk-platform-assets-cn-northwest-1/*');
    expect(china).toContain('arn:aws-cn:s3:::packages.cn-north-1.amazonaws.com.cn/*');

    const capeTown = generate({ ...base, regions: ['af-south-1', 'me-south-1'] }, 's3');
    const arns = resources(capeTown);
    expect(arns).not.toContain('arn:aws:s3:::af-south-1-birdwatcher-prod/*');
    expect(arns).toContain('arn:aws:s3:::me-south-1-birdwatcher-prod/*');
    expect(arns).toContain('arn:aws:s3:::patch-baseline-snapshot-af-south-1-tbxdb5b9/*');
    expect(arns).toContain('arn:aws:s3:::patch-baseline-snapshot-me-south-1-uduvl7q8/*');
    expect(
      capeTown.diagnostics.filter((d) => d.code === 'generate/region-quirk').length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('fills per-region service accounts from the catalog tables', () => {
    const result = generate(
      { ...base, services: ['ecr.api'], regions: ['us-east-1', 'af-south-1', 'eu-south-1'] },
      'ecr.api',
    );
    const s = statement(result, 'AllowRequestsByOrgsIdentitiesToAWSResources')!;
    expect(s.Resource).toBe('*');
    expect(list(s.Condition?.StringEquals?.['aws:ResourceAccount'])).toEqual([
      '877085696533',
      '590381155156',
      '602401143452',
    ]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('leaves a visible placeholder and an error when an account is not known for a region', () => {
    const result = generate({ ...base, regions: ['sa-east-1'] }, 's3');
    expect(resources(result)).toContain(
      'arn:aws:s3:::assets-<CodeArtifact-Region-Account>-sa-east-1/*',
    );
    expect(
      list(
        statement(result, 'AllowRequestsByOrgsIdentitiesToAWSResources')?.Condition?.StringEquals?.[
          'aws:ResourceAccount'
        ],
      ),
    ).toEqual(['<glue-account-id>']);
    expect(result.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'error',
          code: 'generate/missing-account',
          path: 'parameters.accountIds.codeartifact-assets.sa-east-1',
        }),
        expect.objectContaining({
          severity: 'error',
          code: 'generate/missing-account',
          path: 'parameters.accountIds.glue-studio-transforms.sa-east-1',
        }),
      ]),
    );
  });

  it('lets parameters fill or replace table accounts', () => {
    const result = generate(
      {
        ...base,
        regions: ['sa-east-1'],
        parameters: {
          accountIds: {
            'codeartifact-assets': { 'sa-east-1': '123456789012' },
            'glue-studio-transforms': { 'sa-east-1': ['210987654321'] },
          },
        },
      },
      's3',
    );
    expect(resources(result)).toContain('arn:aws:s3:::assets-123456789012-sa-east-1/*');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('never drops a statement whose parameter is missing', () => {
    const result = generate({ ...base, organizationIds: [], statements: {} }, 's3');
    const third = statement(result, 'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources')!;
    expect(third.Action).toBe('<action>');
    expect(third.Resource).toBe('<third-party-resource-arn>');
    expect(third.Condition?.StringEquals?.['aws:PrincipalAccount']).toEqual([
      '<third-party-account-a>',
      '<third-party-account-b>',
    ]);
    expect(
      statement(result, 'AllowRequestsByOrgsIdentitiesToOrgsResources')?.Condition?.StringEquals?.[
        'aws:PrincipalOrgID'
      ],
    ).toBe('<my-org-id>');
    const errors = result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.path);
    expect(errors).toEqual(
      expect.arrayContaining([
        'organizationIds',
        'parameters.thirdPartyIdentitiesToThirdPartyResources.accounts',
        'parameters.orgIdentitiesToThirdPartyResources.resources',
      ]),
    );
  });

  it('honours global and per-service statement toggles', () => {
    const config: PerimeterConfigDocument = {
      ...base,
      services: ['s3', 'ec2'],
      statements: { ...base.statements, AllowRequestsByAWSServicePrincipals: false },
      serviceStatements: {
        ec2: {
          AllowRequestsByAWSServicePrincipals: true,
          AllowRequestsByOrgsIdentitiesToAnyResources: false,
        },
      },
    };
    expect(
      statement(generate(config, 's3'), 'AllowRequestsByAWSServicePrincipals'),
    ).toBeUndefined();
    const ec2 = generate(config, 'ec2');
    expect(ec2.policy.Statement.map((s) => s.Sid)).toEqual([
      'AllowRequestsByOrgsIdentitiesToOrgsResources',
      'AllowRequestsByAWSServicePrincipals',
      'AllowRequestsByOrgsIdentitiesToAWSResources',
    ]);
  });

  it('gives patterns with write access a statement of their own', () => {
    const result = generate(
      { ...base, dataAccessPatterns: { 'amazon-q-developer-artifacts': true } },
      's3',
    );
    const q = statement(result, 'AllowRequestsToAWSOwnedResourcesAmazonQDeveloper')!;
    expect(list(q.Action)).toEqual(['s3:PutObject', 's3:GetObject']);
    expect(list(statement(result, 'AllowRequestsToAWSOwnedResources')?.Action)).toEqual([
      's3:GetObject',
      's3:ListBucket',
    ]);
    expect(result.statements.find((s) => s.sid === q.Sid)?.patterns).toEqual([
      'amazon-q-developer-artifacts',
    ]);
  });

  it('leaves out a pattern-fed statement with no pattern and says so', () => {
    const patterns = Object.fromEntries(
      catalog.patternsForService(testServiceId('ec2')).map((p) => [p.id, false]),
    );
    const result = generate({ ...base, services: ['ec2'], dataAccessPatterns: patterns }, 'ec2');
    expect(statement(result, 'AllowRequestsByOrgsIdentitiesToAWSResources')).toBeUndefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'info', code: 'generate/statement-without-patterns' }),
    ]);
  });

  it('uses the exclusion tag of the configuration', () => {
    const result = generate(
      { ...base, parameters: { exclusionTag: { key: 'team:perimeter-exempt', value: 'yes' } } },
      's3',
    );
    expect(
      statement(result, 'AllowRequestsByOrgsIdentitiesToAnyResources')?.Condition?.StringEquals,
    ).toEqual({
      'aws:PrincipalOrgID': 'o-a1b2c3d4e5',
      'aws:PrincipalTag/team:perimeter-exempt': 'yes',
    });
  });

  it('records where every value comes from', () => {
    const result = generate({ ...base, regions: ['us-east-1', 'eu-west-1'] }, 's3');
    const owned = result.statements.find((s) => s.sid === 'AllowRequestsToAWSOwnedResources')!;
    const al2 = owned.values.find(
      (v) => v.value === 'arn:aws:s3:::amazonlinux-2-repos-eu-west-1/*',
    )!;
    expect(al2).toMatchObject({ element: 'Resource', regions: ['eu-west-1'], placeholder: false });
    expect(al2.patterns).toEqual(['amazon-linux-2-repositories', 'emr-patching-and-spark-logs']);
    const org = result.statements[0]!.values.find(
      (v) => v.element === 'Condition.StringEquals.aws:PrincipalOrgID',
    );
    expect(org).toMatchObject({ value: 'o-a1b2c3d4e5', parameter: 'organizationIds' });
    const glue = result.statements
      .find((s) => s.sid === 'AllowRequestsByOrgsIdentitiesToAWSResources')!
      .values.filter((v) => v.element.endsWith('aws:ResourceAccount'));
    expect(glue.map((v) => [v.value, v.accountTable, v.regions])).toEqual([
      ['244479516193', 'glue-studio-transforms', ['eu-west-1']],
      ['510798373988', 'glue-studio-transforms', ['us-east-1']],
    ]);
  });

  it('renders pretty with 2 or 4 spaces, or minified, and counts every character', () => {
    for (const format of ['pretty-2', 'pretty-4', 'minified'] as const) {
      const result = generate(base, 's3', { format });
      expect(JSON.parse(result.text)).toEqual(result.policy);
      expect(result.size).toBe(result.text.length);
    }
    expect(generate(base, 's3', { format: 'pretty-4' }).text).toContain('\n    "Statement"');
    expect(generate(base, 's3', { format: 'minified' }).text).not.toMatch(/\s/);
  });

  it('says when the all-regions policy outgrows the limit, and points to one policy per region', () => {
    const seven = [
      'us-east-1',
      'us-east-2',
      'us-west-1',
      'us-west-2',
      'eu-west-1',
      'eu-central-1',
      'eu-north-1',
    ];
    expect(generate({ ...base, regions: seven.slice(0, 5) }, 's3').size).toBeLessThanOrEqual(
      POLICY_SIZE_LIMIT,
    );
    const result = generate({ ...base, regions: seven }, 's3');
    expect(result.size).toBeGreaterThan(POLICY_SIZE_LIMIT);
    const diagnostic = result.diagnostics.find((d) => d.code === 'size/over-limit')!;
    expect(diagnostic.severity).toBe('error');
    expect(diagnostic.hint).toMatch(/minified form is [\d,]+ characters and fits/);
    expect(diagnostic.hint).toMatch(
      /One policy per region fits: the largest \((?:us|eu)-[a-z]+-\d\) is [\d,]+ characters\./,
    );
    for (const region of seven)
      expect(generate({ ...base, regions: [region] }, 's3').size).toBeLessThan(POLICY_SIZE_LIMIT);
  });

  it('warns that an endpoint without policy support ignores the policy', () => {
    const result = generate({ ...base, services: ['acm'] }, 'acm');
    expect(result.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'warning', code: 'service/policy-unsupported' }),
      ]),
    );
  });

  it('reuses pattern expansions between calls without mixing up their accounts or diagnostics', () => {
    const config: PerimeterConfigDocument = { ...base, regions: ['sa-east-1', 'us-east-1'] };
    const first = generate(config, 's3');
    const again = generate(
      {
        ...config,
        statements: { ...config.statements, AllowRequestsByAWSServicePrincipals: false },
      },
      's3',
    );
    expect(again.diagnostics).toEqual(first.diagnostics);
    expect(resources(again)).toEqual(resources(first));
    const filled = generate(
      {
        ...config,
        parameters: { accountIds: { 'codeartifact-assets': { 'sa-east-1': '123456789012' } } },
      },
      's3',
    );
    expect(resources(filled)).toContain('arn:aws:s3:::assets-123456789012-sa-east-1/*');
    expect(filled.diagnostics.map((d) => d.path)).not.toContain(
      'parameters.accountIds.codeartifact-assets.sa-east-1',
    );
    expect(resources(generate(config, 's3'))).toContain(
      'arn:aws:s3:::assets-<CodeArtifact-Region-Account>-sa-east-1/*',
    );
  });

  it('reports an unknown service instead of throwing', () => {
    const result = generate(base, 'no-such-service');
    expect(result.policy.Statement).toEqual([]);
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'error',
      code: 'generate/unknown-service',
    });
  });
});

describe('generatePolicies', () => {
  it('produces one policy per service, or per service and region', () => {
    const config = { ...base, services: ['ec2', 's3'], regions: ['eu-west-1', 'us-east-1'] };
    expect(generatePolicies(config).map((o) => o.fileName)).toEqual([
      'ec2-endpoint-policy.json',
      's3-endpoint-policy.json',
    ]);
    const perRegion = generatePolicies(config, { shape: 'per-region' });
    expect(perRegion.map((o) => o.fileName)).toEqual([
      'ec2-eu-west-1-endpoint-policy.json',
      'ec2-us-east-1-endpoint-policy.json',
      's3-eu-west-1-endpoint-policy.json',
      's3-us-east-1-endpoint-policy.json',
    ]);
    expect(perRegion[2]!.result.regions).toEqual(['eu-west-1']);
    expect(resources(perRegion[2]!.result).some((r) => r.includes('us-east-1'))).toBe(false);
  });

  it('gives one endpoint one policy, whichever of its names the configuration uses', () => {
    const config = { ...base, services: ['sesv2', 'docdb', 'ses', 'email'] };
    expect(generatePolicies(config).map((o) => o.fileName)).toEqual([
      'email-endpoint-policy.json',
      'rds-endpoint-policy.json',
    ]);
    expect(generatePolicies({ ...base, services: ['ses'] })[0]!.result.text).toBe(
      generatePolicies({ ...base, services: ['email'] })[0]!.result.text,
    );
  });
});

describe('a generation run', () => {
  it('gives every service what generate gives it alone, though services of one shape share a policy', () => {
    const services = ['acm', 'sms', 'kms', 'sqs', 'no-such-service', 's3', 'sts', 'ec2'];
    const config: PerimeterConfigDocument = {
      ...base,
      services,
      regions: ['eu-west-1', 'cn-north-1', 'us-gov-west-1'],
    };
    for (const shape of ['all-regions', 'per-region'] as const) {
      for (const output of generatePolicies(config, { shape })) {
        const alone = generate(
          config,
          output.service,
          output.region ? { regions: [output.region] } : {},
        );
        expect(output.result.text).toBe(alone.text);
        expect(output.result.diagnostics).toEqual(alone.diagnostics);
        expect(output.result.statements).toEqual(alone.statements);
      }
    }
    const [kms, sqs] = ['kms', 'sqs'].map(
      (id) => generatePolicies(config).find((o) => o.service === id)!.result,
    );
    expect(kms!.text).toBe(sqs!.text);
    // The finding about a pattern-fed statement that no pattern feeds names its own service.
    const empty = (result: GeneratedPolicy) =>
      result.diagnostics.find((d) => d.code === 'generate/statement-without-patterns')?.message;
    const toggled: PerimeterConfigDocument = {
      ...config,
      statements: { AllowRequestsToAWSOwnedResources: true },
    };
    const outputs = generatePolicies(toggled);
    expect(empty(outputs.find((o) => o.service === 'kms')!.result)).toMatch(/pattern of kms/);
    expect(empty(outputs.find((o) => o.service === 'sqs')!.result)).toMatch(/pattern of sqs/);
  });
});
