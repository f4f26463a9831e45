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
 * `statementsLater`: draw the statement rows, the longest part of the form to draw, in a second
 * pass, so that the fields above them are drawn and take input sooner. For a screen the page
 * draws itself (a share link, saved work); the first screen built into the page has them already.
 */
export const ChoicesPanel = memo(function ChoicesPanel({
  onUsable,
  statementsLater = false,
}: {
  onUsable?: () => void;
  statementsLater?: boolean;
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
        <Statements later={statementsLater} onUsable={onUsable} />
      </Stack>
    </Paper>
  );
});

/**
 * The statement rows, drawn in a second pass when `later`. The pass is this component's own
 * state, so that it redraws the rows only, not the fields above them.
 */
function Statements({ later, onUsable }: { later: boolean; onUsable?: () => void }) {
  const [shown, setShown] = useState(!later);
  useEffect(() => {
    if (!shown) startTransition(() => setShown(true));
  }, [shown]);
  useEffect(() => {
    // The whole form, statement rows included, is in the page with its handlers.
    if (!shown) return;
    markOnce('vpce:form-usable');
    onUsable?.();
  }, [onUsable, shown]);
  return shown ? <StatementList /> : null;
}
