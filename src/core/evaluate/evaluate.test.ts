import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate, type EvaluationResult } from './evaluate';
import type { SimulatedRequest } from '../config/request-schema';

const ORG = 'o-a1b2c3d4e5';
const ACCOUNT = '111122223333';
const role = {
  type: 'iam',
  account: ACCOUNT,
  arn: `arn:aws:iam::${ACCOUNT}:role/app`,
  organizationId: ORG,
} as const;

function request(overrides: Partial<SimulatedRequest> = {}): SimulatedRequest {
  return {
    principal: role,
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::our-bucket/report.csv',
    resourceAccount: ACCOUNT,
    resourceOrganizationId: ORG,
    ...overrides,
  };
}

function allow(statement: Record<string, unknown>, version = '2012-10-17') {
  return {
    Version: version,
    Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', ...statement }],
  };
}

function decide(policy: unknown, req: SimulatedRequest = request()): EvaluationResult['decision'] {
  const result = evaluate(policy as object, req);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.decision;
}

function failureOf(policy: unknown, req: SimulatedRequest = request()): string | undefined {
  return evaluate(policy as object, req).statements[0]?.failure?.message;
}

describe('verdict', () => {
  const perimeter = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OrgToOrg',
        Effect: 'Allow',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG, 'aws:ResourceOrgID': ORG } },
      },
      { Sid: 'NoDeletes', Effect: 'Deny', Principal: '*', Action: 's3:Delete*', Resource: '*' },
    ],
  };

  it('allows when an Allow statement applies and names it', () => {
    const result = evaluate(perimeter, request());
    expect(result.decision).toBe('Allowed');
    expect(result.deciding.map((s) => s.sid)).toEqual(['OrgToOrg']);
    expect(result.summary).toBe(
      'Allowed: OrgToOrg allows s3:GetObject on arn:aws:s3:::our-bucket/report.csv.',
    );
  });

  it('denies explicitly when a Deny statement applies, whatever allows', () => {
    const result = evaluate(perimeter, request({ action: 's3:DeleteObject' }));
    expect(result.decision).toBe('ExplicitDeny');
    expect(result.deciding.map((s) => s.index)).toEqual([1]);
    expect(result.statements[0]!.applies).toBe(true);
  });

  it('denies implicitly when nothing applies, with the first failing condition in words', () => {
    const result = evaluate(
      perimeter,
      request({
        resource: 'arn:aws:s3:::other/x',
        resourceAccount: '999988887777',
        resourceOrganizationId: 'o-otherorg00',
      }),
    );
    expect(result.decision).toBe('ImplicitDeny');
    expect(result.deciding).toEqual([]);
    expect(result.statements[0]!.failure).toMatchObject({
      element: 'Condition',
      operator: 'StringEquals',
      key: 'aws:ResourceOrgID',
      message: `aws:ResourceOrgID is o-otherorg00, the statement requires ${ORG}`,
    });
    expect(result.statements[1]!.failure).toMatchObject({
      element: 'Action',
      message: "s3:GetObject is not among the statement's actions (s3:Delete*)",
    });
  });

  it('reports the context keys it read, derived or given, present or absent', () => {
    const result = evaluate(
      perimeter,
      request({ resourceOrganizationId: null, context: { 'aws:PrincipalOrgID': 'o-given00000' } }),
    );
    expect(result.contextUsed).toEqual([
      {
        key: 'aws:PrincipalOrgID',
        present: true,
        value: 'o-given00000',
        origin: 'given',
        from: 'given in the request',
      },
    ]);
    const derived = evaluate(perimeter, request({ resourceOrganizationId: null }));
    expect(derived.contextUsed).toEqual([
      {
        key: 'aws:PrincipalOrgID',
        present: true,
        value: ORG,
        origin: 'derived',
        from: "the organization of the principal's account",
      },
      {
        key: 'aws:ResourceOrgID',
        present: false,
        absentBecause: "the resource's account is in no organization",
      },
    ]);
    expect(derived.statements[0]!.failure!.message).toBe(
      `aws:ResourceOrgID is absent (the resource's account is in no organization), the statement requires ${ORG}`,
    );
  });

  it('gives the position of the failing element when the policy is text', () => {
    const text = JSON.stringify(perimeter, null, 2);
    const result = evaluate(text, request({ resourceOrganizationId: 'o-otherorg00' }));
    const range = result.statements[0]!.failure!.range!;
    const line = text.split('\n')[range.start.line - 1]!;
    expect(line.slice(range.start.column - 1, range.end.column - 1)).toBe('"aws:ResourceOrgID"');
    expect(result.statements[1]!.range!.start.line).toBeGreaterThan(
      result.statements[0]!.range!.end.line,
    );
  });
});

