/**
 * Differential test: our evaluator against @cloud-copilot/iam-simulate, an independent IAM
 * evaluator (AGPL; a devDependency used only here). Random endpoint policies and requests are
 * generated with fast-check; the verdicts must agree, except in the disagreement classes below,
 * each one the oracle's fault, shown by a test of its own and recognised by a precise predicate.
 *
 * How the oracle is asked: iam-simulate accepts endpoint policies (`vpcEndpointPolicies`) but
 * evaluates them as identity policies, ignoring Principal and NotPrincipal, which an endpoint
 * policy must have. Its resource-policy analysis evaluates Principal, Action, Resource and
 * Condition exactly as a resource-based policy's, which is how AWS evaluates an endpoint policy
 * (a policy attached to the endpoint, naming principals). So the endpoint policy goes in as the
 * resource policy, with no identity policy, and we read that policy's own verdict
 * (`resourceAnalysis.result`), not the overall decision, which would mix in identity-policy and
 * same-account rules that do not apply to an endpoint. An account principal matches there "for
 * the account" (AllowedForAccount, DeniedForAccount); in an endpoint policy it covers every
 * principal of the account, so those count as Allowed and ExplicitDeny.
 *
 * `npm test` runs a fixed-seed sample; `npm run test:differential` runs DIFFERENTIAL_CASES cases
 * (DIFFERENTIAL_SEED picks another seed).
 */
import { anonymousPrincipal, runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readConditionOperator } from '../policy/condition-operators';
import { caseArb, type DifferentialCase } from './differential.testing';
import { evaluate, type EvaluationResult } from './evaluate';
import type { Decision, SimulatedRequest } from '../config/request-schema';

const CASES = Number(process.env.DIFFERENTIAL_CASES ?? 2_000);
const SEED = Number(process.env.DIFFERENTIAL_SEED ?? 20_250_611);

type OracleVerdict = Decision | { error: string };

/** Asks the oracle for the endpoint policy's own verdict on a request and context. */
async function oracleVerdict(
  policy: unknown,
  request: SimulatedRequest,
  context: Record<string, string | string[]>,
): Promise<OracleVerdict> {
  const p = request.principal;
  const principal =
    p.type === 'iam'
      ? (p.arn ?? `arn:aws:iam::${p.account}:root`)
      : p.type === 'service'
        ? p.service
        : anonymousPrincipal;
  const resourceAccount =
    typeof context['aws:ResourceAccount'] === 'string'
      ? context['aws:ResourceAccount']
      : '999999999999';
  const simulation: Simulation = {
    request: {
      principal,
      action: request.action,
      resource: { resource: request.resource, accountId: resourceAccount },
      contextVariables: context,
    },
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: policy,
  };
  const response = await runSimulation(simulation, {});
  if (response.resultType === 'error') return { error: JSON.stringify(response.errors) };
  if (response.resultType !== 'single')
    return { error: `unexpected ${response.resultType} result` };
  const verdict = response.result.analysis.resourceAnalysis?.result;
  if (verdict === 'Allowed' || verdict === 'AllowedForAccount') return 'Allowed';
  if (verdict === 'ExplicitlyDenied' || verdict === 'DeniedForAccount') return 'ExplicitDeny';
  if (verdict === 'ImplicitlyDenied') return 'ImplicitDeny';
  return { error: `unexpected resource analysis ${String(verdict)}` };
}

function contextOf(result: EvaluationResult): Record<string, string | string[]> {
  return Object.fromEntries(result.context.map((entry) => [entry.key, entry.value]));
}

interface ConditionUse {
  operator: string;
  key: string;
  values: string[];
}

function conditionsOf(policy: DifferentialCase['policy']): ConditionUse[] {
  const out: ConditionUse[] = [];
  for (const statement of policy.Statement) {
    const condition = statement.Condition as Record<string, Record<string, unknown>> | undefined;
    for (const [operator, block] of Object.entries(condition ?? {})) {
      for (const [key, values] of Object.entries(block))
        out.push({
          operator,
          key,
          values: (Array.isArray(values) ? values : [values]).map(String),
        });
    }
  }
  return out;
}

function contextValue(result: EvaluationResult, key: string): string | string[] | undefined {
  return result.context.find((entry) => entry.key.toLowerCase() === key.toLowerCase())?.value;
}

