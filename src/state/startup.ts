/**
 * Opening the app: the choices come from a share link, else from the saved state, else from the
 * defaults. The first screen shows them at once; the engine's validator (which loads with the
 * rest of the catalog) then checks them, and anything it rejects is replaced by the defaults with
 * a message, the rejected text being kept for the user.
 */
import type { ConfigParseResult } from '@/core/config/parse';
import type { PerimeterConfig } from '@/core/config/schema';
import { carriesConfiguration, readShareFragment } from '@/core/config/share-fragment';
import type { Diagnostic } from '@/core/diagnostics';
import type { BuilderStore, BuilderStoreInit } from './builder-store';
import { defaultConfig, defaultView } from './defaults';
import {
  BEFORE_LINK_KEY,
  keepRejected,
  readStorage,
  readViewPreferences,
  saveState,
  STATE_KEY,
  writeStorage,
  type RejectedValue,
  type StorageLike,
} from './persistence';
import type { Notice, NoticeAction } from './session-slice';

export type ConfigValidator = (value: unknown) => ConfigParseResult;

/** Choices shown before the validator has confirmed them. */
export interface PendingChoices {
  source: 'link' | 'saved';
  /** The decoded value, exactly as found. */
  value: unknown;
  /** The text it was decoded from. */
  text: string;
}

export interface StartupPlan {
  init: Required<Pick<BuilderStoreInit, 'config' | 'view' | 'notices' | 'restoreStatus'>>;
  pending?: PendingChoices;
  /** True when the URL carried a configuration, which the app removes once read. */
  fromLink: boolean;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isToggleRecord(value: unknown): boolean {
  return value === undefined || (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'boolean'));
}

function isObjectOrAbsent(value: unknown): boolean {
  return value === undefined || (value !== null && typeof value === 'object' && !Array.isArray(value));
}

/**
 * Whether the first screen can show a value before it is validated: the fields the choice
 * controls read have the right JavaScript types. This keeps the first render from failing; it is
 * no substitute for `validateConfigValue`, which decides whether the value is used.
 */
export function isRenderableConfig(value: unknown): value is PerimeterConfig {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return (
    record.version === 1 &&
    isStringArray(record.organizationIds) &&
    isStringArray(record.regions) &&
    isStringArray(record.services) &&
    isToggleRecord(record.statements) &&
    isToggleRecord(record.dataAccessPatterns) &&
    isObjectOrAbsent(record.serviceStatements) &&
    Object.values((record.serviceStatements as object | undefined) ?? {}).every(isToggleRecord) &&
    isObjectOrAbsent(record.parameters) &&
    isObjectOrAbsent(record.output)
  );
}

function describe(diagnostic: Diagnostic): string {
  const where = diagnostic.path ? `${diagnostic.path}: ` : '';
  return `${where}${diagnostic.message}${diagnostic.hint ? ` ${diagnostic.hint}` : ''}`;
}

const SAVE_REJECTED: NoticeAction = { kind: 'save-rejected', label: 'Save a copy of it' };

