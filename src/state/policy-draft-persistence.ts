/**
 * Keeping the user's policy text in the browser: the editor mode and the draft are saved under a
 * key of their own, a moment after the last change (a large text is not rewritten on every
 * keystroke) and at once when the page is hidden or closed. Loaded once the first screen is up;
 * `policy-draft-storage.ts` reads the saved value back on the next visit.
 */
import { POLICY_SIZE_LIMIT } from '@/core/catalog/ids';
import type { BuilderStore } from './builder-store';
import type { DraftNotSaved, PolicyDraft, PolicyEditorPreferences } from './policy-editor-slice';
import { DRAFT_KEY, type SavedPolicyEditor } from './policy-draft-storage';
import { writeStorage, type StorageLike } from './persistence';

/** A hundred times the quota is no endpoint policy: a longer text is not worth the browser's storage. */
export const MAX_SAVED_DRAFT_CHARACTERS = 100 * POLICY_SIZE_LIMIT;

/** How long after the last change the draft is saved. */
export const DRAFT_SAVE_DELAY_MS = 300;

/** Saves the mode and draft; says why not when the text is too large or the storage refuses it. */
export function savePolicyEditor(
  storage: StorageLike,
  editor: PolicyEditorPreferences,
  replaced?: PolicyDraft,
): DraftNotSaved | undefined {
  const characters = editor.draft?.text.length ?? 0;
  // The last text that was kept stays in the storage, for the next visit.
  if (characters > MAX_SAVED_DRAFT_CHARACTERS) return { reason: 'too-large', characters };
  const saved: SavedPolicyEditor = {
    format: 1,
    mode: editor.mode,
    ...(editor.draft ? { draft: editor.draft } : {}),
    // A replaced text too large to keep is dropped rather than the draft refused.
    ...(replaced && replaced.text.length <= MAX_SAVED_DRAFT_CHARACTERS ? { replaced } : {}),
  };
  return writeStorage(storage, DRAFT_KEY, JSON.stringify(saved))
    ? undefined
    : { reason: 'refused' };
}

/**
 * Saves the mode and draft after each change (debounced) and when the page goes away; returns the
 * function that stops it. `saved` is what the storage holds (read at startup): a change made
 * before this was connected is saved at once.
 */
export function connectDraftPersistence(
  store: BuilderStore,
  storage: StorageLike,
  {
    saved: alreadySaved,
    delayMs = DRAFT_SAVE_DELAY_MS,
  }: { saved: PolicyEditorPreferences; delayMs?: number },
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saved: { editor: PolicyEditorPreferences; replaced?: PolicyDraft } = {
    editor: alreadySaved,
    replaced: store.getState().replacedDraft,
  };
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const { policyEditor: current, replacedDraft: replaced, otherTabChanged } = store.getState();
    if (current === saved.editor && replaced === saved.replaced) return;
    // Another tab saved its own text: nothing is written until the user has chosen which to keep.
    if (otherTabChanged) return;
    saved = { editor: current, replaced };
    const problem = savePolicyEditor(storage, current, replaced);
    const shown = store.getState().draftNotSaved;
    if (
      problem?.reason !== shown?.reason ||
      (problem?.reason === 'too-large' &&
        shown?.reason === 'too-large' &&
        problem.characters !== shown.characters)
    )
      store.getState().actions.setDraftNotSaved(problem);
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.otherTabChanged !== previous.otherTabChanged) return flush();
    if (state.replacedDraft !== previous.replacedDraft) return flush();
    if (state.policyEditor === previous.policyEditor) return;
    // A change of mode is saved at once: it is small, and a reload right after must find it.
    if (state.policyEditor.draft === previous.policyEditor.draft) return flush();
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(flush, delayMs);
  });
  const onHide = () => flush();
  const target = typeof window !== 'undefined' ? window : undefined;
  target?.addEventListener('pagehide', onHide);
  const onVisibility = () => document.visibilityState === 'hidden' && flush();
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);
  flush();
  return () => {
    flush();
    unsubscribe();
    target?.removeEventListener('pagehide', onHide);
    if (typeof document !== 'undefined')
      document.removeEventListener('visibilitychange', onVisibility);
  };
}
