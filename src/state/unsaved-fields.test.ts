import { describe, expect, it } from 'vitest';
import { memoryStorage } from './persistence';
import { UNSAVED_FIELDS_KEY } from './storage-keys';
import {
  dropUnsavedField,
  keepUnsavedField,
  startUnsavedFields,
  unsavedFields,
  unsavedFieldsSentence,
  unsavedFieldText,
} from './unsaved-fields';

describe('unsaved fields', () => {
  it('keeps a refused text in storage and gives it back only over the value it was typed over', () => {
    const storage = memoryStorage();
    startUnsavedFields(storage);
    keepUnsavedField('organizationIds', 'o-a1b2c3d4e5, o-X', ['o-a1b2c3d4e5']);
    // The next visit reads it back.
    startUnsavedFields(storage);
    expect(unsavedFieldText('organizationIds', ['o-a1b2c3d4e5'])).toBe('o-a1b2c3d4e5, o-X');
    // Once the value changed elsewhere (an import, a link), the text no longer applies.
    expect(unsavedFieldText('organizationIds', ['o-b2c3d4e5f6'])).toBeUndefined();
    dropUnsavedField('organizationIds');
    expect(storage.getItem(UNSAVED_FIELDS_KEY)).toBeNull();
    expect(unsavedFields()).toEqual({});
  });

  it('reads nothing from a damaged or hostile entry', () => {
    const storage = memoryStorage();
    for (const text of [
      'not json',
      '[1,2]',
      '{"a": {"text": 1}}',
      '{"__proto__": {"text": "x"}}',
    ]) {
      storage.setItem(UNSAVED_FIELDS_KEY, text);
      startUnsavedFields(storage);
      expect(Object.keys(unsavedFields())).toEqual(text.includes('__proto__') ? [] : []);
      expect(unsavedFieldText('a', undefined)).toBeUndefined();
    }
  });

  it('names each field left out, its text shortened to one line', () => {
    const storage = memoryStorage();
    startUnsavedFields(storage);
    expect(unsavedFieldsSentence(unsavedFields(), 'The link', (path) => path)).toBeUndefined();
    keepUnsavedField('organizationIds', 'o-X', []);
    keepUnsavedField('parameters.x.accounts', `1234\n${'5'.repeat(80)}`, []);
    expect(unsavedFieldsSentence(unsavedFields(), 'The link', (path) => `[${path}]`)).toBe(
      `The link leaves out what these fields hold, since it is not valid yet: [organizationIds] ("o-X"); [parameters.x.accounts] ("1234 ${'5'.repeat(52)}..."). It carries the last valid value instead.`,
    );
  });
});
