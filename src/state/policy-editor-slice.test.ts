import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBuilderStore } from './builder-store';
import { MemoryStorage } from './memory-storage.testing';
import { connectDraftPersistence, MAX_SAVED_DRAFT_CHARACTERS } from './policy-draft-persistence';
import { DRAFT_KEY, readPolicyEditor } from './policy-draft-storage';
import type { PolicyDraft } from './policy-editor-slice';

const generated: PolicyDraft = {
  text: '{"Version":"2012-10-17"}',
  origin: { kind: 'generated', service: 's3', regions: ['us-east-1'] },
};

describe('policy editor slice', () => {
  it('starts in preview without a draft, and editing starts the draft from the generated policy', () => {
    const store = createBuilderStore();
    expect(store.getState().policyEditor).toEqual({ mode: 'preview' });
    store.getState().actions.editPolicy(generated);
    expect(store.getState().policyEditor).toEqual({ mode: 'edit', draft: generated });
  });

  it('keeps the draft when the user goes back to the generated policy and edits again', () => {
    const store = createBuilderStore();
    const { editPolicy, setDraftText, showGeneratedPolicy } = store.getState().actions;
    editPolicy(generated);
    setDraftText('{"Version":');
    showGeneratedPolicy();
    expect(store.getState().policyEditor.mode).toBe('preview');
    editPolicy({ ...generated, text: 'something else' });
    expect(store.getState().policyEditor.draft?.text).toBe('{"Version":');
  });

  it('keeps the replaced draft so that an import can be undone once', () => {
    const store = createBuilderStore();
    const { editPolicy, setDraftText, replaceDraft, restoreReplacedDraft } =
      store.getState().actions;
    editPolicy(generated);
    setDraftText('my edits');
    replaceDraft({ text: 'imported', origin: { kind: 'file', name: 'a.json' } });
    expect(store.getState().policyEditor.draft?.text).toBe('imported');
    expect(store.getState().replacedDraft?.text).toBe('my edits');
    restoreReplacedDraft();
    expect(store.getState().policyEditor.draft).toEqual({
      text: 'my edits',
      origin: generated.origin,
    });
    expect(store.getState().replacedDraft).toBeUndefined();
  });

  it('does not let a repeated import of the same text erase the undo', () => {
    const store = createBuilderStore();
    const { editPolicy, replaceDraft } = store.getState().actions;
    editPolicy(generated);
    replaceDraft({ text: 'imported', origin: { kind: 'pasted' } });
    replaceDraft({ text: 'imported', origin: { kind: 'pasted' } });
    expect(store.getState().replacedDraft?.text).toBe(generated.text);
  });

  it('starts a pasted draft when text is typed before any draft exists', () => {
    const store = createBuilderStore();
    store.getState().actions.setDraftText('{');
    expect(store.getState().policyEditor.draft).toEqual({ text: '{', origin: { kind: 'pasted' } });
  });
});

describe('policy draft persistence', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves the draft a moment after the last change, and a new store reads it back', () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const store = createBuilderStore();
    connectDraftPersistence(store, storage, { saved: readPolicyEditor(storage), delayMs: 300 });
    store.getState().actions.editPolicy(generated);
    store.getState().actions.setDraftText('{"Version": "2012-10-17", "Statement": [');
    vi.advanceTimersByTime(299);
    expect(readPolicyEditor(storage).draft?.text).not.toBe(
      '{"Version": "2012-10-17", "Statement": [',
    );
    vi.advanceTimersByTime(1);
    const restored = createBuilderStore({ policyEditor: readPolicyEditor(storage) });
    expect(restored.getState().policyEditor).toEqual({
      mode: 'edit',
      draft: { text: '{"Version": "2012-10-17", "Statement": [', origin: generated.origin },
    });
  });

  it('saves at once when stopped (the page goes away) and a change of mode at once', () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const store = createBuilderStore();
    const stop = connectDraftPersistence(store, storage, {
      saved: readPolicyEditor(storage),
      delayMs: 300,
    });
    store.getState().actions.editPolicy(generated);
    store.getState().actions.showGeneratedPolicy();
    expect(readPolicyEditor(storage)).toEqual({ mode: 'preview', draft: generated });
    store.getState().actions.editPolicy(generated);
    store.getState().actions.setDraftText('typed just before leaving');
    stop();
    expect(readPolicyEditor(storage).draft?.text).toBe('typed just before leaving');
  });

  it('keeps the last saved text and says why when a text is too large or the storage refuses it', () => {
    const storage = new MemoryStorage();
    const store = createBuilderStore();
    // A change made before saving was connected is saved when it connects.
    store.getState().actions.editPolicy(generated);
    const stop = connectDraftPersistence(store, storage, {
      saved: readPolicyEditor(storage),
      delayMs: 0,
    });
    expect(readPolicyEditor(storage)).toEqual({ mode: 'edit', draft: generated });
    stop();
    const huge = 'x'.repeat(MAX_SAVED_DRAFT_CHARACTERS + 1);
    const again = connectDraftPersistence(store, storage, {
      saved: store.getState().policyEditor,
      delayMs: 0,
    });
    store.getState().actions.setDraftText(huge);
    again();
    expect(readPolicyEditor(storage).draft?.text).toBe(generated.text);
    expect(store.getState().draftNotSaved).toEqual({ reason: 'too-large', characters: 2_048_001 });

    const full = new MemoryStorage();
    full.setItem = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    const third = connectDraftPersistence(store, full, {
      saved: store.getState().policyEditor,
      delayMs: 0,
    });
    store.getState().actions.setDraftText('small');
    third();
    expect(store.getState().draftNotSaved).toEqual({ reason: 'refused' });
  });

  it('reads a damaged or foreign saved value as no draft, never throwing', () => {
    const storage = new MemoryStorage();
    for (const text of [
      '{',
      'null',
      '[]',
      '{"mode":"edit"}',
      '{"mode":"edit","draft":{"text":1,"origin":{"kind":"pasted"}}}',
      '{"mode":"edit","draft":{"text":"x","origin":{"kind":"generated","service":"s3"}}}',
    ]) {
      storage.setItem(DRAFT_KEY, text);
      expect(readPolicyEditor(storage)).toEqual({ mode: 'preview' });
    }
    storage.setItem(
      DRAFT_KEY,
      '{"mode":"edit","draft":{"text":"x","origin":{"kind":"file","name":"a.json"}},"__proto__":{"polluted":true}}',
    );
    expect(readPolicyEditor(storage)).toEqual({
      mode: 'edit',
      draft: { text: 'x', origin: { kind: 'file', name: 'a.json' } },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
