/**
 * Random endpoint policies and requests for the differential test: small pools of accounts,
 * organizations, principals, resources and context values, shared by policies and requests so
 * that statements match often and every element and operator is exercised both ways.
 *
 * The grammar stays within what both evaluators read the same way by definition; each
 * restriction below names why:
 * - resource patterns keep wildcards out of the service segment (IAM forbids them there) and,
 *   for ARNs with a resource type (`table/`, `layer:`), out of that type, which IAM's ARN page
 *   calls incorrect wildcard usage and the oracle refuses to expand;
 * - partition, service, region and account segments are lower-case, as real ARNs are;
 * - context values have the type IAM documents for their key (multivalued keys are lists), since
 *   the oracle reshapes values to the documented type before evaluating.
 */
import fc from 'fast-check';
import { deriveRequestContext } from './context';
import type { RequestPrincipal, SimulatedRequest } from '../config/request-schema';

export const ACCOUNTS = ['111111111111', '222222222222', '333333333333'] as const;
export const ORGS = ['o-aaaaaaaaaa', 'o-bbbbbbbbbb'] as const;
const REGIONS = ['us-east-1', 'eu-west-1'] as const;
const SERVICES = ['cloudformation.amazonaws.com', 'lambda.amazonaws.com'] as const;
const TEAMS = ['red', 'Red', 'blue', 'a*b', 'a?b', '$x'] as const;

export interface DifferentialCase {
  policy: { Version: string; Statement: Record<string, unknown>[] };
  request: SimulatedRequest;
}

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values);

/** Principal ARNs of an account: roles (one with a path), a user and a role session. */
function principalArns(account: string): string[] {
  return [
    `arn:aws:iam::${account}:role/app`,
    `arn:aws:iam::${account}:role/path/admin`,
    `arn:aws:iam::${account}:user/alice`,
    `arn:aws:iam::${account}:user/bob`,
    `arn:aws:sts::${account}:assumed-role/app/session-1`,
    `arn:aws:sts::${account}:assumed-role/admin/session-2`,
  ];
}

interface Target {
  action: string;
  resource: string;
  resourceAccount?: string;
}

const BUCKETS = ['data', 'logs', 'home-alice', '111111111111-bucket', 'red'] as const;
const KEYS = ['a.txt', 'dir/b:c.txt', 'dir/x/y'] as const;

/** An action and a resource ARN of a type the action takes. */
const targetArb: fc.Arbitrary<Target> = fc.oneof(
  fc
    .record({
      action: pick(['s3:GetObject', 's3:PutObject']),
      bucket: pick(BUCKETS),
      key: pick(KEYS),
      account: fc.option(pick(ACCOUNTS), { nil: undefined }),
    })
    .map(({ action, bucket, key, account }) => ({
      action,
      resource: `arn:aws:s3:::${bucket}/${key}`,
      ...(account ? { resourceAccount: account } : {}),
    })),
  fc
    .record({ bucket: pick(BUCKETS), account: fc.option(pick(ACCOUNTS), { nil: undefined }) })
    .map(({ bucket, account }) => ({
      action: 's3:ListBucket',
      resource: `arn:aws:s3:::${bucket}`,
      ...(account ? { resourceAccount: account } : {}),
    })),
  fc
    .record({ region: pick(REGIONS), account: pick(ACCOUNTS), queue: pick(['jobs', 'jobs-dlq']) })
    .map(({ region, account, queue }) => ({
      action: 'sqs:SendMessage',
      resource: `arn:aws:sqs:${region}:${account}:${queue}`,
    })),
  fc
    .record({ region: pick(REGIONS), account: pick(ACCOUNTS), table: pick(['Orders', 'orders']) })
    .map(({ region, account, table }) => ({
      action: 'dynamodb:GetItem',
      resource: `arn:aws:dynamodb:${region}:${account}:table/${table}`,
    })),
  fc.record({ region: pick(REGIONS), account: pick(ACCOUNTS) }).map(({ region, account }) => ({
    action: 'ssm:GetParameter',
    resource: `arn:aws:ssm:${region}:${account}:parameter/app/db`,
  })),
  fc
    .record({ region: pick(REGIONS), account: pick(ACCOUNTS), version: pick(['1', '3']) })
    .map(({ region, account, version }) => ({
      action: 'lambda:GetLayerVersion',
      resource: `arn:aws:lambda:${region}:${account}:layer:tools:${version}`,
    })),
  fc.constant({ action: 'ec2:DescribeInstances', resource: '*' }),
);

