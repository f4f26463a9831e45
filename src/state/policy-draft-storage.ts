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

/** The editor mode and the user's policy text. */
export const DRAFT_KEY = 'vpce-policy:policy-draft';

export interface SavedPolicyEditor {
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
