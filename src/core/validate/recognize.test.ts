import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import { STATEMENT_SIDS } from '../catalog/ids';
import { validateConfigValue } from '../config/parse';
import type { PerimeterConfigDocument } from '../config/schema';
import { generate } from '../generate/generate';
import {
  documentedSample,
  normalizeStatements,
  readSample,
  sampleFiles,
  SAMPLE_ORG,
  SAMPLE_SERVICES,
} from './samples.testing';
import { validate } from './validate';
import { testConfig, testRegionCode, testServiceId } from '../catalog/ids.testing';

const recognize = (text: string, options: Parameters<typeof validate>[1] = {}) => {
  const recognition = validate(text, options).recognition;
  expect(recognition).toBeDefined();
  return recognition!;
};
const policyText = (statements: unknown[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

const config = (
  services: string[],
  regions: string[],
  extra: Partial<PerimeterConfigDocument> = {},
): PerimeterConfigDocument => ({
  version: 1,
  organizationIds: [SAMPLE_ORG],
  regions,
  services,
  statements: {
    AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
    AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
  },
  ...extra,
});

describe('recognition of the upstream samples', () => {
  it.each(sampleFiles())(
    '%s: every statement is recognized by Sid and shape, and the service is found',
    (file) => {
      const text = documentedSample(file);
      const recognition = recognize(text);
      const sids = (JSON.parse(text) as { Statement: Array<{ Sid: string }> }).Statement.map(
        (s) => s.Sid,
      );
      // A Sid with a suffix (a pattern's statement of its own) names its base statement.
      const base = (sid: string) =>
        [...STATEMENT_SIDS].sort((a, b) => b.length - a.length).find((s) => sid.startsWith(s));
      expect(recognition.statements.map((s) => s.statement)).toEqual(sids.map(base));
      expect(recognition.statements.every((s) => s.basis === 'sid-and-shape')).toBe(true);
      const service = SAMPLE_SERVICES[file]!;
      if (service !== 'sts') expect(recognition.service?.id).toBe(service);
      expect(recognition.missing.statements).toEqual([]);
      expect(recognition.missing.dataAccessPatterns).toEqual([]);
      expect(recognition.adoption.unmapped).toEqual([]);
    },
  );

  it.each(sampleFiles())(
    '%s: the adopted configuration is valid and generates the same statements',
    (file) => {
      const text = documentedSample(file);
      const service = SAMPLE_SERVICES[file]!;
      const { adoption } = recognize(text, { service });
      expect(
        validateConfigValue(adoption.config).diagnostics.filter((d) => d.severity === 'error'),
      ).toEqual([]);
      const generated = generate(adoption.config, testServiceId(service));
      expect(normalizeStatements(generated.policy)).toEqual(normalizeStatements(JSON.parse(text)));
    },
  );

  it('recognizes the patterns of the S3 sample, its third-party parameters and its format', () => {
    const recognition = recognize(documentedSample('s3_endpoint_policy.json'));
    const defaults = catalog
      .patternsForService(testServiceId('s3'))
      .filter((p) => p.defaultSelected)
      .map((p) => p.id);
    expect(recognition.dataAccessPatterns.map((p) => p.id)).toEqual(
      expect.arrayContaining(defaults),
    );
    expect(recognition.dataAccessPatterns.every((p) => p.complete)).toBe(true);
    expect(recognition.regions).toEqual(['us-east-1']);
    expect(
      recognition.adoption.config.parameters?.thirdPartyIdentitiesToThirdPartyResources,
    ).toEqual({
      accounts: ['111111111111', '222222222222'],
      actions: ['s3:GetObject'],
      resources: ['arn:aws:s3:::partner-bucket/*'],
    });
    expect(recognition.adoption.config.output?.format).toBe('pretty-4');
  });

  it('recognizes the samples with their placeholders still in', () => {
    const recognition = recognize(readSample('lambda_endpoint_policy.json'));
    expect(recognition.service?.id).toBe('lambda');
    expect(recognition.dataAccessPatterns.map((p) => p.id)).toEqual([
      'lambda-layers-named-accounts',
    ]);
    const ecr = recognize(readSample('ecr.api_endpoint_policy.json'));
    // The four image patterns share one placeholder; the one on by default is taken.
    expect(ecr.dataAccessPatterns.map((p) => p.id)).toEqual(['eks-add-on-images']);
    expect(ecr.dataAccessPatterns[0]!.indistinguishableFrom).toEqual([
      'guardduty-eks-agent-images',
      'guardduty-fargate-agent-images',
      'sagemaker-prebuilt-images',
    ]);
  });
});

describe('recognition of statements', () => {
  const generated = generate(
    testConfig(config(['s3'], ['us-east-1', 'eu-west-1'])),
    testServiceId('s3'),
  );
  const renamed = policyText(
    generated.policy.Statement.map((s, i) => ({ ...s, Sid: `Custom${i}` })),
  );

  it('recognizes renamed statements by their shape', () => {
    const recognition = recognize(renamed, { service: 's3' });
    expect(recognition.statements.map((s) => s.statement)).toEqual(
      generated.policy.Statement.map((s) => s.Sid),
    );
    expect(recognition.statements.every((s) => s.basis === 'shape')).toBe(true);
    expect(recognition.missing.statements).toEqual([
      'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources',
      'AllowRequestsByOrgsIdentitiesToThirdPartyResources',
    ]);
  });

  it('explains how a statement differs from the one its Sid names', () => {
    const text = policyText([
      {
        Sid: 'AllowRequestsByOrgsIdentitiesToOrgsResources',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': SAMPLE_ORG } },
      },
    ]);
    const result = validate(text);
    const [statement] = result.recognition!.statements;
    // Named after the organization statement, but broader: not described as that statement.
    expect(statement).toMatchObject({
      namedAfter: 'AllowRequestsByOrgsIdentitiesToOrgsResources',
      basis: 'sid',
    });
    expect(statement!.statement).toBeUndefined();
    expect(statement!.differences).toEqual([
      'its Action is "s3:*", not "*"',
      'it has no StringEquals condition on aws:resourceorgid',
    ]);
    const note = result.diagnostics.find((d) => d.code === 'recognition/sid-shape-mismatch');
    expect(note?.range?.start.line).toBe(4);
    expect(result.recognition!.adoption.unmapped[0]?.reason).toMatch(
      /Its Sid names AllowRequestsByOrgsIdentitiesToOrgsResources, but its Action/,
    );
  });

  it('leaves other statements unrecognized and lists them as unmapped, with their range', () => {
    const text = policyText([
      {
        Sid: 'Mine',
        Effect: 'Allow',
        Principal: { AWS: '111122223333' },
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::mine/*',
      },
    ]);
    const recognition = recognize(text);
    expect(recognition.statements[0]!.statement).toBeUndefined();
    expect(recognition.adoption.unmapped).toEqual([
      expect.objectContaining({
        statementIndex: 0,
        path: 'Statement[0]',
        range: expect.objectContaining({ start: { line: 4, column: 5 } }),
      }),
    ]);
  });

  it('tells statement 4 by owning account from statement 6 by the accounts', () => {
    const statement = (account: string) => ({
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': SAMPLE_ORG, 'aws:ResourceAccount': account },
      },
    });
    const eksAccount =
      catalog.accountTable('eks-add-ons')!.accounts[testRegionCode('us-east-1')]![0]!;
    expect(recognize(policyText([statement(eksAccount)])).statements[0]!.statement).toBe(
      'AllowRequestsByOrgsIdentitiesToAWSResources',
    );
    expect(recognize(policyText([statement('111122223333')])).statements[0]!.statement).toBe(
      'AllowRequestsByOrgsIdentitiesToThirdPartyResources',
    );
  });

  it('recognizes statements of patterns with a Sid suffix', () => {
    const withSuffix = generate(
      testConfig(
        config(['s3'], ['us-east-1'], {
          dataAccessPatterns: { 'amazon-q-developer-artifacts': true },
        }),
      ),
      testServiceId('s3'),
    );
    const sids = withSuffix.policy.Statement.map((s) => s.Sid);
    expect(sids).toContain('AllowRequestsToAWSOwnedResourcesAmazonQDeveloper');
    const recognition = recognize(withSuffix.text);
    const suffixed = recognition.statements.find(
      (s) => s.sid === 'AllowRequestsToAWSOwnedResourcesAmazonQDeveloper',
    );
    expect(suffixed).toMatchObject({
      statement: 'AllowRequestsToAWSOwnedResources',
      basis: 'sid-and-shape',
      dataAccessPatterns: ['amazon-q-developer-artifacts'],
    });
  });
});

describe('recognition of data access patterns', () => {
  it('finds patterns for several regions and says which recommended ones are missing', () => {
    const chosen = config(['s3'], ['us-east-1', 'eu-west-1'], {
      dataAccessPatterns: { 'athena-examples': false },
    });
    const generated = generate(testConfig(chosen), testServiceId('s3'));
    const recognition = recognize(generated.text);
    expect(recognition.regions).toEqual(generated.regions);
    expect(recognition.service).toMatchObject({ id: 's3', basis: 'guess' });
    expect(recognition.missing.dataAccessPatterns).toContain('athena-examples');
    expect(recognition.dataAccessPatterns.map((p) => p.id)).not.toContain('athena-examples');
    const result = validate(generated.text);
    expect(
      result.diagnostics.find((d) => d.code === 'recognition/missing-patterns')?.message,
    ).toMatch(/not in the policy/);
    const adopted = generate(recognition.adoption.config, testServiceId('s3'));
    expect(normalizeStatements(adopted.policy)).toEqual(normalizeStatements(generated.policy));
  });

  it('reports a pattern with a value removed as incomplete, naming the value', () => {
    const generated = generate(testConfig(config(['s3'], ['us-east-1'])), testServiceId('s3'));
    const removed = 'arn:aws:s3:::al2023-us-east-1/*';
    const policy = JSON.parse(generated.text) as {
      Statement: Array<{ Sid: string; Resource: string[] }>;
    };
    const owned = policy.Statement.find((s) => s.Sid === 'AllowRequestsToAWSOwnedResources')!;
    expect(owned.Resource).toContain(removed);
    owned.Resource = owned.Resource.filter((r) => r !== removed);
    const recognition = recognize(JSON.stringify(policy));
    const al2023 = recognition.dataAccessPatterns.find(
      (p) => p.id === 'amazon-linux-2023-repositories',
    );
    expect(al2023).toMatchObject({
      complete: false,
      missingValues: [removed],
      presentValues: ['arn:aws:s3:::al2023-repos-us-east-1-de612dc2/*'],
    });
  });

  it('reports a pattern whose actions were narrowed as incomplete', () => {
    const generated = generate(
      testConfig(config(['imagebuilder'], ['us-east-1'])),
      testServiceId('imagebuilder'),
    );
    const policy = JSON.parse(generated.text) as {
      Statement: Array<{ Sid: string; Action: string[] }>;
    };
    const statement = policy.Statement.find(
      (s) => s.Sid === 'AllowRequestsByOrgsIdentitiesToAWSResources',
    )!;
    statement.Action = ['imagebuilder:GetComponent'];
    const pattern = recognize(JSON.stringify(policy)).dataAccessPatterns.find(
      (p) => p.id === 'image-builder-managed-images',
    );
    expect(pattern).toMatchObject({ complete: false, missingActions: ['imagebuilder:GetImage'] });
  });

  it('lists resources and actions that no pattern explains as unmapped, at their place', () => {
    const generated = generate(testConfig(config(['s3'], ['us-east-1'])), testServiceId('s3'));
    const policy = JSON.parse(generated.text) as {
      Statement: Array<{ Sid: string; Resource: string[]; Action: string[] }>;
    };
    const owned = policy.Statement.find((s) => s.Sid === 'AllowRequestsToAWSOwnedResources')!;
    owned.Resource.push('arn:aws:s3:::someone-elses-bucket/*');
    owned.Action.push('s3:PutObject');
    const text = JSON.stringify(policy, null, 2);
    const unmapped = recognize(text).adoption.unmapped;
    expect(unmapped.map((u) => u.value)).toEqual([
      'arn:aws:s3:::someone-elses-bucket/*',
      's3:PutObject',
    ]);
    const line = text.split('\n').findIndex((l) => l.includes('someone-elses-bucket')) + 1;
    expect(unmapped[0]!.range?.start.line).toBe(line);
    expect(unmapped[0]!.path).toMatch(/^Statement\[\d+\]\.Resource\[\d+\]$/);
  });

  it('adopts the accounts of the Lambda layers a policy names', () => {
    const generated = generate(
      testConfig(
        config(['lambda'], ['us-east-1'], {
          parameters: { lambdaLayerAccounts: ['111122223333', '444455556666'] },
        }),
      ),
      testServiceId('lambda'),
    );
    const recognition = recognize(generated.text);
    expect(recognition.adoption.config.parameters?.lambdaLayerAccounts).toEqual([
      '111122223333',
      '444455556666',
    ]);
  });

  it('infers the regions of an account-only policy from the accounts, and says so', () => {
    const generated = generate(
      testConfig(config(['ecr.api'], ['eu-west-1'])),
      testServiceId('ecr.api'),
    );
    const recognition = recognize(generated.text);
    expect(recognition.regions).toContain('eu-west-1');
    expect(recognition.adoption.notes.join(' ')).toMatch(/inferred from the AWS service accounts/);
  });
});

describe('adoption', () => {
  it('takes organization ids, the exclusion tag and the statements present', () => {
    const text = policyText([
      {
        Sid: 'AllowRequestsByOrgsIdentitiesToAnyResources',
        Effect: 'Allow',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: {
          StringEquals: {
            'aws:PrincipalOrgID': [SAMPLE_ORG, 'o-zzzzzzzzzz'],
            'aws:PrincipalTag/team:exempt': 'yes',
          },
        },
      },
      {
        Sid: 'DenyOutside',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:ResourceOrgID': SAMPLE_ORG } },
      },
    ]);
    const { adoption } = recognize(text, { service: 'sqs' });
    expect(adoption.config.organizationIds).toEqual([SAMPLE_ORG, 'o-zzzzzzzzzz']);
    expect(adoption.config.parameters?.exclusionTag).toEqual({ key: 'team:exempt', value: 'yes' });
    expect(adoption.config.serviceStatements?.[testServiceId('sqs')]).toEqual(
      Object.fromEntries(
        STATEMENT_SIDS.map((sid) => [sid, sid === 'AllowRequestsByOrgsIdentitiesToAnyResources']),
      ),
    );
    expect(adoption.notes.join(' ')).toMatch(/Deny statements are not adopted/);
    expect(adoption.unmapped.map((u) => u.statementIndex)).toEqual([1]);
    expect(
      validateConfigValue(adoption.config).diagnostics.filter((d) => d.severity === 'error'),
    ).toEqual([]);
  });

  it('says when the service cannot be told, and keeps the toggles global', () => {
    const recognition = recognize(readSample('default_endpoint_policy.json'));
    expect(recognition.service).toBeUndefined();
    expect(recognition.template).toBe('default');
    expect(recognition.adoption.config.statements).toBeDefined();
    expect(recognition.adoption.notes.join(' ')).toMatch(/could not be told/);
  });

  it('does not take third-party values the configuration cannot hold', () => {
    const text = policyText([
      {
        Sid: 'AllowRequestsByOrgsIdentitiesToThirdPartyResources',
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: 'bucket-without-arn',
        Condition: {
          StringEquals: {
            'aws:PrincipalOrgID': SAMPLE_ORG,
            'aws:ResourceAccount': ['111122223333', 'partner'],
          },
        },
      },
    ]);
    const { adoption } = recognize(text, { service: 's3' });
    expect(adoption.config.parameters?.orgIdentitiesToThirdPartyResources).toEqual({
      accounts: ['111122223333'],
      actions: ['s3:PutObject'],
    });
    expect(adoption.unmapped.map((u) => u.value).sort()).toEqual(['bucket-without-arn', 'partner']);
  });

  it('lists at most 500 elements it cannot map and says how many more there are', () => {
    const statements = Array.from({ length: 600 }, (_, i) => ({
      Sid: `Own${i}`,
      Effect: 'Allow',
      Principal: { AWS: '111122223333' },
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::bucket-${i}/*`,
    }));
    const { adoption } = recognize(
      JSON.stringify({ Version: '2012-10-17', Statement: statements }),
    );
    expect(adoption.unmapped).toHaveLength(500);
    expect(adoption.notes).toContain(
      '100 more elements that the builder cannot express are not listed.',
    );
  });

  it('detects minified and indented formats', () => {
    const generated = generate(
      testConfig(config(['ec2'], ['us-east-1'], { output: { format: 'minified' } })),
      testServiceId('ec2'),
    );
    expect(recognize(generated.text).adoption.config.output?.format).toBe('minified');
    const pretty = generate(
      testConfig(config(['ec2'], ['us-east-1'], { output: { format: 'pretty-2' } })),
      testServiceId('ec2'),
    );
    expect(recognize(pretty.text).adoption.config.output?.format).toBe('pretty-2');
  });
});

describe('honest recognition', () => {
  const open = { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' };

  it('never describes an open statement as a narrow one', () => {
    // Shaped like "anyone to named AWS-owned resources" but naming every resource.
    expect(recognize(policyText([open])).statements[0]!.statement).toBeUndefined();
    for (const sid of STATEMENT_SIDS) {
      const [statement] = recognize(policyText([{ Sid: sid, ...open }])).statements;
      expect(statement!.statement, sid).toBeUndefined();
      expect(statement!.namedAfter, sid).toBe(sid);
      expect(statement!.differences.length, sid).toBeGreaterThan(0);
    }
  });

  it('labels a statement with a perimeter statement only when its condition values fit too', () => {
    const core = (condition: Record<string, unknown>) => ({
      Sid: 'Mine',
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: '*',
      Condition: { StringEquals: condition },
    });
    const fitting = recognize(
      policyText([core({ 'aws:PrincipalOrgID': SAMPLE_ORG, 'aws:ResourceOrgID': SAMPLE_ORG })]),
    );
    expect(fitting.statements[0]!.statement).toBe('AllowRequestsByOrgsIdentitiesToOrgsResources');
    for (const condition of [
      { 'aws:PrincipalOrgID': '*', 'aws:ResourceOrgID': '*' },
      { 'aws:PrincipalOrgID': SAMPLE_ORG, 'aws:ResourceOrgID': 'o-zzzzzzzzzz' },
    ]) {
      const [statement] = recognize(policyText([core(condition)])).statements;
      expect(statement!.statement, JSON.stringify(condition)).toBeUndefined();
    }
    const [named] = recognize(
      policyText([
        {
          ...core({ 'aws:PrincipalOrgID': SAMPLE_ORG, 'aws:ResourceOrgID': 'o-zzzzzzzzzz' }),
          Sid: 'AllowRequestsByOrgsIdentitiesToOrgsResources',
        },
      ]),
    ).statements;
    expect(named!.differences).toContain(
      'its aws:PrincipalOrgID and aws:ResourceOrgID name different organizations',
    );
  });

  it('attributes no data access pattern to a statement that is not one of the seven', () => {
    const text = policyText([
      {
        Sid: 'AllowRequestsByOrgsIdentitiesToAWSResources',
        Effect: 'Allow',
        Principal: '*',
        Action: 'ssm:GetParameter',
        Resource: 'arn:aws:ssm:us-east-1::parameter/aws/*',
      },
    ]);
    const recognition = recognize(text, { service: 'ssm' });
    expect(recognition.statements[0]!.statement).toBeUndefined();
    expect(recognition.dataAccessPatterns).toEqual([]);
  });
});

describe('recognition of exact bucket names', () => {
  it('recognizes Cloud9 buckets named exactly, and adopts their names', () => {
    const named = config(['s3'], ['us-east-1', 'eu-west-1'], {
      dataAccessPatterns: { 'cloud9-dependencies': true },
      parameters: {
        bucketNames: {
          'cloud9-dependencies': {
            'us-east-1': 'static-us-east-1-prod-static-0a1b2c',
            'eu-west-1': 'static-eu-west-1-prod-static-3d4e5f',
          },
        },
      },
    });
    const generated = generate(testConfig(named), testServiceId('s3'));
    const recognition = recognize(generated.text, { service: 's3' });
    const cloud9 = recognition.dataAccessPatterns.find((p) => p.id === 'cloud9-dependencies');
    expect(cloud9?.complete).toBe(true);
    expect(recognition.adoption.unmapped).toEqual([]);
    expect(recognition.adoption.config.parameters?.bucketNames).toEqual({
      'cloud9-dependencies': {
        'eu-west-1': ['static-eu-west-1-prod-static-3d4e5f'],
        'us-east-1': ['static-us-east-1-prod-static-0a1b2c'],
      },
    });
    const again = generate(recognition.adoption.config, testServiceId('s3'));
    expect(normalizeStatements(again.policy)).toEqual(normalizeStatements(generated.policy));
  });

  it('does not take a wildcard name for one', () => {
    const text = policyText([
      {
        Sid: 'AllowRequestsToAWSOwnedResources',
        Effect: 'Allow',
        Principal: '*',
        Action: ['s3:GetObject', 's3:ListBucket'],
        Resource: 'arn:aws:s3:::static-us-east-1-prod-static-*/content/dependencies/*',
      },
    ]);
    const recognition = recognize(text, { service: 's3' });
    expect(recognition.dataAccessPatterns.map((p) => p.id)).not.toContain('cloud9-dependencies');
    expect(recognition.adoption.config.parameters?.bucketNames).toBeUndefined();
  });
});