const actionPatternArb = pick([
  '*',
  's3:GetObject',
  'S3:getobject',
  's3:PutObject',
  's3:ListBucket',
  's3:Get*',
  's3:*Object',
  's3:?etObject',
  's3:*',
  'sqs:SendMessage',
  'sqs:*',
  'dynamodb:GetItem',
  'dynamodb:Get*',
  'ssm:Get*',
  'ssm:GetParameter',
  'lambda:GetLayerVersion',
  'lambda:*Layer*',
  'ec2:Describe*',
  'ec2:DescribeInstances',
]);

const segment = (values: readonly string[]) => pick(values);

/** Resource patterns built from the same pools as request resources. */
const resourcePatternArb: fc.Arbitrary<string> = fc.oneof(
  fc.constant('*'),
  fc
    .record({
      bucket: segment([
        'data',
        'da*',
        'd?ta',
        '*',
        'logs',
        'home-alice',
        'home-${aws:username}',
        "home-${aws:username, 'alice'}",
        '${aws:PrincipalAccount}-bucket',
        '${aws:PrincipalTag/team}',
        'red',
      ]),
      rest: segment(['', '/*', '/a.txt', '/dir/*', '/dir/?/y', '/*:c.txt', '/*/y']),
    })
    .map(({ bucket, rest }) => `arn:aws:s3:::${bucket}${rest}`),
  fc.constant('arn:aws:s3:*:*:data/*'),
  fc
    .record({
      region: segment(['us-east-1', '*', 'us-*', 'eu-west-?']),
      account: segment([...ACCOUNTS, '*', '1111*']),
      queue: segment(['jobs', 'jobs*', '*', 'jo?s']),
    })
    .map(({ region, account, queue }) => `arn:aws:sqs:${region}:${account}:${queue}`),
  fc
    .record({
      region: segment(['us-east-1', '*']),
      account: segment([...ACCOUNTS, '*']),
      table: segment(['Orders', 'orders', 'Ord*', '*']),
    })
    .map(({ region, account, table }) => `arn:aws:dynamodb:${region}:${account}:table/${table}`),
  fc
    .record({
      region: segment(['eu-west-1', '*']),
      account: segment([...ACCOUNTS, '*']),
      name: segment(['app/db', 'app/*', '*']),
    })
    .map(({ region, account, name }) => `arn:aws:ssm:${region}:${account}:parameter/${name}`),
  fc
    .record({
      region: segment(['us-east-1', '*']),
      account: segment([...ACCOUNTS, '*']),
      name: segment(['tools:3', 'tools:*', 't*', '*', 'tools']),
    })
    .map(({ region, account, name }) => `arn:aws:lambda:${region}:${account}:layer:${name}`),
  // A `*` in an early segment must not swallow the colons that follow it.
  pick(['arn:aws:lambda:*:layer:tools:3', 'arn:aws:lambda:*:layer:*', 'arn:aws:sqs:*:*:*']),
  // Short values: a trailing `*` stretches over the missing segments.
  pick([
    'arn:aws:sqs:us-east-1:*',
    'arn:aws:s3:*',
    'arn:aws:dynamodb:*',
    'arn:aws:ssm:eu-west-1:1111*',
  ]),
  // Variables in the account segment.
  pick([
    'arn:aws:sqs:*:${aws:PrincipalAccount}:jobs',
    'arn:aws:dynamodb:us-east-1:${aws:ResourceAccount}:table/*',
  ]),
);

function oneOrMany<T>(arb: fc.Arbitrary<T>, max = 3): fc.Arbitrary<T | T[]> {
  return fc.oneof(arb, fc.array(arb, { minLength: 1, maxLength: max }));
}

const principalValueArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constant('*') },
  { weight: 1, arbitrary: fc.constant({ AWS: '*' }) },
  { weight: 1, arbitrary: pick(ACCOUNTS).map((account) => ({ AWS: ['*', account] })) },
  {
    weight: 4,
    arbitrary: fc
      .record({
        AWS: fc.option(
          oneOrMany(
            fc.oneof(
              pick(ACCOUNTS),
              pick(ACCOUNTS).map((a) => `arn:aws:iam::${a}:root`),
              pick(ACCOUNTS).chain((a) => pick(principalArns(a))),
            ),
          ),
          { nil: undefined },
        ),
        Service: fc.option(oneOrMany(pick(SERVICES), 2), { nil: undefined }),
      })
      .map((p) => {
        const out: Record<string, unknown> = {};
        if (p.AWS !== undefined) out.AWS = p.AWS;
        if (p.Service !== undefined) out.Service = p.Service;
        return Object.keys(out).length === 0 ? { AWS: ACCOUNTS[0] } : out;
      }),
  },
);

/** Context keys, their values in requests, and the policy values conditions compare them with. */
interface KeySpec {
  key: string;
  family: 'String' | 'Numeric' | 'Date' | 'Bool' | 'IpAddress' | 'Arn' | 'Binary';
  multivalued?: boolean;
  requestValues: readonly string[];
  policyValues: readonly string[];
}

