/** The organization id(s): the value every perimeter statement compares with. */
import TextField from '@mui/material/TextField';
import { useRef } from 'react';
import { useControlFocus } from '@/shared/focus/use-control-focus';
import { useBuilder, useBuilderActions } from '@/state/builder-store';
import { withOrganizationIds } from '@/core/config/config-edits';
import { SELECTION_LISTS } from '@/core/config/list-fields';
import { splitListText } from '@/shared/diagnostics/field-diagnostics';
import { useValidatedField } from '../use-validated-field';
import { FieldMessages } from '@/shared/diagnostics/field-messages';

const formatIds = (ids: readonly string[]) => ids.join(', ');

export function OrganizationField() {
  const organizationIds = useBuilder((state) => state.config.organizationIds);
  const { setOrganizationIds } = useBuilderActions();
  const field = useValidatedField<string[]>({
    path: 'organizationIds',
    value: organizationIds,
    parse: splitListText,
    format: formatIds,
    edit: withOrganizationIds,
    commit: setOrganizationIds,
    itemName: (index) =>
      organizationIds.length > 1 || index > 0
        ? `Organization id ${index + 1}`
        : 'The organization id',
  });
  const empty = field.text.trim() === '';
  const input = useRef<HTMLInputElement>(null);
  useControlFocus('organizationIds', input);
  return (
    <TextField
      inputRef={input}
      label={SELECTION_LISTS.organizationIds.label}
      value={field.text}
      onChange={(event) => field.onTextChange(event.target.value)}
      error={field.hasError}
      placeholder="o-a1b2c3d4e5"
      autoComplete="off"
      slotProps={{ htmlInput: { spellCheck: false } }}
      helperText={
        <FieldMessages
          messages={field.messages}
          fallback={
            empty
              ? 'Your AWS Organizations id, from the Organizations console. Until it is set, the policy shows <my-org-id>.'
              : 'Several ids can be separated by commas.'
          }
        />
      }
    />
  );
}
