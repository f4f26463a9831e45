/** Every budget of BUDGETS is checked before its work starts, and going over it says so clearly. */
import { beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS, overBudgetMessage } from './budgets';
import { parseConfigText } from './config/parse-text';
import { evaluate } from './evaluate/evaluate';
import { simulatedRequestSchema, type SimulatedRequest } from './config/request-schema';
import { parseSavedRequests, runSavedRequests } from './evaluate/suite';
import { loadIamIndex, type IamIndex } from './iam/iam-index';
import { validate } from './validate/validate';

let iamIndex: IamIndex;
beforeAll(async () => {
  iamIndex = await loadIamIndex();
});

const policy = (statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (extra: object = {}) => ({
  Effect: 'Allow',
  Principal: '*',
  Action: '*',
  Resource: '*',
  ...extra,
});
const codes = (text: string, options = {}) =>
  validate(text, options).diagnostics.map((d) => d.code);
const request: SimulatedRequest = {
  principal: { type: 'iam', account: '111122223333' },
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::bucket/key',
};

describe('budgets of a policy', () => {
  it('reads at most the budget of statements and says so', () => {
    const text = policy(Array.from({ length: BUDGETS.policyStatements.limit + 5 }, () => allow()));
    const result = validate(text);
    const error = result.diagnostics.find((d) => d.code === 'budget/statements');
    expect(error?.severity).toBe('error');
    expect(error?.message).toBe(overBudgetMessage('policyStatements', 1_005));
    expect(result.model?.statements).toHaveLength(BUDGETS.policyStatements.limit);
    expect(evaluate(text, request).policyValid).toBe(false);
  });

  it('reads at most the budget of values of one element, in lists and in conditions', () => {
    const values = Array.from(
      { length: BUDGETS.elementValues.limit + 1 },
      (_, i) => `arn:aws:s3:::b${i}`,
    );
    const result = validate(
      policy([
        allow({ Resource: values, Condition: { StringEquals: { 'aws:SourceVpc': values } } }),
      ]),
    );
    const errors = result.diagnostics.filter((d) => d.code === 'budget/element-values');
    expect(errors).toHaveLength(2);
    expect(errors[0]!.range).toBeDefined();
    expect(result.model?.statements[0]?.resource?.values).toHaveLength(BUDGETS.elementValues.limit);
  });

  it('refuses wildcard values longer than the pattern budget, and such a statement never applies', () => {
    const long = `arn:aws:s3:::${'a'.repeat(BUDGETS.patternCharacters.limit)}*`;
    expect(codes(policy([allow({ Resource: long })]))).toContain('budget/pattern-too-long');
    expect(
      codes(policy([allow({ Condition: { StringLike: { 'aws:PrincipalArn': long } } })])),
    ).toContain('budget/pattern-too-long');
    // Without a wildcard a long value costs no matching and is not limited.
    expect(codes(policy([allow({ Resource: long.slice(0, -1) })]))).not.toContain(
      'budget/pattern-too-long',
    );
    const result = evaluate(policy([allow({ Resource: long })]), {
      ...request,
      resource: `arn:aws:s3:::${'a'.repeat(100)}`,
    });
    expect(result.policyValid).toBe(false);
    expect(result.decision).toBe('ImplicitDeny');
  });

  it('looks up at most the budget of wildcard action names, with a note', () => {
    const half = Array.from(
      { length: BUDGETS.wildcardActionLookups.limit / 2 },
      () => 'ec2:Describe*',
    );
    const statements = [half, half, ['ec2:Zzz*', 'ec2:Zzy*', 'ec2:Zzx*']].map((Action) =>
      allow({ Action }),
    );
    const result = validate(policy(statements), { iamIndex });
    // The three names past the budget would match nothing, but they are not looked up.
    expect(result.diagnostics.map((d) => d.code)).not.toContain('action/matches-nothing');
    const note = result.diagnostics.find((d) => d.code === 'budget/action-lookups');
    expect(note?.message).toContain('3 not looked up');
    expect(
      validate(policy([allow({ Action: 'ec2:Zzz*' })]), { iamIndex }).diagnostics.map(
        (d) => d.code,
      ),
    ).toContain('action/matches-nothing');
  });
});

/** Wildcards that cost about 400 steps per position of a 2,000-character resource. */
function slowRequestAndPolicy(values: number) {
  const piece = `${'a?'.repeat(200)}b`;
  const resources = Array.from(
    { length: values },
    (_, i) => `arn:aws:s3:::*${piece}*${'?'.repeat(i)}`,
  );
  return {
    text: policy([allow({ Resource: resources })]),
    request: { ...request, resource: `arn:aws:s3:::${'a'.repeat(2_000)}` },
  };
}

describe('budgets of an evaluation', () => {
  it('withholds the verdict of a request whose matching goes over budget', () => {
    const slow = slowRequestAndPolicy(8);
    const result = evaluate(slow.text, slow.request);
    expect(result.withheld).toMatch(/more than 1,000,000 steps/);
    expect(result.summary).toMatch(/^No verdict: /);
    expect(result.diagnostics.map((d) => d.code)).toContain('budget/evaluation-steps');
    // One such value is within budget, and evaluated.
    const one = slowRequestAndPolicy(1);
    const answered = evaluate(one.text, one.request);
    expect(answered.withheld).toBeUndefined();
    expect(answered.steps).toBeGreaterThan(100_000);
  });

  it('shares one budget across a suite of saved requests: later ones get no verdict and fail', () => {
    const slow = slowRequestAndPolicy(3);
    const saved = Array.from({ length: 40 }, (_, i) => ({
      name: `slow ${i}`,
      service: 's3',
      request: slow.request,
      expect: 'ImplicitDeny' as const,
    }));
    const outcomes = runSavedRequests(saved, () => slow.text);
    const withheld = outcomes.filter((o) => o.result.withheld !== undefined);
    expect(withheld.length).toBeGreaterThan(0);
    expect(withheld.every((o) => !o.passed)).toBe(true);
    expect(withheld.at(-1)!.result.diagnostics.map((d) => d.code)).toContain('budget/suite-steps');
    const spent = outcomes.reduce((sum, o) => sum + o.result.steps, 0);
    expect(spent).toBeLessThanOrEqual(BUDGETS.suiteSteps.limit + BUDGETS.evaluationSteps.limit);
  });
});

describe('budgets of a request', () => {
  const parse = (extra: object) => simulatedRequestSchema.safeParse({ ...request, ...extra });

  it('refuses too many context keys, too many values and too long values', () => {
    const keys = Object.fromEntries(
      Array.from({ length: BUDGETS.requestContextKeys.limit + 1 }, (_, i) => [`k${i}`, 'v']),
    );
    expect(parse({ context: keys }).error?.issues[0]?.message).toMatch(/at most 100 context keys/);
    const values = Array.from({ length: BUDGETS.requestKeyValues.limit + 1 }, () => 'v');
    expect(parse({ context: { k: values } }).success).toBe(false);
    expect(parse({ resource: `arn:aws:s3:::${'a'.repeat(2_048)}` }).success).toBe(false);
    const tags = Object.fromEntries(
      Array.from({ length: BUDGETS.principalTags.limit + 1 }, (_, i) => [`t${i}`, 'v']),
    );
    expect(
      parse({ principal: { type: 'iam', account: '111122223333', tags } }).error?.issues[0]
        ?.message,
    ).toMatch(/at most 50 tags/);
  });

  it('keeps context keys and tags named like prototype members as ordinary keys', () => {
    const raw = JSON.parse(
      '{"principal":{"type":"iam","account":"111122223333","tags":{"__proto__":"p","constructor":"c"}},' +
        '"action":"s3:GetObject","resource":"*","context":{"__proto__":"a","constructor":"b","\\u0000x":"c"}}',
    ) as unknown;
    const parsed = simulatedRequestSchema.parse(raw);
    expect(Object.keys(parsed.context!)).toEqual(['__proto__', 'constructor', '\u0000x']);
    expect(Object.getPrototypeOf(parsed.context)).toBe(Object.prototype);
    const keyed = policy([
      allow({
        Condition: {
          StringEquals: {
            __proto__: 'a',
            constructor: 'b',
            'aws:PrincipalTag/__proto__': 'p',
            'aws:PrincipalTag/constructor': 'c',
          },
        },
      }),
    ]);
    expect(evaluate(keyed, parsed).decision).toBe('Allowed');
    const other = simulatedRequestSchema.parse({ ...request, context: { toString: 'x' } });
    expect(evaluate(keyed, other).decision).toBe('ImplicitDeny');
  });
});

describe('budgets of a configuration', () => {
  it('refuses more saved requests than the budget', () => {
    const saved = Array.from({ length: BUDGETS.savedRequests.limit + 1 }, (_, i) => ({
      name: `r${i}`,
      service: 's3',
      request,
      expect: 'Allowed',
    }));
    const parsed = parseConfigText(
      JSON.stringify({
        version: 1,
        organizationIds: [],
        regions: [],
        services: [],
        savedRequests: saved,
      }),
    );
    expect(parsed.config).toBeUndefined();
    expect(parsed.diagnostics.map((d) => d.message).join('\n')).toMatch(
      /at most 500 saved requests/,
    );
    // A requests file (a bare list) has the same budget.
    const list = parseSavedRequests(saved);
    expect(list.requests).toBeUndefined();
    expect(list.diagnostics.map((d) => d.message).join('\n')).toMatch(/at most 500 saved requests/);
  });
});

describe('long values in explanations', () => {
  it('are cut in statement labels and value lists, and counted', () => {
    const sid = `S${'x'.repeat(1_000_000)}`;
    const longValue = `arn:aws:s3:::${'b'.repeat(1_000_000)}`;
    const result = evaluate(policy([allow({ Sid: sid, Resource: longValue })]), request);
    expect(result.summary.length).toBeLessThan(2_000);
    expect(result.statements[0]!.failure!.message).toMatch(/… \(999,813 more characters\)\)$/);
    expect(result.statements[0]!.failure!.message.length).toBeLessThan(2_000);
    // The Sid itself stays whole, to find the statement by.
    expect(result.statements[0]!.sid).toBe(sid);
  });
});