const KEY_SPECS: readonly KeySpec[] = [
  {
    key: 'aws:PrincipalOrgID',
    family: 'String',
    requestValues: ORGS,
    policyValues: [...ORGS, 'o-*', 'O-AAAAAAAAAA', '${aws:ResourceOrgID}'],
  },
  {
    key: 'aws:ResourceOrgID',
    family: 'String',
    requestValues: ORGS,
    policyValues: [...ORGS, 'o-a*', '${aws:PrincipalOrgID}'],
  },
  {
    key: 'aws:PrincipalAccount',
    family: 'String',
    requestValues: ACCOUNTS,
    policyValues: [...ACCOUNTS, '1111*', '${aws:ResourceAccount}'],
  },
  {
    key: 'aws:ResourceAccount',
    family: 'String',
    requestValues: ACCOUNTS,
    policyValues: [...ACCOUNTS, '${aws:PrincipalAccount}', '2?2222222222'],
  },
  {
    key: 'aws:PrincipalTag/team',
    family: 'String',
    requestValues: TEAMS,
    policyValues: [
      'red',
      'RED',
      'blue',
      'a${*}b',
      'a${?}b',
      '${$}x',
      'a*',
      'a?b',
      '${aws:PrincipalTag/team}',
      "${aws:PrincipalTag/color, 'red'}",
    ],
  },
  {
    key: 'aws:username',
    family: 'String',
    requestValues: ['alice', 'bob'],
    policyValues: ['alice', 'ALICE', 'b*', '${aws:PrincipalTag/team}'],
  },
  {
    key: 'aws:PrincipalServiceName',
    family: 'String',
    requestValues: SERVICES,
    policyValues: [...SERVICES, '*.amazonaws.com', 'cloud*'],
  },
  {
    key: 'aws:SourceVpc',
    family: 'String',
    requestValues: ['vpc-1', 'vpc-2'],
    policyValues: ['vpc-1', 'vpc-*', 'VPC-1'],
  },
  {
    key: 'aws:PrincipalArn',
    family: 'Arn',
    requestValues: [],
    policyValues: [
      'arn:aws:iam::111111111111:role/*',
      'arn:aws:iam::*:role/app',
      'arn:aws:iam::*:*',
      'arn:aws:iam::${aws:PrincipalAccount}:role/app',
      'arn:aws:iam::111111111111:user/alice',
      'arn:aws:iam::*:role/path/*',
      'arn:aws:*:*:*:*',
    ],
  },
  {
    key: 'aws:SourceArn',
    family: 'Arn',
    requestValues: ['arn:aws:sqs:us-east-1:111111111111:jobs', 'arn:aws:s3:::data', 'not-an-arn'],
    policyValues: [
      'arn:aws:sqs:*:111111111111:jobs',
      'arn:aws:s3:::*',
      'arn:aws:sqs:us-east-1:*:*',
      'arn:aws:*:*:${aws:PrincipalAccount}:*',
    ],
  },
  {
    key: 'aws:MultiFactorAuthAge',
    family: 'Numeric',
    requestValues: ['50', '3600', '7200', '0.5', 'abc'],
    policyValues: ['3600', '100', '0.5', '-1', '7200.0', 'x'],
  },
  {
    key: 'aws:CurrentTime',
    family: 'Date',
    requestValues: [
      '2024-01-01T00:00:00Z',
      '2024-06-01T12:00:00Z',
      '2025-01-01T00:00:00Z',
      '2024-06-01',
    ],
    policyValues: [
      '2024-06-01T12:00:00Z',
      '2024-06-01',
      '2024-12-31T23:59:59Z',
      '1717243200',
      '1704067200',
    ],
  },
  {
    key: 'aws:EpochTime',
    family: 'Date',
    requestValues: ['1704067200', '1717243200', '1735689600'],
    policyValues: ['1717243200', '1704067200', '2024-06-01T12:00:00Z'],
  },
  {
    key: 'aws:SecureTransport',
    family: 'Bool',
    requestValues: ['true', 'false', 'True'],
    policyValues: ['true', 'false', 'TRUE'],
  },
  {
    key: 'aws:PrincipalIsAWSService',
    family: 'Bool',
    requestValues: ['true', 'false'],
    policyValues: ['true', 'false'],
  },
  {
    key: 'aws:ViaAWSService',
    family: 'Bool',
    requestValues: ['true', 'false', 'yes'],
    policyValues: ['true', 'false'],
  },
  {
    key: 'aws:SourceIp',
    family: 'IpAddress',
    requestValues: ['10.1.2.3', '192.0.2.55', '2001:db8::1', '203.0.113.9', 'not-an-ip'],
    policyValues: [
      '10.0.0.0/8',
      '192.0.2.0/24',
      '10.1.2.3',
      '2001:db8::/32',
      '0.0.0.0/0',
      '10.1.2.3/32',
    ],
  },
  {
    key: 'aws:VpcSourceIp',
    family: 'IpAddress',
    requestValues: ['10.1.2.3', '172.16.0.9'],
    policyValues: ['10.0.0.0/8', '172.16.0.0/12'],
  },
  {
    key: 'aws:PrincipalTag/blob',
    family: 'Binary',
    requestValues: ['QmluYXJ5', 'b3RoZXI='],
    policyValues: ['QmluYXJ5', 'QkJC'],
  },
  {
    key: 'aws:PrincipalOrgPaths',
    family: 'String',
    multivalued: true,
    requestValues: [
      'o-aaaaaaaaaa/r-ab12/ou-ab12-11111111/',
      'o-aaaaaaaaaa/r-ab12/',
      'o-bbbbbbbbbb/r-cd34/',
    ],
    policyValues: ['o-aaaaaaaaaa/*', 'o-aaaaaaaaaa/r-ab12/', 'o-bbbbbbbbbb/r-cd34/'],
  },
  {
    key: 'aws:CalledVia',
    family: 'String',
    multivalued: true,
    requestValues: ['athena.amazonaws.com', 'cloudformation.amazonaws.com'],
    policyValues: ['athena.amazonaws.com', '*.amazonaws.com', 'dynamodb.amazonaws.com'],
  },
  {
    key: 'aws:TagKeys',
    family: 'String',
    multivalued: true,
    requestValues: ['team', 'Team', 'cost-center'],
    policyValues: ['team', 'cost-*', 'TEAM'],
  },
];

const OPERATORS: Record<KeySpec['family'], readonly string[]> = {
  String: [
    'StringEquals',
    'StringNotEquals',
    'StringEqualsIgnoreCase',
    'StringNotEqualsIgnoreCase',
    'StringLike',
    'StringNotLike',
  ],
  Numeric: [
    'NumericEquals',
    'NumericNotEquals',
    'NumericLessThan',
    'NumericLessThanEquals',
    'NumericGreaterThan',
    'NumericGreaterThanEquals',
  ],
  Date: [
    'DateEquals',
    'DateNotEquals',
    'DateLessThan',
    'DateLessThanEquals',
    'DateGreaterThan',
    'DateGreaterThanEquals',
  ],
  Bool: ['Bool'],
  IpAddress: ['IpAddress', 'NotIpAddress'],
  Arn: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'StringLike'],
  Binary: ['BinaryEquals'],
};

interface ConditionEntry {
  operator: string;
  key: string;
  values: string | string[] | boolean | number;
}

