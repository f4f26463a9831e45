import { describe, expect, it } from 'vitest';
import { statementCount, statementSpan } from './policy-locations';

describe('statementCount', () => {
  it('counts the statements of the text, one for a single statement object', () => {
    expect(statementCount('{"Statement":[{"Sid":"A"},{"Sid":"B"}]}')).toBe(2);
    expect(statementCount('{"Statement":{"Sid":"A"}}')).toBe(1);
    expect(statementCount('{"Statement":[]}')).toBe(0);
  });

  it('says nothing for a text without a readable Statement', () => {
    expect(statementCount('[1, 2]')).toBeUndefined();
    expect(statementCount('{"Version":"2012-10-17"}')).toBeUndefined();
    expect(statementCount('not json')).toBeUndefined();
    expect(statementCount(`{"Statement":[${'{},'.repeat(80_000)}{}]}`)).toBeUndefined();
  });

  it('reads no text nested deeper than a policy is, however deep: no stack overflow', () => {
    for (const depth of [5_000, 20_000, 100_000]) {
      const text = `{"Statement":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      expect(() => statementCount(text)).not.toThrow();
      expect(statementCount(text)).toBeUndefined();
      expect(statementSpan(text, 'A')).toBeUndefined();
    }
  });
});

describe('statementSpan', () => {
  it('finds a statement by Sid', () => {
    const text = '{"Statement":[{"Sid":"A"},{"Sid":"B"}]}';
    const span = statementSpan(text, 'B');
    expect(text.slice(span!.start, span!.end)).toBe('{"Sid":"B"}');
  });
});
