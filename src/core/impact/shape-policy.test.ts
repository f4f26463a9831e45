import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate } from '../evaluate/evaluate';
import type { SimulatedRequest } from '../config/request-schema';
import { patternReach, s3BucketPrefix, ShapePolicy } from './shape-policy';

const ORG = 'o-a1b2c3d4e5';
const PREFIX = 'arn:aws:s3:::data-lake/';
const SERVICE = 'arn:aws:s3:::';

describe('what a Resource value can tell apart among the objects of a bucket', () => {
  it('sorts values by what they read', () => {
    expect(patternReach('*', PREFIX, SERVICE)).toBe('all');
    expect(patternReach('arn:aws:s3:::*', PREFIX, SERVICE)).toBe('all');
    expect(patternReach('arn:aws:s3:*', PREFIX, SERVICE)).toBe('all');
    expect(patternReach('arn:aws:s3:::data-lake/*', PREFIX, SERVICE)).toBe('bucket');
    expect(patternReach('arn:aws:s3:::data-*', PREFIX, SERVICE)).toBe('bucket');
    expect(patternReach('arn:aws:s3:::data-lake/raw/*', PREFIX, SERVICE)).toBe('key');
    expect(patternReach('arn:aws:s3:::data-lake/*.csv', PREFIX, SERVICE)).toBe('key');
    expect(patternReach('arn:aws:s3:::data-lake/?*', PREFIX, SERVICE)).toBe('key');
    expect(patternReach('arn:aws:s3:::*/raw/*', PREFIX, SERVICE)).toBe('key');
    expect(patternReach('arn:aws:s3:::data-lake/x.csv', PREFIX, SERVICE)).toBe('key');
    expect(patternReach('arn:aws:s3:::other/*', PREFIX, SERVICE)).toBe('none');
    expect(patternReach('arn:aws:s3:::data-lake', PREFIX, SERVICE)).toBe('none');
    expect(patternReach('arn:aws:s3:::other/raw/*.csv', PREFIX, SERVICE)).toBe('none');
    expect(patternReach('arn:aws:sqs:*', PREFIX, SERVICE)).toBe('none');
  });

  it('finds the bucket of an S3 object ARN only', () => {
    expect(s3BucketPrefix('arn:aws:s3:::data-lake/a/b.csv')).toBe(PREFIX);
    expect(s3BucketPrefix('arn:aws-cn:s3:::b/')).toBe('arn:aws-cn:s3:::b/');
    expect(s3BucketPrefix('arn:aws:s3:::data-lake')).toBeUndefined();
    expect(s3BucketPrefix('arn:aws:s3:::/key')).toBeUndefined();
    expect(s3BucketPrefix('arn:aws:sqs:us-east-1:111122223333:q/x')).toBeUndefined();
    expect(s3BucketPrefix('*')).toBeUndefined();
  });
});

