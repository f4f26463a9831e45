/** The choices: services, regions, organization and statements; marks the form usable once shown. */
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import { markOnce } from '@/shared/instrumentation/performance-marks';
import { OrganizationField } from './organization-field';
import { RegionsField } from './regions-field';
import { ServicesField } from './services-field';
import { StatementList } from './statement-list';

export function ChoicesPanel({ onUsable }: { onUsable?: () => void }) {
  useEffect(() => {
    markOnce('vpce:form-usable');
    onUsable?.();
  }, [onUsable]);
  return (
    <Paper component="section" aria-labelledby="choices-heading" sx={{ p: 2, minWidth: 0 }}>
      <Typography id="choices-heading" variant="h2" sx={{ mb: 2 }}>
        Choices
      </Typography>
      <Stack spacing={2}>
        <ServicesField />
        <RegionsField />
        <OrganizationField />
        <StatementList />
      </Stack>
    </Paper>
  );
}
