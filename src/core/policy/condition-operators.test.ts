import { describe, expect, it } from 'vitest';
import { CONDITION_OPERATOR_NAMES, readConditionOperator } from './condition-operators';

describe('readConditionOperator', () => {
  it('reads every base operator with and without qualifier and suffix', () => {
    for (const base of CONDITION_OPERATOR_NAMES) {
      expect(readConditionOperator(base)).toMatchObject({
        ok: true,
        operator: { base, ifExists: false },
      });
      if (base === 'Null') continue;
      const reading = readConditionOperator(`ForAnyValue:${base}IfExists`);
      expect(reading).toMatchObject({
        ok: true,
        operator: { base, ifExists: true, setQualifier: 'ForAnyValue' },
      });
      expect(reading).not.toHaveProperty('documented');
    }
  });

  it('tells the family, negation and wildcard use', () => {
    expect(readConditionOperator('StringNotLike')).toMatchObject({
      ok: true,
      operator: { family: 'String', negated: true, wildcards: true },
    });
    expect(readConditionOperator('ArnEquals')).toMatchObject({
      ok: true,
      operator: { family: 'Arn', negated: false, wildcards: true },
    });
    expect(readConditionOperator('NotIpAddress')).toMatchObject({
      ok: true,
      operator: { family: 'IpAddress', negated: true },
    });
  });

  it('accepts a spelling that differs in case and gives the documented one', () => {
    expect(readConditionOperator('forallvalues:stringequalsifexists')).toMatchObject({
      ok: true,
      documented: 'ForAllValues:StringEqualsIfExists',
    });
  });

  it('rejects unknown operators and qualifiers, and qualifiers or IfExists on Null', () => {
    expect(readConditionOperator('StringEqual')).toEqual({
      ok: false,
      problem: 'unknown condition operator "StringEqual"',
      suggestion: 'StringEquals',
    });
    expect(readConditionOperator('Whatever')).toMatchObject({ ok: false });
    expect(readConditionOperator('ForSomeValues:StringEquals')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/not a set qualifier/),
    });
    expect(readConditionOperator('ForAllValues:Null')).toMatchObject({ ok: false });
    expect(readConditionOperator('NullIfExists')).toMatchObject({ ok: false });
  });
});
