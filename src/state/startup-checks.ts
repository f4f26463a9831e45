/**
 * The second half of opening the app, loaded with the engine's validator after the first screen:
 * validate the choices the first screen shows, keep valid ones (a link's are saved, the previous
 * save being kept for undo), and replace anything rejected by the defaults with a message, the
 * rejected text being kept for the user.
 */
import type { Diagnostic } from '@/core/diagnostics';
import type { BuilderStore } from './builder-store';
import type { ConfigValidator } from './config-validator';
import { defaultConfig } from './defaults';
import {
  BEFORE_LINK_KEY,
  keepRejected,
  readStorage,
  readViewPreferences,
  saveState,
  STATE_KEY,
  writeStorage,
  type StorageLike,
} from './persistence';
import { LINK_NOTICE_ID, type Notice, type NoticeAction } from './session-slice';
import { isRenderableConfig, type StartupPlan } from './startup';

function describe(diagnostic: Diagnostic): string {
  const where = diagnostic.path ? `${diagnostic.path}: ` : '';
  return `${where}${diagnostic.message}${diagnostic.hint ? ` ${diagnostic.hint}` : ''}`;
}

const SAVE_REJECTED: NoticeAction = { kind: 'save-rejected', label: 'Save a copy of it' };

function rejectionNotice(
  source: 'saved' | 'link',
  diagnostics: Diagnostic[],
  hasSaved: boolean,
): Notice {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const actions: NoticeAction[] = [SAVE_REJECTED];
  if (source === 'link' && hasSaved)
    actions.push({ kind: 'open-saved', label: 'Open my saved choices' });
  return {
    id: `rejected-${source}`,
    severity: 'error',
    title:
      source === 'link'
        ? 'The shared link could not be opened, so the page starts from the default choices.'
        : 'Your saved choices could not be read, so the page starts from the default choices.',
    details: (errors.length > 0 ? errors : diagnostics).slice(0, 8).map(describe),
    actions,
  };
}

function rejectChoices(
  store: BuilderStore,
  storage: StorageLike,
  source: 'saved' | 'link',
  text: string,
  diagnostics: Diagnostic[],
  hasSaved: boolean,
): void {
  const { actions } = store.getState();
  keepRejected(storage, { source, text, diagnostics, at: new Date().toISOString() });
  actions.restoreConfig(defaultConfig());
  // A corrupted save is replaced (it is kept as the rejected value); a bad link leaves the save alone.
  if (source === 'saved') saveState(storage, store.getState());
  actions.pushNotice(rejectionNotice(source, diagnostics, hasSaved));
}

/**
 * Validates what the first screen shows, once the validator has loaded, and reports what could
 * not be decoded at all.
 */
export function completeStartup(
  store: BuilderStore,
  plan: StartupPlan,
  validate: ConfigValidator,
  storage: StorageLike,
): { rejected: boolean } {
  const { actions } = store.getState();
  const { pending, unreadable } = plan;
  let rejected = false;
  // The link's "being checked" message gives way to its outcome, in the same commit.
  if (plan.fromLink) actions.dismissNotice(LINK_NOTICE_ID);
  if (unreadable) {
    rejectChoices(
      store,
      storage,
      unreadable.source,
      unreadable.text,
      unreadable.diagnostics,
      plan.hasSaved,
    );
    rejected = true;
  }
  if (pending) {
    const shownValue = isRenderableConfig(pending.value);
    // The shown choices include anything the user changed while the validator loaded.
    const result = validate(shownValue ? store.getState().config : pending.value);
    if (!result.config) {
      rejectChoices(
        store,
        storage,
        pending.source,
        pending.text,
        result.diagnostics,
        plan.hasSaved,
      );
      rejected = true;
    } else if (pending.source === 'link') {
      const previous = readStorage(storage, STATE_KEY);
      const undo = previous !== null && writeStorage(storage, BEFORE_LINK_KEY, previous);
      saveState(storage, store.getState());
      actions.pushNotice({
        id: LINK_NOTICE_ID,
        severity: 'success',
        title: 'Opened the choices of the shared link.',
        details: result.diagnostics.map(describe),
        actions: undo ? [{ kind: 'undo-link', label: 'Go back to my previous choices' }] : [],
      });
    }
  }
  actions.setRestoreStatus('ready');
  return { rejected };
}

/**
 * Opens the choices saved under a key (the current save, or the one a link replaced), after
 * validating them. Returns false, with a message, when they cannot be used.
 */
export function openStoredChoices(
  store: BuilderStore,
  storage: StorageLike,
  key: string,
  validate: ConfigValidator,
): boolean {
  const { actions } = store.getState();
  const text = readStorage(storage, key);
  let value: { config?: unknown; view?: unknown } | undefined;
  try {
    value = text === null ? undefined : (JSON.parse(text) as { config?: unknown; view?: unknown });
  } catch {
    value = undefined;
  }
  const result = value ? validate(value.config) : undefined;
  if (!result?.config) {
    actions.pushNotice({
      severity: 'error',
      title: 'Those choices could not be opened.',
      details: result
        ? result.diagnostics.filter((d) => d.severity === 'error').map(describe)
        : ['Nothing readable is saved under that name.'],
    });
    return false;
  }
  actions.restoreConfig(result.config);
  actions.replaceView(readViewPreferences(value?.view));
  if (key === BEFORE_LINK_KEY) storage.removeItem(BEFORE_LINK_KEY);
  return true;
}