function rejectionNotice(source: 'saved' | 'link', diagnostics: Diagnostic[], hasSaved: boolean): Notice {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const actions: NoticeAction[] = [SAVE_REJECTED];
  if (source === 'link' && hasSaved) actions.push({ kind: 'open-saved', label: 'Open my saved choices' });
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

function reject(storage: StorageLike, source: 'saved' | 'link', text: string, diagnostics: Diagnostic[]): void {
  const rejected: RejectedValue = { source, text, diagnostics, at: new Date().toISOString() };
  keepRejected(storage, rejected);
}

/** Reads the URL fragment and the saved state; synchronous and cheap, for the first screen. */
export function planStartup(fragment: string, storage: StorageLike): StartupPlan {
  const savedText = readStorage(storage, STATE_KEY);
  let savedValue: { config?: unknown; view?: unknown } | undefined;
  let savedProblem: string | undefined;
  if (savedText !== null) {
    try {
      const parsed = JSON.parse(savedText) as unknown;
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) savedValue = parsed as { config?: unknown; view?: unknown };
      else savedProblem = 'The saved state is not an object.';
    } catch (error) {
      savedProblem = `The saved state is not valid JSON (${(error as Error).message}).`;
    }
  }
  const view = savedValue ? readViewPreferences(savedValue.view) : defaultView();
  const base = { config: defaultConfig(), view, notices: [] as Notice[], restoreStatus: 'ready' as const };

  if (carriesConfiguration(fragment)) {
    const reading = readShareFragment(fragment);
    const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
    if (reading.value === undefined) {
      reject(storage, 'link', text, reading.diagnostics);
      return { init: { ...base, notices: [rejectionNotice('link', reading.diagnostics, savedValue !== undefined)] }, fromLink: true };
    }
    const shown = isRenderableConfig(reading.value);
    return {
      init: { ...base, config: shown ? (reading.value as PerimeterConfig) : base.config, restoreStatus: 'checking' },
      pending: { source: 'link', value: reading.value, text },
      fromLink: true,
    };
  }
  if (savedProblem !== undefined && savedText !== null) {
    const diagnostics: Diagnostic[] = [{ severity: 'error', code: 'saved/unreadable', message: savedProblem }];
    reject(storage, 'saved', savedText, diagnostics);
    saveState(storage, { config: base.config, view: base.view });
    return { init: { ...base, notices: [rejectionNotice('saved', diagnostics, false)] }, fromLink: false };
  }
  if (savedValue !== undefined && savedText !== null) {
    const shown = isRenderableConfig(savedValue.config);
    return {
      init: { ...base, config: shown ? (savedValue.config as PerimeterConfig) : base.config, restoreStatus: 'checking' },
      pending: { source: 'saved', value: savedValue.config, text: savedText },
      fromLink: false,
    };
  }
  return { init: base, fromLink: false };
}

/**
 * Validates what the first screen shows, once the validator has loaded. Valid choices stay (a
 * link's choices are saved, the previous save being kept for undo); rejected ones give way to the
 * defaults with a message.
 */
export function completeStartup(store: BuilderStore, plan: StartupPlan, validate: ConfigValidator, storage: StorageLike): void {
  const { pending } = plan;
  const { actions } = store.getState();
  if (!pending) {
    actions.setRestoreStatus('ready');
    return;
  }
  const shownValue = isRenderableConfig(pending.value);
  // The shown choices include anything the user changed while the validator loaded.
  const result = validate(shownValue ? store.getState().config : pending.value);
  if (result.config) {
    if (!shownValue) actions.restoreConfig(result.config);
    if (pending.source === 'link') {
      const previous = readStorage(storage, STATE_KEY);
      const undo = previous !== null && writeStorage(storage, BEFORE_LINK_KEY, previous);
      saveState(storage, store.getState());
      const notes = result.diagnostics.map(describe);
      actions.pushNotice({
        id: 'opened-link',
        severity: 'success',
        title: 'Opened the choices of the shared link.',
        details: notes,
        actions: undo ? [{ kind: 'undo-link', label: 'Go back to my previous choices' }] : [],
      });
    }
  } else {
    reject(storage, pending.source, pending.text, result.diagnostics);
    actions.restoreConfig(defaultConfig());
    if (pending.source === 'saved') saveState(storage, store.getState());
    actions.pushNotice(rejectionNotice(pending.source, result.diagnostics, pending.source === 'link' && readStorage(storage, STATE_KEY) !== null));
  }
  actions.setRestoreStatus('ready');
}

/**
 * Opens the choices saved under a key (the current save, or the one a link replaced), after
 * validating them. Returns false, with a message, when they cannot be used.
 */
export function openStoredChoices(store: BuilderStore, storage: StorageLike, key: string, validate: ConfigValidator): boolean {
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
      details: result ? result.diagnostics.filter((d) => d.severity === 'error').map(describe) : ['Nothing readable is saved under that name.'],
    });
    return false;
  }
  actions.restoreConfig(result.config);
  actions.replaceView(readViewPreferences(value?.view));
  if (key === BEFORE_LINK_KEY) storage.removeItem(BEFORE_LINK_KEY);
  return true;
}
