/**
 * Opening the app: the choices come from a share link, else from the saved state, else from the
 * defaults. The first screen shows them at once; `startup-checks.ts`, loaded with the engine's
 * validator, then checks them, and anything rejected gives way to the defaults with a message.
 * This module is on the first screen: it only reads and decodes.
 */
import type { PerimeterConfig } from '@/core/config/schema';
import { carriesConfiguration, readShareFragment } from '@/core/config/share-fragment';
import type { Diagnostic } from '@/core/diagnostics';
import type { BuilderStoreInit } from './builder-store';
import { defaultConfig, defaultView } from './defaults';
import { readStorage, readViewPreferences, STATE_KEY, type StorageLike } from './persistence';
import { LINK_CHECK_NOTICE } from './session-slice';

/** Choices shown before the validator has confirmed them. */
export interface PendingChoices {
  source: 'link' | 'saved';
  /** The decoded value, exactly as found. */
  value: unknown;
  /** The text it was decoded from. */
  text: string;
}

/** A link or saved state that could not even be decoded. */
export interface UnreadableChoices {
  source: 'link' | 'saved';
  text: string;
  diagnostics: Diagnostic[];
}

export interface StartupPlan {
  init: Required<Pick<BuilderStoreInit, 'config' | 'view' | 'notices' | 'restoreStatus'>>;
  pending?: PendingChoices;
  unreadable?: UnreadableChoices;
  /** True when the URL carried a configuration, which the app removes once read. */
  fromLink: boolean;
  /** True when choices were saved before this visit. */
  hasSaved: boolean;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isToggleRecord(value: unknown): boolean {
  return (
    value === undefined ||
    (value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.values(value).every((v) => typeof v === 'boolean'))
  );
}

function isObjectOrAbsent(value: unknown): boolean {
  return (
    value === undefined || (value !== null && typeof value === 'object' && !Array.isArray(value))
  );
}

/**
 * Whether the first screen can show a value before it is validated: the fields the choice
 * controls read have the right JavaScript types. This keeps the first render from failing; it is
 * no substitute for `validateConfigValue`, which decides whether the value is used. Until then its
 * ids are unchecked: the first screen only looks them up in the catalog, where an unknown id finds
 * nothing, and the check replaces the value moments later.
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

/** Reads the URL fragment and the saved state, for the first screen: no validation, no writes. */
export async function planStartup(fragment: string, storage: StorageLike): Promise<StartupPlan> {
  const savedText = readStorage(storage, STATE_KEY);
  let savedValue: { config?: unknown; view?: unknown } | undefined;
  let savedProblem: string | undefined;
  if (savedText !== null) {
    try {
      const parsed = JSON.parse(savedText) as unknown;
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
        savedValue = parsed as { config?: unknown; view?: unknown };
      else savedProblem = 'The saved state is not an object.';
    } catch (error) {
      savedProblem = `The saved state is not valid JSON (${(error as Error).message}).`;
    }
  }
  const view = savedValue ? readViewPreferences(savedValue.view) : defaultView();
  const base = { config: defaultConfig(), view, notices: [], restoreStatus: 'ready' as const };
  const hasSaved = savedValue !== undefined;

  if (carriesConfiguration(fragment)) {
    const reading = await readShareFragment(fragment);
    const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
    // The link's message takes its place at once, so that its outcome does not push the page down.
    const notices = [LINK_CHECK_NOTICE];
    if (reading.value === undefined) {
      return {
        init: { ...base, notices },
        unreadable: { source: 'link', text, diagnostics: reading.diagnostics },
        fromLink: true,
        hasSaved,
      };
    }
    const shown = isRenderableConfig(reading.value);
    return {
      init: {
        ...base,
        config: shown ? (reading.value as PerimeterConfig) : base.config,
        notices,
        restoreStatus: 'checking',
      },
      pending: { source: 'link', value: reading.value, text },
      fromLink: true,
      hasSaved,
    };
  }
  if (savedProblem !== undefined && savedText !== null) {
    const diagnostics: Diagnostic[] = [
      { severity: 'error', code: 'saved/unreadable', message: savedProblem },
    ];
    return {
      init: base,
      unreadable: { source: 'saved', text: savedText, diagnostics },
      fromLink: false,
      hasSaved: false,
    };
  }
  if (savedValue !== undefined && savedText !== null) {
    const shown = isRenderableConfig(savedValue.config);
    return {
      init: {
        ...base,
        config: shown ? (savedValue.config as PerimeterConfig) : base.config,
        restoreStatus: 'checking',
      },
      pending: { source: 'saved', value: savedValue.config, text: savedText },
      fromLink: false,
      hasSaved,
    };
  }
  return { init: base, fromLink: false, hasSaved };
}
