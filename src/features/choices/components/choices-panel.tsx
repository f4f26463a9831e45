/** The choices: services, regions, organization and statements; marks the form usable once shown. */
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { memo, startTransition, useEffect, useState } from 'react';
import { markOnce } from '@/shared/instrumentation/performance-marks';
import { OrganizationField } from './organization-field';
import { RegionsField } from './regions-field';
import { ServicesField } from './services-field';
import { StatementList } from './statement-list';

/**
 * `statementsAfterMs`: draw the statement rows, the longest part of the form to draw, in a second
 * pass this long after the first, so that the fields above them are drawn and take input sooner.
 * For a screen the page draws itself (a share link, saved work); the first screen built into the
 * page has them already (undefined: in the first pass).
 */
export const ChoicesPanel = memo(function ChoicesPanel({
  onUsable,
  statementsAfterMs,
}: {
  onUsable?: () => void;
  statementsAfterMs?: number;
}) {
  return (
    <Paper component="section" aria-labelledby="choices-heading" sx={{ p: 2, minWidth: 0 }}>
      <Typography id="choices-heading" variant="h2" sx={{ mb: 2 }}>
        Choices
      </Typography>
      <Stack spacing={2}>
        <ServicesField />
        <RegionsField />
        <OrganizationField />
        <Statements afterMs={statementsAfterMs} onUsable={onUsable} />
      </Stack>
    </Paper>
  );
});

/**
 * The statement rows, drawn in a second pass when `afterMs` is given. The pass is this
 * component's own state, so that it redraws the rows only, not the fields above them.
 */
function Statements({ afterMs, onUsable }: { afterMs?: number; onUsable?: () => void }) {
  const [shown, setShown] = useState(afterMs === undefined);
  useEffect(() => {
    if (shown) return;
    const timer = setTimeout(() => startTransition(() => setShown(true)), afterMs);
    return () => clearTimeout(timer);
  }, [shown, afterMs]);
  useEffect(() => {
    // The whole form, statement rows included, is in the page with its handlers.
    if (!shown) return;
    markOnce('vpce:form-usable');
    onUsable?.();
  }, [onUsable, shown]);
  return shown ? <StatementList /> : null;
}