describe('Action', () => {
  it('matches without regard to case, with * and ?', () => {
    expect(decide(allow({ Action: 'S3:getobject' }))).toBe('Allowed');
    expect(decide(allow({ Action: 's3:Get*' }))).toBe('Allowed');
    expect(decide(allow({ Action: 's3:?etObject' }))).toBe('Allowed');
    expect(decide(allow({ Action: 's3:?Object' }))).toBe('ImplicitDeny');
    expect(decide(allow({ Action: ['sqs:*', 's3:*Object'] }))).toBe('Allowed');
  });

  it('NotAction applies to every other action', () => {
    expect(decide(allow({ Action: undefined, NotAction: 's3:Put*' }))).toBe('Allowed');
    expect(failureOf(allow({ Action: undefined, NotAction: 's3:Get*' }))).toBe(
      's3:GetObject matches s3:Get*, which NotAction excludes',
    );
  });
});

describe('Resource', () => {
  const lambdaLayer = request({
    action: 'lambda:GetLayerVersion',
    resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:tools:3`,
  });

  it('is case-sensitive', () => {
    expect(decide(allow({ Resource: 'arn:aws:s3:::Our-Bucket/*' }))).toBe('ImplicitDeny');
    expect(decide(allow({ Resource: 'arn:aws:s3:::our-bucket/*' }))).toBe('Allowed');
  });

  it('lets * in the resource segment cover slashes and colons', () => {
    expect(decide(allow({ Resource: 'arn:aws:s3:::our-*' }))).toBe('Allowed');
    expect(decide(allow({ Resource: 'arn:aws:lambda:us-east-1:*:layer:*' }), lambdaLayer)).toBe(
      'Allowed',
    );
    expect(decide(allow({ Resource: 'arn:aws:s3:::our-bucket/report.cs?' }))).toBe('Allowed');
  });

  it('keeps * in the first five segments within its segment', () => {
    // Read segment by segment, the account segment here is "layer": it does not match.
    expect(decide(allow({ Resource: 'arn:aws:lambda:*:layer:tools:3' }), lambdaLayer)).toBe(
      'ImplicitDeny',
    );
    expect(decide(allow({ Resource: 'arn:aws:lambda:*:*:layer:tools:3' }), lambdaLayer)).toBe(
      'Allowed',
    );
    expect(decide(allow({ Resource: 'arn:aws:lambda:us-*:*:layer:tools:?' }), lambdaLayer)).toBe(
      'Allowed',
    );
  });

  it('lets a trailing * of a short ARN cover the missing segments, and nothing else', () => {
    expect(decide(allow({ Resource: 'arn:aws:lambda:*' }), lambdaLayer)).toBe('Allowed');
    expect(decide(allow({ Resource: 'arn:aws:lambda:us-east-1:*' }), lambdaLayer)).toBe('Allowed');
    expect(decide(allow({ Resource: 'arn:aws:lambda:us-east-1' }), lambdaLayer)).toBe(
      'ImplicitDeny',
    );
  });

  it('matches a request on "*" (actions without resources) only with "*"', () => {
    const describe = request({ action: 'ec2:DescribeInstances', resource: '*' });
    expect(decide(allow({ Resource: '*' }), describe)).toBe('Allowed');
    expect(decide(allow({ Resource: 'arn:aws:ec2:*:*:instance/*' }), describe)).toBe(
      'ImplicitDeny',
    );
    expect(
      decide(allow({ Resource: undefined, NotResource: 'arn:aws:ec2:*:*:instance/*' }), describe),
    ).toBe('Allowed');
  });

  it('finds the matching value among thousands', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`);
    const found = evaluate(allow({ Resource: [...many, 'arn:aws:s3:::our-bucket/*'] }), request());
    expect(found.decision).toBe('Allowed');
    // Far over the size quota: AWS would refuse it, and the result says so.
    expect([found.policyValid, found.diagnostics.map((d) => d.code)]).toEqual([
      false,
      ['size/over-limit'],
    ]);
    expect(failureOf(allow({ Resource: many }))).toBe(
      "arn:aws:s3:::our-bucket/report.csv matches none of the statement's 5000 resources (arn:aws:s3:::bucket-0/*, arn:aws:s3:::bucket-1/*, arn:aws:s3:::bucket-2/* or 4997 more)",
    );
  });

  it('NotResource applies to every other resource', () => {
    expect(decide(allow({ Resource: undefined, NotResource: 'arn:aws:s3:::secret/*' }))).toBe(
      'Allowed',
    );
    expect(failureOf(allow({ Resource: undefined, NotResource: 'arn:aws:s3:::our-*' }))).toBe(
      'arn:aws:s3:::our-bucket/report.csv matches arn:aws:s3:::our-*, which NotResource excludes',
    );
  });
});

