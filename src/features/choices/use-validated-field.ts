/**
 * A text field whose value becomes a choice only when the engine accepts it. What the user types
 * is kept as a draft; every keystroke validates the configuration as it would be with the draft,
 * the findings under the field's path are shown next to it, and a draft without errors is
 * committed to the store. The policy therefore always reflects the last valid value.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PerimeterConfig } from '@/core/config/schema';
import { useBuilder, useBuilderStoreApi } from '@/state/builder-store';
import { useConfigValidator } from '@/state/config-validator';
import { dropUnsavedField, keepUnsavedField, unsavedFieldText } from '@/state/unsaved-fields';
import { diagnosticsAt, fieldMessage } from '@/shared/diagnostics/field-diagnostics';
import type { FieldMessage } from '@/shared/diagnostics/field-messages';

export interface ValidatedFieldOptions<T> {
  /** The configuration path of the field, e.g. `organizationIds`. */
  path: string;
  /** The committed value, from the store. */
  value: T;
  parse(text: string): T;
  format(value: T): string;
  /** The configuration with the value placed, as the store's action would place it. */
  edit(config: PerimeterConfig, value: T): PerimeterConfig;
  commit(value: T): void;
  /** How a list item is called in messages, e.g. `Line 3`. */
  itemName?: (index: number, text: string) => string;
}

export interface ValidatedField {
  text: string;
  onTextChange(text: string): void;
  messages: FieldMessage[];
  hasError: boolean;
  /** True while the validator loads and the draft has not been checked yet. */
  checking: boolean;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function useValidatedField<T>(options: ValidatedFieldOptions<T>): ValidatedField {
  const store = useBuilderStoreApi();
  const {
    path,
    value,
    parse,
    format,
    edit,
    commit,
    itemName = (i: number) => `Item ${i + 1}`,
  } = options;
  // Text refused on the last visit comes back, to be checked again once the validator is there.
  const [restored] = useState(() => unsavedFieldText(path, value));
  const [text, setText] = useState(() => restored ?? format(value));
  const [messages, setMessages] = useState<FieldMessage[]>([]);
  const [unchecked, setUnchecked] = useState(restored !== undefined);
  // The validator loads when the user first types (or has loaded already for another part).
  const validate = useConfigValidator(unchecked);
  const [seenValue, setSeenValue] = useState(value);
  const replacements = useBuilder((state) => state.replacements);
  const [seenReplacements, setSeenReplacements] = useState(replacements);
  // The work replaced as a whole (Reset, Import config, their undo): the field shows the new
  // value, even one the same as before, and what it held is dropped.
  if (seenReplacements !== replacements) {
    setSeenReplacements(replacements);
    setSeenValue(value);
    setText(format(value));
    setMessages([]);
  }
  // A change from elsewhere (import, reset, link) replaces the draft, unless the draft says the same.
  else if (!sameValue(seenValue, value)) {
    setSeenValue(value);
    if (!sameValue(parse(text), value)) {
      setText(format(value));
      setMessages([]);
      dropUnsavedField(path);
    }
  }
  const latest = useRef({ parse, edit, commit, path, itemName, value });
  useEffect(() => {
    latest.current = { parse, edit, commit, path, itemName, value };
  });

  const check = useCallback(
    (draft: string) => {
      if (!validate) {
        setUnchecked(true);
        return;
      }
      const {
        parse: parseDraft,
        edit: place,
        commit: save,
        path: fieldPath,
        itemName: name,
        value: committed,
      } = latest.current;
      const parsed = parseDraft(draft);
      const result = validate(place(store.getState().config, parsed));
      const findings = diagnosticsAt(result.diagnostics, fieldPath);
      setUnchecked(false);
      setMessages(
        findings.map((d) => ({
          severity: d.severity,
          text: fieldMessage(d, fieldPath, (index) => name(index, draft)),
        })),
      );
      const refused = findings.some((d) => d.severity === 'error');
      if (refused) keepUnsavedField(fieldPath, draft, committed);
      else {
        dropUnsavedField(fieldPath);
        if (!sameValue(parsed, committed)) save(parsed);
      }
    },
    [validate, store],
  );

  useEffect(() => {
    // The validator arrived after the user typed: check what is there now.
    if (validate && unchecked) check(text);
  }, [validate, unchecked, check, text]);

  const onTextChange = useCallback(
    (next: string) => {
      setText(next);
      check(next);
    },
    [check],
  );

  return {
    text,
    onTextChange,
    messages,
    hasError: messages.some((m) => m.severity === 'error'),
    checking: unchecked,
  };
}
