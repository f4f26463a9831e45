/**
 * The request as a form: the endpoint it goes through, the caller (an IAM role or user with its
 * account, organization and tags; an AWS service principal; an anonymous caller), the action, the
 * resource and its owner, other context keys, and the verdict expected of it. Every keystroke is
 * validated; the engine's message for a field is shown under it.
 */
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { memo, useId, type ReactNode } from 'react';
import { DECISIONS } from '@/core/config/request-schema';
import { FieldMessages } from '@/shared/diagnostics/field-messages';
import {
  accountOfArn,
  FIELD_LABELS,
  PRINCIPAL_KINDS,
  type DraftField,
  type DraftMessages,
  type PrincipalKind,
  type RequestDraft,
} from '../request-draft';

const PRINCIPAL_KIND_LABELS: Record<PrincipalKind, string> = {
  iam: 'IAM role or user',
  service: 'AWS service principal',
  anonymous: 'Anonymous (unsigned)',
};

export interface SelectOption {
  value: string;
  label: string;
}

export interface RequestFormProps {
  draft: RequestDraft;
  messages: DraftMessages;
  onChange(draft: RequestDraft): void;
  services: readonly SelectOption[];
  regions: readonly SelectOption[];
  /** Shown under the region, e.g. that every selected region shares one policy. */
  regionHelp?: string;
}

export const RequestForm = memo(function RequestForm({
  draft,
  messages,
  onChange,
  services,
  regions,
  regionHelp,
}: RequestFormProps) {
  const ids = useId();
  const set = (field: keyof RequestDraft, value: string) => onChange({ ...draft, [field]: value });

  const textField = (
    field: DraftField,
    options: { placeholder?: string; help?: ReactNode; multiline?: boolean } = {},
  ) => {
    const fieldMessages = messages[field] ?? [];
    return (
      <TextField
        label={FIELD_LABELS[field]}
        value={draft[field]}
        onChange={(event) => set(field, event.target.value)}
        error={fieldMessages.length > 0}
        placeholder={options.placeholder}
        multiline={options.multiline}
        minRows={options.multiline ? 2 : undefined}
        maxRows={options.multiline ? 6 : undefined}
        autoComplete="off"
        slotProps={{ htmlInput: { spellCheck: false }, inputLabel: { shrink: true } }}
        helperText={
          <FieldMessages
            messages={fieldMessages.map((text) => ({ severity: 'error', text }))}
            fallback={options.help}
          />
        }
      />
    );
  };

  const selectField = (field: DraftField, options: readonly SelectOption[], help?: ReactNode) => (
    <TextField
      select
      label={FIELD_LABELS[field]}
      value={draft[field]}
      onChange={(event) => set(field, event.target.value)}
      error={(messages[field] ?? []).length > 0}
      slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
      helperText={
        <FieldMessages
          messages={(messages[field] ?? []).map((text) => ({ severity: 'error', text }))}
          fallback={help}
        />
      }
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );

  const derivedAccount =
    draft.principalAccount.trim() === '' ? accountOfArn(draft.principalArn) : undefined;
  return (
    <Stack spacing={1.5} sx={{ mt: 1 }}>
      {textField('name', {
        placeholder: 'e.g. Our app reads the reports bucket',
        help: 'How the request is called in the suite.',
      })}
      <Stack direction="row" spacing={1}>
        {selectField('service', services)}
        {selectField('region', regions, regionHelp)}
      </Stack>
      <FormControl>
        <FormLabel id={`${ids}-caller`} sx={{ fontSize: '0.8rem' }}>
          Caller
        </FormLabel>
        <RadioGroup
          row
          aria-labelledby={`${ids}-caller`}
          value={draft.principalType}
          onChange={(event) => set('principalType', event.target.value)}
        >
          {PRINCIPAL_KINDS.map((kind) => (
            <FormControlLabel
              key={kind}
              value={kind}
              control={<Radio size="small" />}
              label={PRINCIPAL_KIND_LABELS[kind]}
              slotProps={{ typography: { variant: 'body2' } }}
            />
          ))}
        </RadioGroup>
      </FormControl>
      {draft.principalType === 'iam' && (
        <>
          {textField('principalArn', {
            placeholder: 'arn:aws:iam::111122223333:role/app',
            help: 'A role, role session or user; optional.',
          })}
          {textField('principalAccount', {
            placeholder: '111122223333',
            help: derivedAccount
              ? `Taken from the ARN: ${derivedAccount}.`
              : 'The 12-digit account id of the principal.',
          })}
          {textField('principalOrganization', {
            placeholder: 'o-a1b2c3d4e5',
            help: 'o-..., or none when the account is in no organization; empty when not known.',
          })}
          {textField('principalTags', {
            placeholder: 'team=data',
            help: 'One KEY=VALUE a line.',
            multiline: true,
          })}
        </>
      )}
      {draft.principalType === 'service' &&
        textField('servicePrincipal', { placeholder: 'cloudformation.amazonaws.com' })}
      {textField('action', { placeholder: 's3:GetObject' })}
      {textField('resource', {
        placeholder: 'arn:aws:s3:::example-bucket/key',
        help: 'Or * for an action without resources.',
      })}
      <Stack direction="row" spacing={1}>
        {textField('resourceAccount', {
          placeholder: '111122223333',
          help: 'Taken from the ARN when it holds one.',
        })}
        {textField('resourceOrganization', { placeholder: 'o-a1b2c3d4e5', help: 'Or none.' })}
      </Stack>
      {textField('context', {
        placeholder: 'aws:SourceVpc=vpc-0abc12345',
        help: 'One KEY=VALUE a line; repeat a key for several values. A key given here replaces the derived one.',
        multiline: true,
      })}
      {selectField(
        'expect',
        DECISIONS.map((decision) => ({ value: decision, label: decision })),
        'The verdict the suite expects of this request.',
      )}
    </Stack>
  );
});
