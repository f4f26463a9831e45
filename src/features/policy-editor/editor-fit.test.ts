import { describe, expect, it } from 'vitest';
import { MAX_CODE_EDITOR_CHARACTERS, MAX_CODE_EDITOR_LINE, plainTextReason } from './editor-fit';

describe('plainTextReason', () => {
  it('lets a policy, even a broken one, into the code editor', () => {
    expect(plainTextReason('{\n  "Version": "2012-10-17",\n  "Statement": [\n')).toBeUndefined();
    expect(plainTextReason('')).toBeUndefined();
  });

  it('keeps out texts far beyond the quota, very long lines and deep nesting, saying which', () => {
    expect(plainTextReason('a\n'.repeat(MAX_CODE_EDITOR_CHARACTERS / 2 + 1))).toBe(
      'it has 204,802 characters, more than ten times the 20,480 of an endpoint policy',
    );
    expect(plainTextReason(`{"a":"${'x'.repeat(MAX_CODE_EDITOR_LINE)}"}`)).toBe(
      'a line has 20,008 characters',
    );
    expect(plainTextReason(`${'[\n'.repeat(40)}${']\n'.repeat(40)}`)).toBe(
      'it nests more than 32 levels deep',
    );
    // Brackets inside strings are text, not nesting.
    expect(plainTextReason(`{"a": "${'['.repeat(100)}"}`)).toBeUndefined();
  });
});