interface OracleFault {
  id: string;
  /** What the oracle does, what IAM does, and the page that decides it. */
  reason: string;
  /** Whether the case contains the construct the oracle gets wrong. */
  applies(testCase: DifferentialCase, ours: EvaluationResult): boolean;
}

const EPOCH = /^\d+$/;

/** The disagreement classes that are the oracle's fault; each has its own test below. */
const ORACLE_FAULTS: readonly OracleFault[] = [
  {
    id: 'for-any-value-if-exists',
    reason:
      'IfExists makes a condition hold when its key is absent, whatever the operator ("If the key is not present, evaluate the condition element as true", IAM condition operators, ...IfExists). The oracle evaluates ForAnyValue:...IfExists on an absent key as false, as if IfExists were not there.',
    applies: (testCase, ours) =>
      conditionsOf(testCase.policy).some(
        ({ operator, key }) =>
          /^ForAnyValue:.*IfExists$/i.test(operator) && contextValue(ours, key) === undefined,
      ),
  },
  {
    id: 'epoch-against-iso-date',
    reason:
      'Date operators take ISO 8601 dates or epoch (UNIX) time, which counts seconds (IAM condition operators, date condition operators). The oracle reads an epoch value as milliseconds, so comparing an epoch value with an ISO date is off by a factor of 1000.',
    applies: (testCase, ours) =>
      conditionsOf(testCase.policy).some(({ operator, key, values }) => {
        const parsed = readConditionOperator(operator);
        if (!parsed.ok || parsed.operator.family !== 'Date') return false;
        const value = contextValue(ours, key);
        const requestValues = value === undefined ? [] : Array.isArray(value) ? value : [value];
        return values.some((policyValue) =>
          requestValues.some(
            (requestValue) => EPOCH.test(policyValue) !== EPOCH.test(requestValue),
          ),
        );
      }),
  },
  {
    id: 'special-characters-without-wildcards',
    reason:
      '${*}, ${?} and ${$} stand for the characters *, ? and $ "in any string where you can use regular policy variables" (IAM policy variables, special characters), StringEquals values included. The oracle replaces them only for operators with wildcards and compares StringEquals-like values against the literal text "${$}".',
    applies: (testCase) =>
      conditionsOf(testCase.policy).some(({ operator, values }) => {
        const parsed = readConditionOperator(operator);
        return (
          parsed.ok &&
          parsed.operator.family === 'String' &&
          !parsed.operator.wildcards &&
          values.some((v) => /\$\{[*?$]\}/.test(v))
        );
      }),
  },
  {
    id: 'variable-in-arn-segment',
    reason:
      'Policy variables may be used in the Resource element and "for Condition values in any condition that involves the string operators or the ARN operators" (IAM policy variables, where you can use them), e.g. arn:aws:iam::${aws:PrincipalAccount}:role/app. The oracle splits an ARN value into segments at every colon, including the colon inside the variable name, so a variable before the resource segment breaks the ARN: it never matches, and in NotResource it never excludes.',
    applies: (testCase) =>
      conditionsOf(testCase.policy).some(({ operator, values }) => {
        const parsed = readConditionOperator(operator);
        return (
          parsed.ok &&
          parsed.operator.family === 'Arn' &&
          values.some(variableBeforeResourceSegment)
        );
      }) ||
      testCase.policy.Statement.some((statement) =>
        [statement.Resource, statement.NotResource]
          .flat()
          .some(
            (value) =>
              typeof value === 'string' &&
              value.startsWith('arn:') &&
              variableBeforeResourceSegment(value),
          ),
      ),
  },
  {
    id: 'ipv4-prefix-zero',
    reason:
      'IpAddress takes CIDR ranges (IAM condition operators, IP address; RFC 4632), and 0.0.0.0/0 is every IPv4 address. The oracle builds the mask as -1 << (32 - prefix); JavaScript shifts by the count modulo 32, so for /0 the mask keeps all 32 bits and only 0.0.0.0 matches.',
    applies: (testCase) =>
      conditionsOf(testCase.policy).some(({ operator, values }) => {
        const parsed = readConditionOperator(operator);
        return (
          parsed.ok &&
          parsed.operator.family === 'IpAddress' &&
          values.some((v) => /^[\d.]+\/0$/.test(v))
        );
      }),
  },
  {
    id: 'short-arn-in-not-resource',
    reason:
      'A resource ARN that stops short of six segments and ends with * covers every ARN it prefixes ("if the * wildcard is the last character of a resource ARN segment, it can expand to match beyond the colon boundaries", IAM Resource element), and NotResource matches "everything except the specified list of resources" (IAM NotResource element). The oracle expands such a value for Resource but, in NotResource, refuses to count a request it does not cover as outside the list, so the statement never applies.',
    applies: (testCase) =>
      testCase.policy.Statement.some((statement) => {
        const values =
          statement.NotResource === undefined
            ? []
            : Array.isArray(statement.NotResource)
              ? statement.NotResource
              : [statement.NotResource];
        return values.some(
          (value) =>
            typeof value === 'string' && value.startsWith('arn:') && value.split(':').length < 6,
        );
      }),
  },
  {
    id: 'variables-in-version-2008',
    reason:
      'Policy variables work only in policies of Version 2012-10-17; in an older policy "the variable is treated as a literal string" (IAM policy variables, the Version element). The oracle substitutes them whatever the Version.',
    applies: (testCase) =>
      testCase.policy.Version !== '2012-10-17' &&
      /\$\{/.test(JSON.stringify(testCase.policy.Statement)),
  },
  {
    id: 'bare-address-of-the-other-family',
    reason:
      'An IpAddress value is "the specified IP address or range" (IAM condition operators, IP address), so a bare address is the range of that one address, and an IPv6 request address is outside the IPv4 address 10.1.2.3 just as it is outside 10.1.2.3/32. The oracle answers NotIpAddress with a bare address of the other family as false, while it answers true for the same address written with /32.',
    applies: (testCase, ours) =>
      conditionsOf(testCase.policy).some(({ operator, key, values }) => {
        const parsed = readConditionOperator(operator);
        if (!parsed.ok || parsed.operator.base !== 'NotIpAddress') return false;
        const value = contextValue(ours, key);
        const requestValues = value === undefined ? [] : Array.isArray(value) ? value : [value];
        const family = (ip: string) =>
          /^\d+\.\d+\.\d+\.\d+$/.test(ip) ? 4 : ip.includes(':') ? 6 : 0;
        return values.some(
          (v) =>
            !v.includes('/') &&
            requestValues.some(
              (r) => family(r) !== 0 && family(v) !== 0 && family(r) !== family(v),
            ),
        );
      }),
  },
  {
    id: 'not-principal-names-half-the-caller',
    reason:
      'With NotPrincipal and Deny, "you must also specify the account ARN of the not-denied principal"; IAM may check "the account first, then the role, and then the assumed-role user", and the Deny applies to whichever is not named (IAM NotPrincipal element). The oracle leaves every principal of a named account out, and a role session out when only its role or session is named, without its account.',
    applies: (testCase) => {
      const principal = testCase.request.principal;
      if (principal.type !== 'iam' || principal.arn === undefined) return false;
      const account = principal.account;
      const session = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\//.exec(principal.arn);
      return testCase.policy.Statement.some((statement) => {
        const named = statement.NotPrincipal;
        if (named === undefined || typeof named !== 'object' || named === null) return false;
        const aws = (named as { AWS?: unknown }).AWS;
        const values = (Array.isArray(aws) ? aws : [aws]).filter(
          (v): v is string => typeof v === 'string',
        );
        if (values.includes('*')) return false;
        const accountNamed = values.some(
          (v) => v === account || v === `arn:aws:iam::${account}:root`,
        );
        const callerNamed = values.some(
          (v) =>
            v === principal.arn ||
            (session !== null &&
              new RegExp(`^arn:aws:iam::${session[1]}:role/(?:.*/)?${session[2]}$`).test(v)),
        );
        return accountNamed !== callerNamed;
      });
    },
  },
];

/** Whether a `${...}` holding a colon starts before the fifth colon that separates ARN segments. */
function variableBeforeResourceSegment(value: string): boolean {
  let separators = 0;
  for (let i = 0; i < value.length && separators < 5; i++) {
    if (value.startsWith('${', i)) {
      const end = value.indexOf('}', i);
      if (end !== -1 && value.slice(i, end).includes(':')) return true;
      if (end !== -1) i = end;
    } else if (value[i] === ':') {
      separators++;
    }
  }
  return false;
}

const faultById = (id: string) => ORACLE_FAULTS.find((fault) => fault.id === id)!;

const iamRole = {
  type: 'iam',
  account: '111111111111',
  arn: 'arn:aws:iam::111111111111:role/app',
  organizationId: 'o-aaaaaaaaaa',
} as const;

async function bothVerdicts(policy: DifferentialCase['policy'], request: SimulatedRequest) {
  const ours = evaluate(policy, request);
  return { ours, theirs: await oracleVerdict(policy, request, contextOf(ours)) };
}

describe('the oracle disagrees with IAM, and so with us, on these classes', () => {
  it('NotPrincipal that names the account but not the role (or the role but not the account) still denies', async () => {
    const session = {
      type: 'iam',
      account: '111111111111',
      arn: 'arn:aws:sts::111111111111:assumed-role/app/session-1',
    } as const;
    const request: SimulatedRequest = {
      principal: session,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::data/a.txt',
    };
    const denyAllBut = (named: string[]) => ({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
        { Effect: 'Deny', NotPrincipal: { AWS: named }, Action: '*', Resource: '*' },
      ],
    });
    const accountOnly = denyAllBut(['111111111111']);
    const onlyAccount = await bothVerdicts(accountOnly, request);
    expect(onlyAccount.ours.decision).toBe('ExplicitDeny');
    expect(onlyAccount.ours.deciding[0]?.note).toMatch(/names the account 111111111111 but not/);
    expect(onlyAccount.theirs).toBe('Allowed');
    expect(
      faultById('not-principal-names-half-the-caller').applies(
        { policy: accountOnly, request },
        onlyAccount.ours,
      ),
    ).toBe(true);
    const roleOnly = await bothVerdicts(
      denyAllBut(['arn:aws:iam::111111111111:role/app']),
      request,
    );
    expect(roleOnly.ours.decision).toBe('ExplicitDeny');
    // Role and account named: the session is left out, by both.
    const both = await bothVerdicts(
      denyAllBut(['arn:aws:iam::111111111111:role/app', 'arn:aws:iam::111111111111:root']),
      request,
    );
    expect([both.ours.decision, both.theirs]).toEqual(['Allowed', 'Allowed']);
    // A request that names only the account is left out by naming the account.
    const accountCaller = await bothVerdicts(accountOnly, {
      ...request,
      principal: { type: 'iam', account: '111111111111' },
    });
    expect(accountCaller.ours.decision).toBe('Allowed');
  });

  it('ForAnyValue:...IfExists on an absent key holds', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'team' } },
        },
      ],
    };
    const request: SimulatedRequest = {
      principal: iamRole,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::data/a.txt',
    };
    const { ours, theirs } = await bothVerdicts(policy, request);
    expect(ours.decision).toBe('Allowed');
    expect(theirs).toBe('ImplicitDeny');
    expect(faultById('for-any-value-if-exists').applies({ policy, request }, ours)).toBe(true);
    // With the key present both read the operator alike.
    const tagged = await bothVerdicts(policy, { ...request, context: { 'aws:TagKeys': ['team'] } });
    expect([tagged.ours.decision, tagged.theirs]).toEqual(['Allowed', 'Allowed']);
  });

  it('epoch seconds compared with an ISO 8601 date', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { DateLessThan: { 'aws:EpochTime': '2024-06-01T00:00:00Z' } },
        },
      ],
    };
    // 1735689600 is 2025-01-01T00:00:00Z: not before June 2024.
    const request: SimulatedRequest = {
      principal: iamRole,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::data/a.txt',
      context: { 'aws:EpochTime': '1735689600' },
    };
    const { ours, theirs } = await bothVerdicts(policy, request);
    expect(ours.decision).toBe('ImplicitDeny');
    expect(theirs).toBe('Allowed');
    expect(faultById('epoch-against-iso-date').applies({ policy, request }, ours)).toBe(true);
  });

  it('a variable in the account segment of an ArnEquals value', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: {
            ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:role/app' },
          },
        },
      ],
    };
    const request: SimulatedRequest = {
      principal: iamRole,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::data/a.txt',
    };
    const { ours, theirs } = await bothVerdicts(policy, request);
    expect(ours.decision).toBe('Allowed');
    expect(theirs).toBe('ImplicitDeny');
    expect(faultById('variable-in-arn-segment').applies({ policy, request }, ours)).toBe(true);
    // In the resource segment the oracle resolves the same variable.
    const inResource = {
      ...policy,
      Statement: [
        {
          ...policy.Statement[0]!,
          Condition: {
            ArnEquals: {
              'aws:PrincipalArn': "arn:aws:iam::111111111111:${aws:username, 'role/app'}",
            },
          },
        },
      ],
    };
    const both = await bothVerdicts(inResource, request);
    expect([both.ours.decision, both.theirs]).toEqual(['Allowed', 'Allowed']);
    // The same split breaks a Resource value with a variable in its account segment.
    const queue = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: '*',
          Resource: 'arn:aws:sqs:*:${aws:PrincipalAccount}:jobs',
        },
      ],
    };
    const queueRequest: SimulatedRequest = {
      principal: iamRole,
      action: 'sqs:SendMessage',
      resource: 'arn:aws:sqs:us-east-1:111111111111:jobs',
    };
    const own = await bothVerdicts(queue, queueRequest);
    expect([own.ours.decision, own.theirs]).toEqual(['Allowed', 'ImplicitDeny']);
    expect(
      faultById('variable-in-arn-segment').applies(
        { policy: queue, request: queueRequest },
        own.ours,
      ),
    ).toBe(true);
  });

  it('0.0.0.0/0 covers every IPv4 address', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } },
        },
      ],
    };
    const request: SimulatedRequest = {
      principal: iamRole,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::data/a.txt',
      context: { 'aws:SourceIp': '192.0.2.55' },
    };
    const { ours, theirs } = await bothVerdicts(policy, request);
    expect(ours.decision).toBe('Allowed');
    expect(theirs).toBe('ImplicitDeny');
    expect(faultById('ipv4-prefix-zero').applies({ policy, request }, ours)).toBe(true);
    // A /1 range, which the oracle masks correctly, agrees.
    const half = {
      ...policy,
      Statement: [
        { ...policy.Statement[0]!, Condition: { IpAddress: { 'aws:SourceIp': '128.0.0.0/1' } } },
      ],
    };
    const both = await bothVerdicts(half, request);
    expect([both.ours.decision, both.theirs]).toEqual(['Allowed', 'Allowed']);
  });

  it('a short ARN ending in * in NotResource excludes only what it covers', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: '*', NotResource: 'arn:aws:sqs:us-east-1:*' },
      ],
    };
    const request: SimulatedRequest = {
      principal: iamRole,
      action: 'dynamodb:GetItem',
      resource: 'arn:aws:dynamodb:us-east-1:111111111111:table/Orders',
    };
    const { ours, theirs } = await bothVerdicts(policy, request);
    expect(ours.decision).toBe('Allowed');
    expect(theirs).toBe('ImplicitDeny');
    expect(faultById('short-arn-in-not-resource').applies({ policy, request }, ours)).toBe(true);
    // For a queue it covers, both exclude it.
    const queue = await bothVerdicts(policy, {
      ...request,
      action: 'sqs:SendMessage',
      resource: 'arn:aws:sqs:us-east-1:111111111111:jobs',
    });
    expect([queue.ours.decision, queue.theirs]).toEqual(['ImplicitDeny', 'ImplicitDeny']);
  });

  it('a policy of Version 2008-10-17 reads ${...} as plain text', async () => {
    const policy = {
      Version: '2008-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: '*',
          Resource: 'arn:aws:s3:::${aws:PrincipalAccount}-bucket/*',
        },
      ],
    };
    const request: SimulatedRequest = {
      principal: iamRole,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::111111111111-bucket/a.txt',
    };
    const { ours, theirs } = await bothVerdicts(policy, request);
    expect(ours.decision).toBe('ImplicitDeny');
    expect(theirs).toBe('Allowed');
    expect(faultById('variables-in-version-2008').applies({ policy, request }, ours)).toBe(true);
    const current = await bothVerdicts({ ...policy, Version: '2012-10-17' }, request);
    expect([current.ours.decision, current.theirs]).toEqual(['Allowed', 'Allowed']);
  });

  it('an IPv6 address is outside a bare IPv4 address in NotIpAddress', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: '*',
          Resource: '*',
          Condition: { NotIpAddress: { 'aws:SourceIp': '10.1.2.3' } },
        },
      ],
    };
    const request: SimulatedRequest = {
      principal: iamRole,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::data/a.txt',
      context: { 'aws:SourceIp': '2001:db8::1' },
    };
    const { ours, theirs } = await bothVerdicts(policy, request);
    expect(ours.decision).toBe('Allowed');
    expect(theirs).toBe('ImplicitDeny');
    expect(faultById('bare-address-of-the-other-family').applies({ policy, request }, ours)).toBe(
      true,
    );
    // Written as a /32 range, the oracle agrees.
    const range = {
      ...policy,
      Statement: [
        { ...policy.Statement[0]!, Condition: { NotIpAddress: { 'aws:SourceIp': '10.1.2.3/32' } } },
      ],
    };
    const both = await bothVerdicts(range, request);
    expect([both.ours.decision, both.theirs]).toEqual(['Allowed', 'Allowed']);
  });

  it('${$} in a StringEquals value stands for $', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalTag/team': '${$}x' } },
        },
      ],
    };
    const request: SimulatedRequest = {
      principal: { ...iamRole, tags: { team: '$x' } },
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::data/a.txt',
    };
    const { ours, theirs } = await bothVerdicts(policy, request);
    expect(ours.decision).toBe('Allowed');
    expect(theirs).toBe('ImplicitDeny');
    expect(
      faultById('special-characters-without-wildcards').applies({ policy, request }, ours),
    ).toBe(true);
    // With a wildcard operator the oracle substitutes the character too.
    const like = {
      ...policy,
      Statement: [
        {
          ...policy.Statement[0]!,
          Condition: { StringLike: { 'aws:PrincipalTag/team': '${$}x' } },
        },
      ],
    };
    const both = await bothVerdicts(like, request);
    expect([both.ours.decision, both.theirs]).toEqual(['Allowed', 'Allowed']);
  });
});

