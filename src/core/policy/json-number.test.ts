import { describe, expect, it } from 'vitest';
import { readJsonNumber } from './json-number';

describe('readJsonNumber', () => {
  it('keeps numbers that a float holds, however they are written', () => {
    for (const text of ['0', '-0', '0.0', '3600', '1.0', '2.50', '1e3', '1.5E-7', '-12.75', '1e21'])
      expect(readJsonNumber(text)).toEqual({ kind: 'exact', value: Number(text) });
    expect(readJsonNumber(`1${'0'.repeat(400)}e-400`).kind).toBe('exact');
    expect(readJsonNumber('9007199254740993').kind).toBe('rounded');
  });

  it('says when a number is beyond any float', () => {
    expect(readJsonNumber('1e400')).toEqual({ kind: 'too-large', value: Infinity });
    expect(readJsonNumber('-1e400')).toEqual({ kind: 'too-large', value: -Infinity });
    expect(readJsonNumber(`1${'0'.repeat(400)}`).kind).toBe('too-large');
  });

  it('says when digits are rounded away or a number becomes zero', () => {
    expect(readJsonNumber('12345678901234567890')).toEqual({
      kind: 'rounded',
      value: 12345678901234567000,
    });
    expect(readJsonNumber('0.1000000000000000000001').kind).toBe('rounded');
    expect(readJsonNumber('1e-400')).toEqual({ kind: 'rounded', value: 0 });
  });
});
