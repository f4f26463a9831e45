import { describe, expect, it } from 'vitest';
import { countOf, formatCount } from './format-count';

describe('formatCount', () => {
  it('groups thousands like en-US', () => {
    for (const n of [0, 7, 999, 1000, 20_480, 133_322, 1_234_567, -20_480])
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });
});

describe('countOf', () => {
  it('puts the noun in the plural unless the count is one', () => {
    expect(countOf(1, 'event')).toBe('1 event');
    expect(countOf(0, 'event')).toBe('0 events');
    expect(countOf(2048, 'event')).toBe('2,048 events');
    expect(countOf(2, 'policy', 'policies')).toBe('2 policies');
  });
});
