/**
 * What the edited text holds, for the pane's header in edit mode: its statements and its size,
 * counted from the text itself (not from the generated policy it may have started from).
 */
import Typography from '@mui/material/Typography';
import { useDeferredValue, useMemo } from 'react';
import { POLICY_SIZE_LIMIT } from '@/core/catalog/ids';
import { formatCount } from '@/shared/format/format-count';
import { statementCount } from '@/shared/policy-text/policy-locations';
import { useBuilder } from '@/state/builder-store';

export function EditedTextSummary() {
  const text = useBuilder((state) => state.policyEditor.draft?.text ?? '');
  // Counting follows typing a moment later, so that a keystroke is never held up by it.
  const deferred = useDeferredValue(text);
  const statements = useMemo(() => statementCount(deferred), [deferred]);
  const over = deferred.length > POLICY_SIZE_LIMIT;
  return (
    <Typography
      variant="caption"
      color={over ? 'error' : 'text.secondary'}
      component="p"
      aria-label="Edited text"
    >
      Your text ·{' '}
      {statements === undefined
        ? 'statements not readable yet'
        : `${statements} statement${statements === 1 ? '' : 's'}`}
      {' · '}
      {formatCount(deferred.length)} of {formatCount(POLICY_SIZE_LIMIT)} characters
      {over ? ', over the limit' : ''}
    </Typography>
  );
}