describe('verdicts remembered by request class (property)', () => {
  const resourceValue = fc.constantFrom(
    '*',
    'arn:aws:s3:::*',
    'arn:aws:s3:::data-lake/*',
    'arn:aws:s3:::data-lake/raw/*',
    'arn:aws:s3:::data-lake/raw/2026/x.csv',
    'arn:aws:s3:::data-?ake/*',
    'arn:aws:s3:::*/tmp/*',
    'arn:aws:s3:::logs*',
    'arn:aws:s3:::logs/*.gz',
    'arn:aws:s3:::partner-share/*',
    'arn:aws:s3:::data-lake',
  );
  const principal = fc.constantFrom<unknown>(
    '*',
    { AWS: '111122223333' },
    { AWS: 'arn:aws:iam::111122223333:role/etl' },
    { AWS: 'arn:aws:iam::111122223333:root' },
    { AWS: ['444455556666', '999988887777'] },
  );
  const condition = fc.constantFrom<unknown>(
    undefined,
    { StringEquals: { 'aws:PrincipalOrgID': ORG } },
    { StringEquals: { 'aws:ResourceOrgID': ORG, 'aws:PrincipalOrgID': ORG } },
    { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/etl' } },
    { StringEquals: { 'aws:ResourceAccount': '444455556666' } },
    { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } },
  );
  const statement = fc.record(
    {
      Effect: fc.constantFrom('Allow', 'Deny'),
      principal,
      notPrincipal: fc.boolean(),
      Action: fc.constantFrom('*', 's3:GetObject', ['s3:GetObject', 's3:PutObject']),
      resources: fc.array(resourceValue, { minLength: 1, maxLength: 3 }),
      notResource: fc.boolean(),
      Condition: condition,
    },
    { requiredKeys: ['Effect', 'principal', 'Action', 'resources'] },
  );
  const policyOf = (
    statements: {
      Effect: string;
      principal: unknown;
      notPrincipal?: boolean;
      Action: unknown;
      resources: string[];
      notResource?: boolean;
      Condition?: unknown;
    }[],
  ) => ({
    Version: '2012-10-17',
    Statement: statements.map((s) => {
      const out: Record<string, unknown> = { Effect: s.Effect, Action: s.Action };
      if (s.notPrincipal && s.Effect === 'Deny' && s.principal !== '*')
        out.NotPrincipal = s.principal;
      else out.Principal = s.principal;
      out[s.notResource ? 'NotResource' : 'Resource'] = s.resources;
      if (s.Condition) out.Condition = s.Condition;
      return out;
    }),
  });
  const request = fc
    .record({
      principal: fc.constantFrom<SimulatedRequest['principal']>(
        { type: 'iam', account: '111122223333', organizationId: ORG },
        {
          type: 'iam',
          account: '111122223333',
          organizationId: ORG,
          arn: 'arn:aws:iam::111122223333:role/etl',
        },
        {
          type: 'iam',
          account: '111122223333',
          organizationId: ORG,
          arn: 'arn:aws:iam::111122223333:role/web',
        },
        {
          type: 'iam',
          account: '999988887777',
          organizationId: null,
          arn: 'arn:aws:iam::999988887777:user/x',
        },
        // Another account of the organization: the same organization, another account.
        {
          type: 'iam',
          account: '444455556666',
          organizationId: ORG,
          arn: 'arn:aws:iam::444455556666:role/etl',
        },
        { type: 'service', service: 'cloudformation.amazonaws.com' },
        { type: 'anonymous' },
      ),
      action: fc.constantFrom('s3:GetObject', 's3:PutObject'),
      bucket: fc.constantFrom('data-lake', 'logs', 'partner-share', 'data-bake'),
      key: fc.constantFrom('raw/2026/x.csv', 'raw/a.gz', 'tmp/b', 'x', 'c/tmp/d.gz'),
      // undefined: the resource's organization is not known, and taken from the caller's account.
      resourceOrganizationId: fc.constantFrom<string | null | undefined>(ORG, null, undefined),
    })
    .map((r): SimulatedRequest => {
      const out: SimulatedRequest = {
        principal: r.principal,
        action: r.action,
        resource: `arn:aws:s3:::${r.bucket}/${r.key}`,
        resourceAccount: r.bucket === 'partner-share' ? '444455556666' : '111122223333',
      };
      if (r.resourceOrganizationId !== undefined)
        out.resourceOrganizationId = r.resourceOrganizationId;
      return out;
    });

  it('gives every request the verdict the evaluator gives it', () => {
    fc.assert(
      fc.property(
        fc.array(statement, { minLength: 1, maxLength: 4 }),
        fc.array(request, { minLength: 1, maxLength: 40 }),
        (statements, requests) => {
          const document = policyOf(statements);
          const policy = new ShapePolicy(compilePolicy(document), document);
          for (const r of requests) {
            const expected = evaluate(document, r);
            const verdict = policy.decide(r);
            expect(verdict.decision, `${JSON.stringify(document)}\n${JSON.stringify(r)}`).toBe(
              expected.decision,
            );
            expect(verdict.deciding.length).toBe(expected.deciding.length);
          }
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });
});

describe('requests that differ only in their accounts', () => {
  const document = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceOrgID': ORG, 'aws:PrincipalOrgID': ORG } },
      },
    ],
  };
  const ours: SimulatedRequest = {
    principal: { type: 'iam', account: '111122223333', organizationId: ORG },
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::data-lake/x.csv',
    resourceAccount: '111122223333',
  };
  const fromAnotherAccount: SimulatedRequest = {
    ...ours,
    principal: { type: 'iam', account: '444455556666', organizationId: ORG },
  };

  it('share a verdict when the policy reads no account', () => {
    const policy = new ShapePolicy(compilePolicy(document), document);
    const first = policy.decide({ ...ours, resourceOrganizationId: ORG });
    expect(policy.decide({ ...fromAnotherAccount, resourceOrganizationId: ORG })).toBe(first);
    expect(first.decision).toBe('Allowed');
  });

  it("are told apart when the resource's organization is taken from the caller's account", () => {
    const policy = new ShapePolicy(compilePolicy(document), document);
    expect(evaluate(document, ours).decision).toBe('Allowed');
    expect(evaluate(document, fromAnotherAccount).decision).not.toBe('Allowed');
    expect(policy.decide(ours).decision).toBe('Allowed');
    expect(policy.decide(fromAnotherAccount).decision).not.toBe('Allowed');
  });

  it('are told apart when the policy names an account', () => {
    const naming = {
      ...document,
      Statement: [{ ...document.Statement[0], Principal: { AWS: '111122223333' } }],
    };
    const policy = new ShapePolicy(compilePolicy(naming), naming);
    expect(policy.decide({ ...ours, resourceOrganizationId: ORG }).decision).toBe('Allowed');
    expect(policy.decide({ ...fromAnotherAccount, resourceOrganizationId: ORG }).decision).not.toBe(
      'Allowed',
    );
  });
});
