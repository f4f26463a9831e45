/**
 * Keeping the user's policy text in the browser: the editor mode and the draft are saved under a
 * key of their own, a moment after the last change (a large text is not rewritten on every
 * keystroke) and at once when the page is hidden or closed, and read back on the next visit.
 */
import { formatCount } from '@/core/format';
import type { BuilderStore } from './builder-store';
import {
  defaultPolicyEditor,
  MAX_DRAFT_CHARACTERS,
  type DraftOrigin,
  type PolicyDraft,
  type PolicyEditorPreferences,
} from './policy-editor-slice';
import { readStorage, writeStorage, type StorageLike } from './persistence';

/** The editor mode and the user's policy text. */
export const DRAFT_KEY = 'vpce-policy:policy-draft';

/** How long after the last change the draft is saved. */
export const DRAFT_SAVE_DELAY_MS = 300;

interface SavedPolicyEditor {
  format: 1;
  mode: PolicyEditorPreferences['mode'];
  draft?: PolicyDraft;
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

function readOrigin(value: unknown): DraftOrigin | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  if (
    record.kind === 'generated' &&
    typeof record.service === 'string' &&
    isStringArray(record.regions)
  ) {
    return { kind: 'generated', service: record.service, regions: [...record.regions] };
  }
  if (record.kind === 'file' && typeof record.name === 'string')
    return { kind: 'file', name: record.name };
  if (record.kind === 'pasted') return { kind: 'pasted' };
  return undefined;
}

/** The saved mode and draft: fields of the right shape, defaults for the rest; never throws. */
export function readPolicyEditor(storage: StorageLike): PolicyEditorPreferences {
  const fallback = defaultPolicyEditor();
  const text = readStorage(storage, DRAFT_KEY);
  if (text === null) return fallback;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fallback;
  }
  if (value === null || typeof value !== 'object') return fallback;
  const record = value as Record<string, unknown>;
  const draftRecord = record.draft as Record<string, unknown> | null | undefined;
  const origin =
    draftRecord && typeof draftRecord === 'object' ? readOrigin(draftRecord.origin) : undefined;
  const draft =
    origin && typeof draftRecord?.text === 'string'
      ? { text: draftRecord.text, origin }
      : undefined;
  const mode = record.mode === 'edit' && draft ? 'edit' : 'preview';
  return draft ? { mode, draft } : { mode };
}

/** Saves the mode and draft; says why not when the text is too large or the storage refuses it. */
export function savePolicyEditor(
  storage: StorageLike,
  editor: PolicyEditorPreferences,
): string | undefined {
  const size = editor.draft?.text.length ?? 0;
  if (size > MAX_DRAFT_CHARACTERS) {
    return `The text is too large to keep in this browser (${formatCount(size)} characters); after a reload you get back the last text that was kept.`;
  }
  const saved: SavedPolicyEditor = {
    format: 1,
    mode: editor.mode,
    ...(editor.draft ? { draft: editor.draft } : {}),
  };
  return writeStorage(storage, DRAFT_KEY, JSON.stringify(saved))
    ? undefined
    : 'The browser refused to keep the text (its storage is full or disabled); copy or download it to keep it.';
}

/** Saves the mode and draft after each change (debounced) and when the page goes away; returns the function that stops it. */
export function connectDraftPersistence(
  store: BuilderStore,
  storage: StorageLike,
  delayMs = DRAFT_SAVE_DELAY_MS,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let saved = store.getState().policyEditor;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const current = store.getState().policyEditor;
    if (current === saved) return;
    saved = current;
    const problem = savePolicyEditor(storage, current);
    if (problem !== store.getState().draftNotSaved)
      store.getState().actions.setDraftNotSaved(problem);
  };
  const unsubscribe = store.subscribe((state, previous) => {
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
  return () => {
    flush();
    unsubscribe();
    target?.removeEventListener('pagehide', onHide);
    if (typeof document !== 'undefined')
      document.removeEventListener('visibilitychange', onVisibility);
  };
}