/** A condition entry; half the time its values include what the request actually carries. */
function conditionEntryArb(
  requestValues: Readonly<Record<string, string | string[]>>,
): fc.Arbitrary<ConditionEntry> {
  return pick(KEY_SPECS).chain((spec) => {
    const carried = requestValues[spec.key];
    const actual = carried === undefined ? [] : Array.isArray(carried) ? carried : [carried];
    const valuePool =
      actual.length > 0 ? fc.oneof(pick(spec.policyValues), pick(actual)) : pick(spec.policyValues);
    return fc
      .record({
        base: pick(OPERATORS[spec.family]),
        nullValue: pick(['true', 'false']),
        useNull: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
        set: fc
          .integer({ min: 0, max: 9 })
          .map((n) =>
            n < (spec.multivalued ? 7 : 2) ? (n % 2 === 0 ? 'ForAnyValue:' : 'ForAllValues:') : '',
          ),
        ifExists: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
        values: oneOrMany(valuePool),
      })
      .map(({ base, nullValue, useNull, set, ifExists, values }): ConditionEntry => {
        if (useNull)
          return {
            operator: 'Null',
            key: spec.key,
            values: nullValue === 'true' ? true : nullValue,
          };
        if (
          (spec.family === 'Bool' || spec.family === 'Numeric') &&
          typeof values === 'string' &&
          /^(true|false|\d+)$/.test(values)
        ) {
          // JSON booleans and numbers are condition values too.
          return {
            operator: `${base}${ifExists ? 'IfExists' : ''}`,
            key: spec.key,
            values: values === 'true' ? true : values === 'false' ? false : Number(values),
          };
        }
        const setQualifier = spec.family === 'String' || spec.family === 'Arn' ? set : '';
        return {
          operator: `${setQualifier}${base}${ifExists ? 'IfExists' : ''}`,
          key: spec.key,
          values,
        };
      });
  });
}

/** Patterns that cover a request's action: itself, in another case, or with a wildcard. */
function actionsCovering(action: string): string[] {
  const [service, name] = action.split(':') as [string, string];
  return [
    action,
    action.toUpperCase(),
    `${service}:*`,
    `${service}:${name.slice(0, 3)}*`,
    `${service}:?${name.slice(1)}`,
  ];
}

/** Patterns that cover a request's resource: itself, or with its last part replaced by `*`. */
function resourcesCovering(resource: string): string[] {
  if (resource === '*') return ['*'];
  const cut = Math.max(resource.lastIndexOf('/'), resource.lastIndexOf(':'));
  const covering = [resource, `${resource.slice(0, cut + 1)}*`];
  if (resource.startsWith('arn:aws:s3:::'))
    covering.push(`arn:aws:s3:::${resource.slice(13, 15)}*`);
  return covering;
}

function statementArb(
  request: SimulatedRequest,
  requestValues: Readonly<Record<string, string | string[]>>,
): fc.Arbitrary<Record<string, unknown>> {
  const actionArb = fc.oneof(actionPatternArb, pick(actionsCovering(request.action)));
  const resourceArb = fc.oneof(resourcePatternArb, pick(resourcesCovering(request.resource)));
  return fc
    .record({
      sid: fc.option(pick(['First', 'Second', 'Third']), { nil: undefined }),
      effect: fc.integer({ min: 0, max: 9 }).map((n) => (n < 7 ? 'Allow' : 'Deny')),
      principalKind: fc.integer({ min: 0, max: 9 }),
      principal: principalValueArb,
      actionKind: fc.integer({ min: 0, max: 9 }).map((n) => (n < 8 ? 'Action' : 'NotAction')),
      actions: oneOrMany(actionArb, 4),
      resourceKind: fc.integer({ min: 0, max: 9 }).map((n) => (n < 8 ? 'Resource' : 'NotResource')),
      resources: oneOrMany(resourceArb, 4),
      conditions: fc.array(conditionEntryArb(requestValues), { maxLength: 2 }),
    })
    .map((s) => {
      const statement: Record<string, unknown> = {};
      if (s.sid) statement.Sid = s.sid;
      statement.Effect = s.effect;
      // NotPrincipal "must be used with Effect Deny" (IAM NotPrincipal element).
      statement[s.effect === 'Deny' && s.principalKind >= 6 ? 'NotPrincipal' : 'Principal'] =
        s.principal;
      statement[s.actionKind] = s.actions;
      statement[s.resourceKind] = s.resources;
      if (s.conditions.length > 0) {
        const condition: Record<string, Record<string, ConditionEntry['values']>> = {};
        for (const entry of s.conditions) {
          const block = (condition[entry.operator] ??= {});
          if (!(entry.key in block)) block[entry.key] = entry.values;
        }
        statement.Condition = condition;
      }
      return statement;
    });
}

