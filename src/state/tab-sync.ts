/**
 * Two tabs of the page editing at once: each saves its work in the same browser storage, so the
 * last to save would silently overwrite the other's. When another tab saves choices or a policy
 * text that differ from this tab's, this tab stops saving and tells the user, who takes the other
 * tab's version or keeps this one (which is then saved, and the other tab is told in turn).
 */
import type { BuilderStore } from './builder-store';
import { loadConfigValidator } from './config-validator';
import { saveState, STATE_KEY, type StorageLike } from './persistence';
import { savePolicyEditor } from './policy-draft-persistence';
import { DRAFT_KEY, readPolicyEditor, readReplacedDraft } from './policy-draft-storage';
import { openStoredChoices } from './startup-checks';

export const OTHER_TAB_NOTICE = 'other-tab';

/** What this tab would save under a key now, to tell a real change from an echo of its own. */
function ownSaved(store: BuilderStore, key: string): string | undefined {
  const state = store.getState();
  if (key === STATE_KEY)
    return JSON.stringify({ format: 1, config: state.config, view: state.view });
  return undefined;
}

/** Starts listening to the other tabs' saves; returns the function that stops it. */
export function connectTabSync(
  store: BuilderStore,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key !== STATE_KEY && event.key !== DRAFT_KEY) return;
    // A removal (another tab cleared its storage) takes nothing from this tab.
    if (event.newValue === null || event.newValue === ownSaved(store, event.key)) return;
    const { actions, otherTabChanged } = store.getState();
    if (otherTabChanged) return;
    actions.setOtherTabChanged(true);
    actions.pushNotice({
      id: OTHER_TAB_NOTICE,
      severity: 'warning',
      title: `This page is open in another tab, which has just saved ${event.key === STATE_KEY ? 'other choices' : 'another policy text'}.`,
      details: [
        'This tab stops saving until you choose, so that neither tab silently overwrites the other.',
      ],
      actions: [
        { kind: 'take-other-tab', label: "Use the other tab's version" },
        { kind: 'keep-this-tab', label: "Keep this tab's version" },
      ],
    });
  };
  target.addEventListener('storage', onStorage as EventListener);
  return () => target.removeEventListener('storage', onStorage as EventListener);
}

/**
 * Ends a conflict: `theirs` loads what the other tab saved (choices checked by the engine, and
 * the policy text); `mine` saves this tab's work over it. Saving resumes in both cases.
 */
export async function settleOtherTab(
  store: BuilderStore,
  storage: StorageLike,
  keep: 'theirs' | 'mine',
): Promise<void> {
  const { actions } = store.getState();
  if (keep === 'theirs') {
    const validate = await loadConfigValidator();
    openStoredChoices(store, storage, STATE_KEY, validate);
    const replaced = readReplacedDraft(storage);
    store.setState({ policyEditor: readPolicyEditor(storage), replacedDraft: replaced });
  } else {
    const state = store.getState();
    saveState(storage, state);
    savePolicyEditor(storage, state.policyEditor, state.replacedDraft);
  }
  actions.setOtherTabChanged(false);
  actions.dismissNotice(OTHER_TAB_NOTICE);
}
