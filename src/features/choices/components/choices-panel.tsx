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
  const [statementsShown, setStatementsShown] = useState(!statementsLater);
  useEffect(() => {
    if (!statementsShown) startTransition(() => setStatementsShown(true));
  }, [statementsShown]);
  useEffect(() => {
    // The whole form, statement rows included, is in the page with its handlers.
    if (!statementsShown) return;
    markOnce('vpce:form-usable');
    onUsable?.();
  }, [onUsable, statementsShown]);
  return (
    <Paper component="section" aria-labelledby="choices-heading" sx={{ p: 2, minWidth: 0 }}>
      <Typography id="choices-heading" variant="h2" sx={{ mb: 2 }}>
        Choices
      </Typography>
      <Stack spacing={2}>
        <ServicesField />
        <RegionsField />
        <OrganizationField />
        {statementsShown && <StatementList />}
      </Stack>
    </Paper>
  );
});