describe('differential: our evaluator and iam-simulate agree', () => {
  it(
    `agrees on ${CASES.toLocaleString('en-US')} random endpoint policies and requests (seed ${SEED})`,
    async () => {
      const verdicts: Record<Decision, number> = { Allowed: 0, ImplicitDeny: 0, ExplicitDeny: 0 };
      const faultCases = new Map<string, { present: number; disagreed: number }>(
        ORACLE_FAULTS.map((f) => [f.id, { present: 0, disagreed: 0 }]),
      );
      let agreed = 0;
      const started = performance.now();
      await fc.assert(
        fc.asyncProperty(caseArb, async (testCase) => {
          const ours = evaluate(testCase.policy, testCase.request);
          expect(ours.policyValid, JSON.stringify(ours.diagnostics)).toBe(true);
          const theirs = await oracleVerdict(testCase.policy, testCase.request, contextOf(ours));
          if (typeof theirs !== 'string')
            throw new Error(`the oracle refused the case: ${theirs.error}`);
          const faults = ORACLE_FAULTS.filter((fault) => fault.applies(testCase, ours));
          for (const fault of faults) faultCases.get(fault.id)!.present++;
          if (theirs === ours.decision) {
            agreed++;
            verdicts[ours.decision]++;
            return;
          }
          if (faults.length === 0) {
            const reasons = ours.statements
              .map((s) => `  ${s.index}: ${s.applies ? 'applies' : s.failure?.message}`)
              .join('\n');
            throw new Error(
              `unexplained disagreement: ours ${ours.decision}, oracle ${theirs}\n${reasons}`,
            );
          }
          for (const fault of faults) faultCases.get(fault.id)!.disagreed++;
        }),
        { numRuns: CASES, seed: SEED },
      );
      const seconds = (performance.now() - started) / 1000;
      const explained = CASES - agreed;
      console.log(
        `differential: ${CASES} cases in ${seconds.toFixed(1)} s, ${agreed} agreed (${verdicts.Allowed} Allowed, ${verdicts.ImplicitDeny} ImplicitDeny, ${verdicts.ExplicitDeny} ExplicitDeny), ` +
          `${explained} disagreements, all explained: ${JSON.stringify(Object.fromEntries(faultCases))}`,
      );
      // The generator reaches every verdict often, and the excluded classes stay small.
      for (const decision of ['Allowed', 'ImplicitDeny', 'ExplicitDeny'] as const)
        expect(verdicts[decision]).toBeGreaterThan(CASES * 0.05);
      expect(explained).toBeLessThan(CASES * 0.05);
    },
    Math.max(60_000, CASES * 10),
  );
});
