/** A list typed as text (one item per line, or separated by commas), validated by the engine as you type. */
import TextField from '@mui/material/TextField';
import { useRef } from 'react';
import type { PerimeterConfig } from '@/core/config/schema';
import { listItemPlace, splitListText } from '@/shared/diagnostics/field-diagnostics';
import { useValidatedField } from '../use-validated-field';
import { FieldMessages } from '@/shared/diagnostics/field-messages';
import { useControlFocus } from '@/shared/focus/use-control-focus';
import { useValueFindingMessages } from '@/shared/validation/third-party-findings';

export interface ListFieldProps {
  label: string;
  /** Configuration path of the list, for the engine's findings. */
  path: string;
  values: readonly string[];
  edit(config: PerimeterConfig, values: string[]): PerimeterConfig;
  commit(values: string[]): void;
  placeholder?: string;
  help?: string;
  /** One line for a short list (items separated by commas), several for a long one. */
  multiline?: boolean;
}

export function ListField({
  label,
  path,
  values,
  edit,
  commit,
  placeholder,
  help,
  multiline = true,
}: ListFieldProps) {
  const field = useValidatedField<string[]>({
    path,
    value: [...values],
    parse: splitListText,
    format: (list) => list.join(multiline ? '\n' : ', '),
    edit,
    commit,
    itemName: (index, text) => (multiline ? listItemPlace(text, index) : `Item ${index + 1}`),
  });
  const input = useRef<HTMLInputElement>(null);
  useControlFocus(path, input);
  // What the validator says of the values (an action IAM does not know), once they are accepted.
  const valueMessages = useValueFindingMessages(path);
  const messages = field.messages.length > 0 ? field.messages : valueMessages;
  return (
    <TextField
      inputRef={input}
      label={label}
      value={field.text}
      onChange={(event) => field.onTextChange(event.target.value)}
      error={field.hasError}
      multiline={multiline}
      minRows={multiline ? 2 : undefined}
      maxRows={multiline ? 8 : undefined}
      placeholder={placeholder}
      autoComplete="off"
      slotProps={{ htmlInput: { spellCheck: false } }}
      helperText={<FieldMessages messages={messages} fallback={help} />}
    />
  );
}
