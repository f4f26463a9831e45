import { describe, expect, it } from 'vitest';
import { markContentProblem } from './page-load';

const empty = { comboboxes: 0, switches: 0, policyText: false, editorLines: false };

describe('markContentProblem', () => {
  it('flags a usable-form mark set before the choice controls exist', () => {
    expect(markContentProblem('vpce:form-usable', empty)).toMatch(/before the choice controls/);
    expect(markContentProblem('vpce:form-usable', { ...empty, comboboxes: 2 })).toMatch(
      /choice controls/,
    );
    expect(
      markContentProblem('vpce:form-usable', { ...empty, comboboxes: 2, switches: 7 }),
    ).toBeUndefined();
  });
  it('flags policy and editor marks set before their text is shown', () => {
    expect(markContentProblem('vpce:policy-visible', empty)).toMatch(/policy text/);
    expect(
      markContentProblem('vpce:policy-visible', { ...empty, policyText: true }),
    ).toBeUndefined();
    expect(markContentProblem('vpce:editor-ready', { ...empty, policyText: true })).toMatch(
      /Monaco/,
    );
    expect(
      markContentProblem('vpce:editor-ready', { ...empty, editorLines: true }),
    ).toBeUndefined();
  });
  it('says nothing when the page was not observed', () => {
    expect(markContentProblem('vpce:editor-ready', undefined)).toBeUndefined();
  });
});
