import { describe, expect, it } from 'vitest';
import {
  allowsVerdict,
  checkPolicyForVerdict,
  onlyValuesToFill,
  refusalReason,
} from './verdict-check';

const policy = (statements: unknown[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

const allowOrg = {
  Sid: 'AllowOrg',
  Effect: 'Allow',
  Principal: '*',
  Action: '*',
  Resource: '*',
  Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
};

describe('checkPolicyForVerdict', () => {
  it('allows a verdict on a policy without errors', () => {
    const check = checkPolicyForVerdict(policy([allowOrg]));
    expect(check.errors).toEqual([]);
    expect(check.unreadable).toBeUndefined();
    expect(allowsVerdict(check)).toBe(true);
  });

  it('refuses a policy whose Deny has a malformed CIDR, with its position', () => {
    const text = policy([
      allowOrg,
      {
        Sid: 'DenyOutsideNetwork',
        Effect: 'Deny',
        Principal: '*',
        Action: '*',
        Resource: '*',
        Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/33' } },
      },
    ]);
    const check = checkPolicyForVerdict(text);
    expect(allowsVerdict(check)).toBe(false);
    expect(check.unreadable).toBeUndefined();
    const cidr = check.errors.find((d) => d.message.includes('10.0.0.0/33'));
    expect(cidr?.range?.start.line).toBe(text.split('\n').findIndex((l) => l.includes('/33')) + 1);
  });

  it('names the problem of a text that is not a policy', () => {
    const check = checkPolicyForVerdict('{ "Version": ');
    expect(allowsVerdict(check)).toBe(false);
    expect(check.unreadable?.code).toBe('json/syntax');
  });
});

describe('refusalReason', () => {
  it('calls a policy with only values still to give unfinished, and one with a wrong value wrong', () => {
    const unfinished = checkPolicyForVerdict(
      policy([
        {
          ...allowOrg,
          Condition: { StringEquals: { 'aws:PrincipalOrgID': '<my-org-id>' } },
        },
      ]),
    );
    expect(unfinished.errors.length).toBeGreaterThan(0);
    expect(onlyValuesToFill(unfinished.errors)).toBe(true);
    expect(refusalReason(unfinished.errors)).toBe('the policy has values still to fill');

    const wrong = checkPolicyForVerdict(
      policy([
        {
          ...allowOrg,
          Condition: {
            StringEquals: { 'aws:PrincipalOrgID': '<my-org-id>' },
            NotIpAddress: { 'aws:SourceIp': '10.0.0.0/33' },
          },
        },
      ]),
    );
    expect(onlyValuesToFill(wrong.errors)).toBe(false);
    expect(refusalReason(wrong.errors)).toBe('the policy has errors');
    expect(onlyValuesToFill([])).toBe(false);
  });
});
