import { describe, expect, it } from 'vitest';
import { formatCount } from './format-count';

describe('formatCount', () => {
  it('groups thousands like en-US', () => {
    for (const n of [0, 7, 999, 1000, 20_480, 133_322, 1_234_567, -20_480])
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
  });
});
