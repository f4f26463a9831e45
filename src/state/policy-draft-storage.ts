/**
 * Reading the user's policy text and editor mode back from the browser on the next visit. On the
 * first screen, so it only reads; saving (`policy-draft-persistence.ts`) loads later.
 */
import {
  defaultPolicyEditor,
  type DraftOrigin,
  type PolicyDraft,
  type PolicyEditorPreferences,
} from './policy-editor-slice';
import { readStorage, type StorageLike } from './persistence';

import { DRAFT_KEY } from './storage-keys';

export { DRAFT_KEY };

export interface SavedPolicyEditor {
  format: 1;
  mode: PolicyEditorPreferences['mode'];
  draft?: PolicyDraft;
  /** The text the last import or restart replaced, so that "bring back" survives a reload. */
  replaced?: PolicyDraft;
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

/** A saved draft of the right shape, or undefined. */
function readDraft(value: unknown): PolicyDraft | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  const origin = readOrigin(record.origin);
  return origin && typeof record.text === 'string' ? { text: record.text, origin } : undefined;
}

function readSaved(storage: StorageLike): Record<string, unknown> | undefined {
  const text = readStorage(storage, DRAFT_KEY);
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object'
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The saved mode and draft: fields of the right shape, defaults for the rest; never throws. */
export function readPolicyEditor(storage: StorageLike): PolicyEditorPreferences {
  const record = readSaved(storage);
  if (!record) return defaultPolicyEditor();
  const draft = readDraft(record.draft);
  const mode = record.mode === 'edit' && draft ? 'edit' : 'preview';
  return draft ? { mode, draft } : { mode };
}

/** The saved text that the last import or restart replaced, if any; never throws. */
export function readReplacedDraft(storage: StorageLike): PolicyDraft | undefined {
  return readDraft(readSaved(storage)?.replaced);
}
