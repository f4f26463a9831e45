import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBuilderStore } from './builder-store';
import { MemoryStorage } from './memory-storage.testing';
import { connectPersistence, STATE_KEY } from './persistence';
import { connectDraftPersistence } from './policy-draft-persistence';
import { DRAFT_KEY, readPolicyEditor, readReplacedDraft } from './policy-draft-storage';
import { connectTabSync, OTHER_TAB_NOTICE, settleOtherTab } from './tab-sync';
import { testRegionCode } from '@/core/catalog/ids.testing';

/** What the browser delivers to the other tabs when one writes to the storage. */
function storageEvent(key: string, newValue: string | null): Event {
  return Object.assign(new Event('storage'), { key, newValue });
}

afterEach(() => vi.useRealTimers());

function twoTabs() {
  const storage = new MemoryStorage();
  const store = createBuilderStore();
  const target = new EventTarget();
  connectPersistence(store, storage);
  connectTabSync(store, target);
  return { storage, store, target };
}

describe('tab sync', () => {
  it('tells the user when another tab saves other choices, and stops saving until they choose', () => {
    const { storage, store, target } = twoTabs();
    const theirs = JSON.stringify({
      format: 1,
      config: { version: 1, organizationIds: [], regions: ['eu-west-1'], services: ['ec2'] },
      view: store.getState().view,
    });
    storage.setItem(STATE_KEY, theirs);
    target.dispatchEvent(storageEvent(STATE_KEY, theirs));
    expect(store.getState().otherTabChanged).toBe(true);
    const notice = store.getState().notices.find((n) => n.id === OTHER_TAB_NOTICE);
    expect(notice?.actions.map((a) => a.kind)).toEqual(['take-other-tab', 'keep-this-tab']);
    // A change here does not overwrite the other tab's save.
    store.getState().actions.setRegions([testRegionCode('us-west-2')]);
    expect(storage.getItem(STATE_KEY)).toBe(theirs);
  });

  it('keeps this tab on request and saves it over the other one', async () => {
    const { storage, store, target } = twoTabs();
    target.dispatchEvent(storageEvent(STATE_KEY, '{"format":1}'));
    store.getState().actions.setRegions([testRegionCode('us-west-2')]);
    await settleOtherTab(store, storage, 'mine');
    expect(store.getState().otherTabChanged).toBe(false);
    expect(store.getState().notices).toEqual([]);
    expect(JSON.parse(storage.getItem(STATE_KEY)!).config.regions).toEqual(['us-west-2']);
  });

  it("takes the other tab's choices and text on request", async () => {
    const { storage, store, target } = twoTabs();
    const config = { version: 1, organizationIds: [], regions: ['eu-west-1'], services: ['ec2'] };
    storage.setItem(STATE_KEY, JSON.stringify({ format: 1, config, view: {} }));
    storage.setItem(
      DRAFT_KEY,
      JSON.stringify({
        format: 1,
        mode: 'edit',
        draft: { text: 'theirs', origin: { kind: 'pasted' } },
      }),
    );
    target.dispatchEvent(storageEvent(DRAFT_KEY, storage.getItem(DRAFT_KEY)));
    await settleOtherTab(store, storage, 'theirs');
    expect(store.getState().config.services).toEqual(['ec2']);
    expect(store.getState().policyEditor.draft?.text).toBe('theirs');
    expect(store.getState().otherTabChanged).toBe(false);
  });

  it('ignores a save that equals this tab, and a removal', () => {
    const { store, target } = twoTabs();
    const state = store.getState();
    target.dispatchEvent(
      storageEvent(
        STATE_KEY,
        JSON.stringify({ format: 1, config: state.config, view: state.view }),
      ),
    );
    target.dispatchEvent(storageEvent(STATE_KEY, null));
    target.dispatchEvent(storageEvent('unrelated', 'x'));
    expect(store.getState().otherTabChanged).toBe(false);
  });
});

describe('the replaced text', () => {
  it('is saved with the draft, so that "bring back" survives a reload', () => {
    vi.useFakeTimers();
    const storage = new MemoryStorage();
    const store = createBuilderStore();
    connectDraftPersistence(store, storage, { saved: readPolicyEditor(storage), delayMs: 10 });
    const { actions } = store.getState();
    actions.editPolicy({ text: 'my edits', origin: { kind: 'pasted' } });
    actions.replaceDraft({ text: 'imported', origin: { kind: 'file', name: 'p.json' } });
    vi.advanceTimersByTime(20);
    expect(readReplacedDraft(storage)?.text).toBe('my edits');
    const reloaded = createBuilderStore({
      policyEditor: readPolicyEditor(storage),
      replacedDraft: readReplacedDraft(storage)!,
    });
    reloaded.getState().actions.restoreReplacedDraft();
    expect(reloaded.getState().policyEditor.draft?.text).toBe('my edits');
  });
});