const tagsArb = fc
  .record({
    team: fc.option(pick(TEAMS), { nil: undefined }),
    blob: fc.option(pick(['QmluYXJ5', 'b3RoZXI=']), { nil: undefined }),
    color: fc.option(pick(['red', 'blue']), { nil: undefined }),
  })
  .map(
    (tags) =>
      Object.fromEntries(Object.entries(tags).filter(([, v]) => v !== undefined)) as Record<
        string,
        string
      >,
  );

const principalArb: fc.Arbitrary<RequestPrincipal> = fc.oneof(
  {
    weight: 7,
    arbitrary: fc
      .record({
        account: pick(ACCOUNTS),
        which: fc.integer({ min: 0, max: 6 }),
        org: fc.oneof(pick(ORGS), fc.constant(null), fc.constant(undefined)),
        tags: tagsArb,
      })
      .map(({ account, which, org, tags }) => {
        const arn = principalArns(account)[which];
        const principal: RequestPrincipal = arn
          ? { type: 'iam', account, arn }
          : { type: 'iam', account };
        if (org !== undefined) principal.organizationId = org;
        if (Object.keys(tags).length > 0) principal.tags = tags;
        return principal;
      }),
  },
  {
    weight: 2,
    arbitrary: pick(SERVICES).map((service): RequestPrincipal => ({ type: 'service', service })),
  },
  { weight: 2, arbitrary: fc.constant<RequestPrincipal>({ type: 'anonymous' }) },
);

/** Extra context keys of a request: each present or not, with a value of the key's type. */
const contextArb = fc
  .array(
    pick(
      KEY_SPECS.filter(
        (spec) =>
          spec.requestValues.length > 0 &&
          !spec.key.startsWith('aws:PrincipalTag/') &&
          spec.key !== 'aws:username' &&
          spec.key !== 'aws:PrincipalServiceName',
      ),
    ).chain((spec) =>
      spec.multivalued
        ? fc
            .uniqueArray(pick(spec.requestValues), { minLength: 1, maxLength: 3 })
            .map((values): [string, string | string[]] => [spec.key, values])
        : pick(spec.requestValues).map((value): [string, string | string[]] => [spec.key, value]),
    ),
    { maxLength: 5 },
  )
  .map((entries) => Object.fromEntries(entries));

export const requestArb: fc.Arbitrary<SimulatedRequest> = fc
  .record({
    principal: principalArb,
    target: targetArb,
    resourceOrg: fc.oneof(pick(ORGS), fc.constant(null), fc.constant(undefined)),
    context: contextArb,
  })
  .map(({ principal, target, resourceOrg, context }) => {
    const request: SimulatedRequest = {
      principal,
      action: target.action,
      resource: target.resource,
    };
    if (target.resourceAccount) request.resourceAccount = target.resourceAccount;
    if (resourceOrg !== undefined) request.resourceOrganizationId = resourceOrg;
    if (Object.keys(context).length > 0) request.context = context;
    return request;
  });

/**
 * A request, then a policy of one to four statements about it: statements mix values drawn
 * from the pools with values that cover the request, so every verdict occurs often.
 */
export const caseArb: fc.Arbitrary<DifferentialCase> = requestArb.chain((request) => {
  const requestValues = deriveRequestContext(request).context.values();
  return fc
    .record({
      // The old policy language version reads policy variables as plain text.
      version: fc.integer({ min: 0, max: 19 }).map((n) => (n === 0 ? '2008-10-17' : '2012-10-17')),
      statements: fc.array(statementArb(request, requestValues), { minLength: 1, maxLength: 4 }),
    })
    .map(({ version, statements }) => ({
      policy: { Version: version, Statement: statements },
      request,
    }));
});