describe('Principal', () => {
  const only = (principal: unknown) => allow({ Principal: principal });

  it('"*" and {"AWS": "*"} cover everyone, anonymous callers included', () => {
    expect(decide(only('*'), request({ principal: { type: 'anonymous' } }))).toBe('Allowed');
    expect(decide(only({ AWS: '*' }), request({ principal: { type: 'anonymous' } }))).toBe(
      'Allowed',
    );
  });

  it('an account covers every principal of the account, by id or root ARN', () => {
    expect(decide(only({ AWS: ACCOUNT }))).toBe('Allowed');
    expect(decide(only({ AWS: `arn:aws:iam::${ACCOUNT}:root` }))).toBe('Allowed');
    expect(decide(only({ AWS: '999988887777' }))).toBe('ImplicitDeny');
    expect(decide(only({ AWS: ACCOUNT }), request({ principal: { type: 'anonymous' } }))).toBe(
      'ImplicitDeny',
    );
  });

  it('a role ARN covers the role and its sessions, whatever its path', () => {
    const session = request({
      principal: {
        type: 'iam',
        account: ACCOUNT,
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/admin/alice`,
      },
    });
    expect(decide(only({ AWS: `arn:aws:iam::${ACCOUNT}:role/app` }))).toBe('Allowed');
    expect(decide(only({ AWS: `arn:aws:iam::${ACCOUNT}:role/ops/admin` }), session)).toBe(
      'Allowed',
    );
    expect(decide(only({ AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/admin/alice` }), session)).toBe(
      'Allowed',
    );
    expect(decide(only({ AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/admin/bob` }), session)).toBe(
      'ImplicitDeny',
    );
  });

  it('a service principal matches requests signed by that service only', () => {
    const service = request({
      principal: { type: 'service', service: 'cloudformation.amazonaws.com' },
    });
    expect(decide(only({ Service: 'cloudformation.amazonaws.com' }), service)).toBe('Allowed');
    expect(decide(only({ Service: 'lambda.amazonaws.com' }), service)).toBe('ImplicitDeny');
    expect(decide(only({ Service: 'cloudformation.amazonaws.com' }))).toBe('ImplicitDeny');
  });

  it('explains an anonymous caller against named principals, and NotPrincipal', () => {
    expect(failureOf(only({ AWS: ACCOUNT }), request({ principal: { type: 'anonymous' } }))).toBe(
      'the statement names specific principals (111122223333), and an anonymous caller matches only "*"',
    );
    const deny = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: ACCOUNT }, Action: '*', Resource: '*' }],
    };
    expect(decide(deny, request({ principal: { type: 'anonymous' } }))).toBe('ExplicitDeny');
    // Naming the account alone leaves out the account, not its roles (IAM NotPrincipal element).
    expect(decide(deny)).toBe('ExplicitDeny');
    const roleAndAccount = {
      ...deny,
      Statement: [
        {
          ...deny.Statement[0],
          NotPrincipal: { AWS: [ACCOUNT, `arn:aws:iam::${ACCOUNT}:role/app`] },
        },
      ],
    };
    expect(failureOf(roleAndAccount)).toBe(
      `the caller, arn:aws:iam::${ACCOUNT}:role/app, is among the principals NotPrincipal excludes (${ACCOUNT} or arn:aws:iam::${ACCOUNT}:role/app)`,
    );
  });
});

describe('Condition', () => {
  const when = (condition: Record<string, unknown>, version?: string) =>
    allow({ Condition: condition }, version);
  const withContext = (
    context: Record<string, string | string[]>,
    overrides: Partial<SimulatedRequest> = {},
  ) => request({ context, ...overrides });

  it('String operators: case, wildcards, negation, several values ORed', () => {
    expect(decide(when({ StringEquals: { 'aws:PrincipalOrgID': ['o-zzzzzzzzzz', ORG] } }))).toBe(
      'Allowed',
    );
    expect(decide(when({ StringEquals: { 'aws:PrincipalOrgID': ORG.toUpperCase() } }))).toBe(
      'ImplicitDeny',
    );
    expect(
      decide(when({ StringEqualsIgnoreCase: { 'aws:PrincipalOrgID': ORG.toUpperCase() } })),
    ).toBe('Allowed');
    expect(decide(when({ StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/a?p' } }))).toBe(
      'Allowed',
    );
    expect(decide(when({ StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/app' } }))).toBe(
      'ImplicitDeny',
    );
    expect(
      decide(when({ StringNotEquals: { 'aws:PrincipalOrgID': ['o-zzzzzzzzzz', 'o-yyyyyyyyyy'] } })),
    ).toBe('Allowed');
    expect(
      failureOf(
        when({
          StringNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:user/*', 'arn:aws:iam::*:role/*'] },
        }),
      ),
    ).toBe(
      `aws:PrincipalArn is arn:aws:iam::${ACCOUNT}:role/app, which the statement excludes (StringNotLike arn:aws:iam::*:role/*)`,
    );
  });

  it('condition key names ignore case', () => {
    expect(decide(when({ StringEquals: { 'AWS:principalorgid': ORG } }))).toBe('Allowed');
  });

  it('an absent key fails positive operators and satisfies negated ones and IfExists', () => {
    expect(decide(when({ StringEquals: { 'aws:SourceVpc': 'vpc-1' } }))).toBe('ImplicitDeny');
    expect(decide(when({ StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } }))).toBe('Allowed');
    expect(decide(when({ StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } }))).toBe('Allowed');
    expect(
      decide(
        when({ StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } }),
        withContext({ 'aws:SourceVpc': 'vpc-2' }),
      ),
    ).toBe('ImplicitDeny');
  });

  it('Numeric, Date and Bool operators', () => {
    const mfa = withContext({
      'aws:MultiFactorAuthAge': '1800',
      'aws:CurrentTime': '2025-03-01T10:00:00Z',
      'aws:EpochTime': '1740823200',
      'aws:SecureTransport': 'true',
    });
    expect(decide(when({ NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }), mfa)).toBe(
      'Allowed',
    );
    expect(
      decide(when({ NumericGreaterThanEquals: { 'aws:MultiFactorAuthAge': 3600 } }), mfa),
    ).toBe('ImplicitDeny');
    expect(failureOf(when({ NumericLessThan: { 'aws:MultiFactorAuthAge': '600' } }), mfa)).toBe(
      'aws:MultiFactorAuthAge is 1800, the statement requires a number less than 600',
    );
    expect(decide(when({ NumericNotEquals: { 'aws:MultiFactorAuthAge': '1800.0' } }), mfa)).toBe(
      'ImplicitDeny',
    );
    expect(decide(when({ DateGreaterThan: { 'aws:CurrentTime': '2025-01-01' } }), mfa)).toBe(
      'Allowed',
    );
    expect(decide(when({ DateLessThan: { 'aws:CurrentTime': '1740823199' } }), mfa)).toBe(
      'ImplicitDeny',
    );
    expect(decide(when({ DateEquals: { 'aws:EpochTime': '2025-03-01T10:00:00Z' } }), mfa)).toBe(
      'Allowed',
    );
    expect(
      decide(when({ DateEquals: { 'aws:CurrentTime': '2025-03-01T11:00:00+0100' } }), mfa),
    ).toBe('Allowed');
    expect(decide(when({ DateEquals: { 'aws:CurrentTime': '2025-03-01T10:00:00' } }), mfa)).toBe(
      'Allowed',
    );
    expect(decide(when({ DateEquals: { 'aws:CurrentTime': 'March 1st' } }), mfa)).toBe(
      'ImplicitDeny',
    );
    expect(decide(when({ Bool: { 'aws:SecureTransport': true } }), mfa)).toBe('Allowed');
    expect(decide(when({ Bool: { 'aws:SecureTransport': 'false' } }), mfa)).toBe('ImplicitDeny');
    expect(
      failureOf(
        when({ NumericEquals: { 'aws:MultiFactorAuthAge': '1800' } }),
        withContext({ 'aws:MultiFactorAuthAge': 'soon' }),
      ),
    ).toBe('aws:MultiFactorAuthAge is soon, and it cannot match: soon is not a number');
  });

  it('compares a JSON number as JSON reads it, however the policy writes it', () => {
    const mfa = withContext({ 'aws:MultiFactorAuthAge': '1800' });
    const written = (number: string) =>
      JSON.stringify(when({ NumericLessThan: { 'aws:MultiFactorAuthAge': 0 } })).replace(
        '"aws:MultiFactorAuthAge":0}',
        `"aws:MultiFactorAuthAge":${number}}`,
      );
    expect(written('3.6e3')).toContain('3.6e3');
    expect(decide(written('3.6e3'), mfa)).toBe('Allowed');
    expect(decide(written('1.2E3'), mfa)).toBe('ImplicitDeny');
  });

  it('compares a JSON number that JavaScript writes with an exponent (1e21, 1e-7) as that number', () => {
    const numbered = (operator: string, number: number, effect = 'Allow') => ({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: effect,
          Principal: '*',
          Action: '*',
          Resource: '*',
          Condition: { [operator]: { 's3:max-keys': number } },
        },
      ],
    });
    const keys = (count: string) => withContext({ 's3:max-keys': count });
    expect(decide(numbered('NumericLessThan', 1e21), keys('1000'))).toBe('Allowed');
    expect(decide(numbered('NumericGreaterThan', 1e-7), keys('0'))).toBe('ImplicitDeny');
    expect(decide(numbered('NumericGreaterThan', 1e-7), keys('1'))).toBe('Allowed');
    expect(decide(numbered('NumericEquals', 1.5e-7), keys('0.00000015'))).toBe('Allowed');
    expect(decide(numbered('NumericEquals', 1e21), keys('1000000000000000000000'))).toBe('Allowed');
    // A Deny whose number cannot be read would never apply.
    expect(decide(numbered('NumericNotEquals', 1e21, 'Deny'), keys('5'))).toBe('ExplicitDeny');
  });

  it('IpAddress and NotIpAddress, IPv4 and IPv6', () => {
    const from = (ip: string) => withContext({ 'aws:SourceIp': ip });
    expect(decide(when({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }), from('10.20.30.40'))).toBe(
      'Allowed',
    );
    expect(decide(when({ IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }), from('203.0.113.9'))).toBe(
      'Allowed',
    );
    expect(
      decide(when({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }), from('2001:db8:0:0::1')),
    ).toBe('Allowed');
    expect(
      decide(when({ IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }), from('10.20.30.40')),
    ).toBe('ImplicitDeny');
    expect(
      decide(
        when({ NotIpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '192.0.2.1'] } }),
        from('192.0.2.1'),
      ),
    ).toBe('ImplicitDeny');
    expect(
      failureOf(when({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }), from('10.1.1.1')),
    ).toBe('aws:SourceIp is 10.1.1.1, which the statement excludes (NotIpAddress 10.0.0.0/8)');
  });

  it('Arn operators compare segment by segment, case-sensitively', () => {
    expect(decide(when({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/*' } }))).toBe(
      'Allowed',
    );
    expect(decide(when({ ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::*:ROLE/*' } }))).toBe(
      'ImplicitDeny',
    );
    expect(decide(when({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*' } }))).toBe(
      'ImplicitDeny',
    );
    expect(decide(when({ ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/*' } }))).toBe(
      'Allowed',
    );
  });

  it('Arn operators put a policy variable in the value before cutting it into segments', () => {
    const owned = (owner: string) => request({ principal: { ...role, tags: { owner } } });
    const sameAsOwner = when({ ArnEquals: { 'aws:PrincipalArn': '${aws:PrincipalTag/owner}' } });
    expect(decide(sameAsOwner, owned(role.arn))).toBe('Allowed');
    expect(decide(sameAsOwner, owned(`arn:aws:iam::${ACCOUNT}:role/other`))).toBe('ImplicitDeny');
    // A variable's colons separate segments; its * stays a plain character.
    const segments = when({
      ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalTag/owner}/app' },
    });
    expect(decide(segments, owned(`${ACCOUNT}:role`))).toBe('Allowed');
    expect(decide(segments, owned('*:role'))).toBe('ImplicitDeny');
    // In a Deny, a negated operator against such a value applies to every other principal.
    const denyOthers = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
        {
          Effect: 'Deny',
          Principal: '*',
          Action: '*',
          Resource: '*',
          Condition: { ArnNotEquals: { 'aws:PrincipalArn': '${aws:PrincipalTag/owner}' } },
        },
      ],
    };
    expect(decide(denyOthers, owned(role.arn))).toBe('Allowed');
    expect(decide(denyOthers, owned(`arn:aws:iam::${ACCOUNT}:role/other`))).toBe('ExplicitDeny');
  });

  it('BinaryEquals compares base64 values', () => {
    const tagged = request({ principal: { ...role, tags: { blob: 'QmluYXJ5' } } });
    expect(decide(when({ BinaryEquals: { 'aws:PrincipalTag/blob': 'QmluYXJ5' } }), tagged)).toBe(
      'Allowed',
    );
    expect(decide(when({ BinaryEquals: { 'aws:PrincipalTag/blob': 'QkJC' } }), tagged)).toBe(
      'ImplicitDeny',
    );
  });

  it('Null tests presence', () => {
    expect(decide(when({ Null: { 'aws:SourceVpc': 'true' } }))).toBe('Allowed');
    expect(decide(when({ Null: { 'aws:PrincipalOrgID': 'true' } }))).toBe('ImplicitDeny');
    expect(failureOf(when({ Null: { 'aws:PrincipalOrgID': 'true' } }))).toBe(
      `aws:PrincipalOrgID is present (${ORG}), the statement requires it to be absent`,
    );
  });

  it('Null reads a multivalued key with no values as null', () => {
    const noTags = withContext({ 'aws:TagKeys': [] });
    expect(decide(when({ Null: { 'aws:TagKeys': 'false' } }), noTags)).toBe('ImplicitDeny');
    expect(decide(when({ Null: { 'aws:TagKeys': 'true' } }), noTags)).toBe('Allowed');
    expect(failureOf(when({ Null: { 'aws:TagKeys': 'false' } }), noTags)).toBe(
      'aws:TagKeys has no values, the statement requires it to be present with a value',
    );
    // The documented guard: ForAllValues alone holds for no values, Null false keeps them out.
    const guarded = when({
      'ForAllValues:StringEquals': { 'aws:TagKeys': 'team' },
      Null: { 'aws:TagKeys': 'false' },
    });
    expect(decide(guarded, noTags)).toBe('ImplicitDeny');
    expect(decide(guarded, withContext({ 'aws:TagKeys': ['team'] }))).toBe('Allowed');
  });

  it('ForAnyValue and ForAllValues on multivalued keys', () => {
    const tags = withContext({ 'aws:TagKeys': ['team', 'cost-center'] });
    expect(decide(when({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } }), tags)).toBe(
      'Allowed',
    );
    expect(decide(when({ 'ForAllValues:StringEquals': { 'aws:TagKeys': 'team' } }), tags)).toBe(
      'ImplicitDeny',
    );
    expect(
      decide(when({ 'ForAllValues:StringLike': { 'aws:TagKeys': ['team', 'cost-*'] } }), tags),
    ).toBe('Allowed');
    expect(decide(when({ 'ForAllValues:StringEquals': { 'aws:TagKeys': 'team' } }))).toBe(
      'Allowed',
    );
    expect(decide(when({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'team' } }))).toBe(
      'ImplicitDeny',
    );
    expect(decide(when({ 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'team' } }))).toBe(
      'Allowed',
    );
    expect(
      decide(when({ 'ForAllValues:StringNotEquals': { 'aws:TagKeys': 'secret' } }), tags),
    ).toBe('Allowed');
    expect(failureOf(when({ 'ForAllValues:StringEquals': { 'aws:TagKeys': 'team' } }), tags)).toBe(
      'ForAllValues needs every value of aws:TagKeys to pass: aws:TagKeys is cost-center, the statement requires team',
    );
    // Without a qualifier a multivalued key never matches, negated operators included.
    expect(decide(when({ StringEquals: { 'aws:TagKeys': 'team' } }), tags)).toBe('ImplicitDeny');
    expect(decide(when({ StringNotEquals: { 'aws:TagKeys': 'secret' } }), tags)).toBe(
      'ImplicitDeny',
    );
    expect(failureOf(when({ StringEquals: { 'aws:TagKeys': 'team' } }), tags)).toBe(
      'aws:TagKeys holds several values (team and cost-center); StringEquals without ForAnyValue: or ForAllValues: does not match a multivalued key',
    );
    // A qualifier reads a single value as a set of one.
    expect(decide(when({ 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': ORG } }))).toBe(
      'Allowed',
    );
  });

  it('every condition of a statement must hold', () => {
    expect(
      decide(
        when({
          StringEquals: { 'aws:PrincipalOrgID': ORG },
          Bool: { 'aws:PrincipalIsAWSService': 'true' },
        }),
      ),
    ).toBe('ImplicitDeny');
  });
});

describe('policy variables', () => {
  const user = request({
    principal: {
      type: 'iam',
      account: ACCOUNT,
      arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      organizationId: ORG,
      tags: { team: 'red' },
    },
  });

  it('are replaced by the request values in Resource and conditions', () => {
    expect(
      decide(
        allow({ Resource: 'arn:aws:s3:::home-${aws:username}/*' }),
        request({ ...user, resource: 'arn:aws:s3:::home-alice/x' }),
      ),
    ).toBe('Allowed');
    expect(
      decide(
        allow({
          Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
        }),
      ),
    ).toBe('Allowed');
    expect(
      decide(
        allow({
          Condition: { StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } },
        }),
        request({ resourceAccount: '999988887777' }),
      ),
    ).toBe('ImplicitDeny');
    expect(
      decide(
        allow({
          Condition: {
            ArnLike: {
              'aws:PrincipalArn':
                "arn:aws:iam::${aws:PrincipalAccount}:user/${aws:PrincipalTag/team, 'x'}*",
            },
          },
        }),
        request({
          ...user,
          principal: {
            ...user.principal,
            arn: `arn:aws:iam::${ACCOUNT}:user/redteam`,
          } as SimulatedRequest['principal'],
        }),
      ),
    ).toBe('Allowed');
  });

  it('take a default when the key is absent, and otherwise match nothing', () => {
    expect(
      decide(
        allow({ Resource: "arn:aws:s3:::home-${aws:username, 'shared'}/*" }),
        request({ resource: 'arn:aws:s3:::home-shared/x' }),
      ),
    ).toBe('Allowed');
    expect(failureOf(allow({ Resource: 'arn:aws:s3:::home-${aws:username}/*' }))).toBe(
      "arn:aws:s3:::our-bucket/report.csv matches none of the statement's resource (arn:aws:s3:::home-${aws:username}/*); ${aws:username} has no value in this request (aws:username is absent), so it matches nothing",
    );
    // A negated operator cannot prove its exclusion without the value.
    expect(
      decide(
        allow({ Condition: { StringNotEquals: { 'aws:SourceVpc': '${aws:username}' } } }),
        request({ context: { 'aws:SourceVpc': 'vpc-1' } }),
      ),
    ).toBe('ImplicitDeny');
  });

  it('${*}, ${?} and ${$} stand for the characters themselves', () => {
    const tagged = (team: string) => request({ principal: { ...role, tags: { team } } });
    expect(
      decide(
        allow({ Condition: { StringLike: { 'aws:PrincipalTag/team': 'a${*}' } } }),
        tagged('a*'),
      ),
    ).toBe('Allowed');
    expect(
      decide(
        allow({ Condition: { StringLike: { 'aws:PrincipalTag/team': 'a${*}' } } }),
        tagged('ab'),
      ),
    ).toBe('ImplicitDeny');
    expect(
      decide(
        allow({ Condition: { StringEquals: { 'aws:PrincipalTag/team': '${$}${?}' } } }),
        tagged('$?'),
      ),
    ).toBe('Allowed');
  });

  it('are plain text in a policy of Version 2008-10-17', () => {
    const old = allow({ Resource: 'arn:aws:s3:::${aws:PrincipalAccount}/*' }, '2008-10-17');
    const result = evaluate(old, request({ resource: `arn:aws:s3:::${ACCOUNT}/x` }));
    expect(result.decision).toBe('ImplicitDeny');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['grammar/old-version']);
    expect(
      evaluate(old, request({ resource: 'arn:aws:s3:::${aws:PrincipalAccount}/x' })).decision,
    ).toBe('Allowed');
  });
});

describe('request context', () => {
  const keysOf = (req: SimulatedRequest) =>
    Object.fromEntries(evaluate(allow({}), req).context.map((e) => [e.key, e.value]));

  it('an IAM principal carries its account, ARN, organization, tags and PrincipalIsAWSService=false', () => {
    expect(keysOf(request({ principal: { ...role, tags: { team: 'red' } } }))).toEqual({
      'aws:PrincipalAccount': ACCOUNT,
      'aws:PrincipalArn': role.arn,
      'aws:PrincipalOrgID': ORG,
      'aws:PrincipalTag/team': 'red',
      'aws:PrincipalIsAWSService': 'false',
      'aws:ResourceAccount': ACCOUNT,
      'aws:ResourceOrgID': ORG,
    });
  });

  it('a role session is known by its role; a user by its name', () => {
    expect(
      keysOf(
        request({
          principal: {
            type: 'iam',
            account: ACCOUNT,
            arn: `arn:aws:sts::${ACCOUNT}:assumed-role/app/i-0abc`,
          },
        }),
      )['aws:PrincipalArn'],
    ).toBe(`arn:aws:iam::${ACCOUNT}:role/app`);
    expect(
      keysOf(
        request({
          principal: {
            type: 'iam',
            account: ACCOUNT,
            arn: `arn:aws:iam::${ACCOUNT}:user/team/alice`,
          },
        }),
      )['aws:username'],
    ).toBe('alice');
  });

  it('a service principal carries only the service keys; an anonymous caller no principal key', () => {
    expect(
      keysOf({
        principal: { type: 'service', service: 'cloudformation.amazonaws.com' },
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::b/k',
      }),
    ).toEqual({
      'aws:PrincipalIsAWSService': 'true',
      'aws:PrincipalServiceName': 'cloudformation.amazonaws.com',
    });
    expect(
      keysOf({
        principal: { type: 'anonymous' },
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::b/k',
      }),
    ).toEqual({});
  });

  it('takes the resource account from the ARN and the organization from the caller for its own account', () => {
    const queue = {
      principal: role,
      action: 'sqs:SendMessage',
      resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs`,
    } as SimulatedRequest;
    expect(keysOf(queue)).toMatchObject({
      'aws:ResourceAccount': ACCOUNT,
      'aws:ResourceOrgID': ORG,
    });
    expect(keysOf({ ...queue, resourceOrganizationId: null })['aws:ResourceOrgID']).toBeUndefined();
  });

  it('context entries add keys and replace derived ones, keeping what they replaced', () => {
    const result = evaluate(
      allow({}),
      request({ context: { 'AWS:PrincipalOrgID': 'o-given00000', 'aws:SourceVpc': 'vpc-1' } }),
    );
    expect(result.context.find((e) => e.key === 'AWS:PrincipalOrgID')).toEqual({
      key: 'AWS:PrincipalOrgID',
      value: 'o-given00000',
      origin: 'given',
      from: 'given in the request',
      replaced: ORG,
    });
    expect(result.context.filter((e) => e.key.toLowerCase() === 'aws:principalorgid')).toHaveLength(
      1,
    );
  });

  it('warns when the principal ARN and account disagree', () => {
    const result = evaluate(
      allow({}),
      request({ principal: { ...role, account: '999988887777' } }),
    );
    expect(result.diagnostics.map((d) => d.code)).toEqual(['request/principal-account-mismatch']);
  });
});

describe('malformed policies never throw', () => {
  const cases: [string, unknown, string][] = [
    ['invalid JSON', '{"Version": "2012-10-17", "Statement": [', 'json/syntax'],
    ['empty text', '', 'json/empty'],
    ['comments', '{"Version":"2012-10-17", /* no */ "Statement": []}', 'json/syntax'],
    ['binary data', '\u0000\u0001', 'input/binary'],
    ['a list', [], 'grammar/not-a-policy'],
    ['null', null, 'grammar/not-a-policy'],
    ['a number', 42, 'grammar/not-a-policy'],
    ['undefined', undefined, 'grammar/not-a-policy'],
    ['deep nesting', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'json/too-deep'],
    ['a huge text', `"${'x'.repeat(2_100_000)}"`, 'input/too-large'],
    [
      'an unknown element',
      { Version: '2012-10-17', Statement: [], Extra: 1 },
      'grammar/unknown-element',
    ],
    ['no Statement', { Version: '2012-10-17' }, 'grammar/missing-statement'],
    ['a bad version', { Version: '2020-01-01', Statement: [] }, 'grammar/invalid-version'],
    [
      'a duplicate key',
      '{"Version": "2012-10-17", "Statement": [], "Statement": []}',
      'json/duplicate-key',
    ],
  ];
  it.each(cases)('%s', (_name, policy, code) => {
    const result = evaluate(policy as object, request());
    expect(result.decision).toBe('ImplicitDeny');
    expect(result.policyValid).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toContain(code);
  });

  it('reports statement errors where they are and never applies such a statement', () => {
    const text = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'allow', Principal: '*', Action: '*', Resource: '*' },
          {
            Effect: 'Deny',
            Principal: '*',
            Action: '*',
            Resource: '*',
            Condition: { StringEqualz: { 'aws:SourceVpc': 'vpc-1' } },
          },
          {
            Effect: 'Allow',
            Principal: { Someone: 'x' },
            Action: 's3',
            Resource: [],
            NotResource: '*',
          },
          'not a statement',
        ],
      },
      null,
      2,
    );
    const result = evaluate(text, request());
    expect(result.decision).toBe('ImplicitDeny');
    expect(result.statements.every((s) => !s.applies && s.failure?.element === 'Statement')).toBe(
      true,
    );
    expect(result.statements.map((s) => s.failure!.message)).toEqual([
      'the statement has an error, so AWS would refuse the policy: Effect must be "Allow" or "Deny", not "allow".',
      'the statement has an error, so AWS would refuse the policy: Unknown condition operator "StringEqualz".',
      'the statement has an error, so AWS would refuse the policy: Unknown principal type "Someone"; a principal is one of AWS, Service, Federated, CanonicalUser.',
      'the statement has an error, so AWS would refuse the policy: A statement must be an object, not "not a statement".',
    ]);
    expect(result.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual([
      'grammar/invalid-effect Statement[0].Effect',
      'condition/unknown-operator Statement[1].Condition.StringEqualz',
      'grammar/invalid-principal Statement[2].Principal.Someone',
      'grammar/resource-and-notresource Statement[2].NotResource',
      'grammar/empty-list Statement[2].Resource',
      'grammar/invalid-statement Statement[3]',
    ]);
    expect(result.diagnostics.every((d) => d.range !== undefined)).toBe(true);
    // Only statements the policy holds: the fourth is where the text has it.
    expect(result.statements.map((s) => s.range!.start.line)).toEqual([4, 10, 21, 30]);
  });

  it('survives hostile values', () => {
    const hostile = {
      Version: '2012-10-17',
      get Statement(): unknown {
        throw new Error('boom');
      },
    };
    const result = evaluate(hostile, request());
    expect(result.policyValid).toBe(false);
    expect(result.diagnostics[0]!.code).toBe('policy/unreadable');
    const cyclic: Record<string, unknown> = {
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: '*',
    };
    cyclic.Condition = { StringEquals: { 'aws:SourceVpc': cyclic } };
    expect(evaluate({ Version: '2012-10-17', Statement: [cyclic] }, request()).policyValid).toBe(
      false,
    );
  });

  it('reports a request that bypassed its schema instead of throwing', () => {
    const result = evaluate(allow({}), { action: 's3:GetObject' } as unknown as SimulatedRequest);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['request/invalid']);
  });

  it('compiles a policy once for many requests, and caches texts', () => {
    const text = JSON.stringify(allow({}));
    expect(compilePolicy(text)).toBe(compilePolicy(text));
    const compiled = compilePolicy(allow({ Action: 's3:GetObject' }));
    expect(evaluate(compiled, request()).decision).toBe('Allowed');
    expect(evaluate(compiled, request({ action: 's3:PutObject' })).decision).toBe('ImplicitDeny');
  });
});
