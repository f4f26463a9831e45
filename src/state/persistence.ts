/**
 * Keeping the user's work in the browser: the choices and view preferences are saved to
 * localStorage on every change, and read back (then validated by the engine) on the next visit.
 */
import type { Diagnostic } from '@/core/diagnostics';
import type { PerimeterConfig } from '@/core/config/schema';
import type { BuilderStore } from './builder-store';
import { defaultView, POLICY_VIEWS, THEME_MODES, type ViewPreferences } from './defaults';

import { BEFORE_LINK_KEY, REJECTED_KEY, STATE_KEY } from './storage-keys';

export { BEFORE_LINK_KEY, REJECTED_KEY, STATE_KEY };

/** The part of the Web Storage API the app uses, so that tests can pass an in-memory one. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A storage that lasts as long as the page: where the browser's is unavailable, and at build time. */
export function memoryStorage(): StorageLike {
  const memory = new Map<string, string>();
  return {
    getItem: (key) => memory.get(key) ?? null,
    setItem: (key, value) => void memory.set(key, value),
    removeItem: (key) => void memory.delete(key),
  };
}

export interface SavedState {
  format: 1;
  config: PerimeterConfig;
  view: ViewPreferences;
}

export interface RejectedValue {
  source: 'saved' | 'link';
  /** The text exactly as it was found (the saved JSON, or the link's fragment). */
  text: string;
  diagnostics: Diagnostic[];
  /** ISO time of the rejection. */
  at: string;
}

/** Writes without throwing: a full or disabled storage must not break the page. */
export function writeStorage(storage: StorageLike, key: string, text: string): boolean {
  try {
    storage.setItem(key, text);
    return true;
  } catch {
    return false;
  }
}

export function readStorage(storage: StorageLike, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

export function saveState(
  storage: StorageLike,
  state: { config: PerimeterConfig; view: ViewPreferences },
): boolean {
  const saved: SavedState = { format: 1, config: state.config, view: state.view };
  return writeStorage(storage, STATE_KEY, JSON.stringify(saved));
}

export function keepRejected(storage: StorageLike, rejected: RejectedValue): boolean {
  return writeStorage(storage, REJECTED_KEY, JSON.stringify(rejected));
}

export function readRejected(storage: StorageLike): RejectedValue | undefined {
  const text = readStorage(storage, REJECTED_KEY);
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<RejectedValue>;
    return typeof value.text === 'string' ? (value as RejectedValue) : undefined;
  } catch {
    return undefined;
  }
}

/** View preferences from a saved value: known fields of the right type, defaults for the rest. */
export function readViewPreferences(value: unknown): ViewPreferences {
  const view = defaultView();
  if (value === null || typeof value !== 'object') return view;
  const record = value as Record<string, unknown>;
  if (typeof record.previewService === 'string') view.previewService = record.previewService;
  if (typeof record.previewRegion === 'string') view.previewRegion = record.previewRegion;
  if ((THEME_MODES as readonly unknown[]).includes(record.themeMode))
    view.themeMode = record.themeMode as ViewPreferences['themeMode'];
  // Any short id: the panel registry lives in the app, which shows the first panel for an unknown one.
  if (typeof record.sidePanel === 'string' && /^[a-z][a-z0-9-]{0,39}$/.test(record.sidePanel))
    view.sidePanel = record.sidePanel;
  if ((POLICY_VIEWS as readonly unknown[]).includes(record.policyView))
    view.policyView = record.policyView as ViewPreferences['policyView'];
  return view;
}

/** Saves whenever the choices or the view change; returns the function that stops it. */
export function connectPersistence(store: BuilderStore, storage: StorageLike): () => void {
  return store.subscribe((state, previous) => {
    // Another tab saved its own choices: nothing is written until the user has chosen which to
    // keep; choosing (or settling) saves this tab's current state if it is kept.
    if (state.otherTabChanged) return;
    if (
      state.config !== previous.config ||
      state.view !== previous.view ||
      previous.otherTabChanged
    )
      saveState(storage, state);
  });
}
