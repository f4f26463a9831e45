/**
 * What the user typed into a choice field that the engine has not accepted (an organization id
 * with a typo, an account id one digit short). Such text is not a choice: the policy, the share
 * link and the exported configuration carry the field's last valid value. So that it is neither
 * lost nor dropped silently, it is kept here, in the browser's storage (a reload gives it back to
 * its field), and whatever exports the choices says which fields it leaves out.
 *
 * Each text is kept with the value it was typed over: should that value change elsewhere (an
 * import, a reset, a link), the text no longer applies and is not given back.
 */
import { useSyncExternalStore } from 'react';
import { readStorage, writeStorage, type StorageLike } from './persistence';
import { UNSAVED_FIELDS_KEY } from './storage-keys';

export interface UnsavedField {
  text: string;
  /** The committed value the text was typed over, as JSON. */
  over: string;
}

/** At most this many characters of a field's text are kept: a field holds ids, not documents. */
const MAX_KEPT_CHARACTERS = 10_000;

type Fields = Readonly<Record<string, UnsavedField>>;

let storage: StorageLike | undefined;
let fields: Fields = {};
const listeners = new Set<() => void>();

function isUnsavedField(value: unknown): value is UnsavedField {
  const field = value as Partial<UnsavedField> | null;
  return (
    typeof field === 'object' &&
    field !== null &&
    typeof field.text === 'string' &&
    typeof field.over === 'string'
  );
}

/** Reads what the last visit kept; called once at start with the page's storage. */
export function startUnsavedFields(from: StorageLike): void {
  storage = from;
  fields = {};
  const text = readStorage(from, UNSAVED_FIELDS_KEY);
  if (!text) return;
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null) return;
    // fromEntries defines each key as data: a "__proto__" key cannot change a prototype.
    fields = Object.fromEntries(
      Object.entries(value).filter((entry): entry is [string, UnsavedField] =>
        isUnsavedField(entry[1]),
      ),
    );
  } catch {
    // A damaged entry gives nothing back; the choices themselves are kept elsewhere.
  }
}

function update(next: Fields): void {
  fields = next;
  if (storage) {
    if (Object.keys(next).length === 0) {
      try {
        storage.removeItem(UNSAVED_FIELDS_KEY);
      } catch {
        // A storage that refuses is no reason to fail the field.
      }
    } else writeStorage(storage, UNSAVED_FIELDS_KEY, JSON.stringify(next));
  }
  // Told after the current work: a field may drop its text while it renders, and a listener's
  // own update must not happen inside another component's render.
  queueMicrotask(() => {
    for (const listener of listeners) listener();
  });
}

/** The work was replaced as a whole (Reset, Import config): no field's text applies any more. */
export function dropAllUnsavedFields(): void {
  if (Object.keys(fields).length > 0) update({});
}

/** Keeps the text of a field that the engine refuses, with the value it was typed over. */
export function keepUnsavedField(path: string, text: string, over: unknown): void {
  const field: UnsavedField = {
    text: text.slice(0, MAX_KEPT_CHARACTERS),
    over: JSON.stringify(over),
  };
  const current = Object.hasOwn(fields, path) ? fields[path] : undefined;
  if (current && current.text === field.text && current.over === field.over) return;
  update({ ...fields, [path]: field });
}

/** The field's text is accepted, or replaced from elsewhere: nothing to keep. */
export function dropUnsavedField(path: string): void {
  if (!Object.hasOwn(fields, path)) return;
  const next = { ...fields };
  delete next[path];
  update(next);
}

/** The text kept for a field typed over this value, if any. */
export function unsavedFieldText(path: string, over: unknown): string | undefined {
  const field = Object.hasOwn(fields, path) ? fields[path] : undefined;
  return field && field.over === JSON.stringify(over) ? field.text : undefined;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const snapshot = () => fields;

/** The fields whose text is not a choice, by path, now. */
export const unsavedFields = (): Fields => fields;

/** The fields whose text is not a choice, by path, following their changes. */
export function useUnsavedFields(): Fields {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/**
 * One sentence naming the fields whose text an export leaves out, or undefined when none is.
 * `name` gives a field's name from its configuration path, in the page's words.
 */
export function unsavedFieldsSentence(
  unsaved: Fields,
  what: string,
  name: (path: string) => string,
): string | undefined {
  const paths = Object.keys(unsaved);
  if (paths.length === 0) return undefined;
  const named = paths.map((path) => `${name(path)} ("${shorten(unsaved[path]!.text)}")`).join('; ');
  return `${what} leaves out what ${paths.length === 1 ? 'this field holds' : 'these fields hold'}, since it is not valid yet: ${named}. It carries the last valid value instead.`;
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}
