/** "Export as": the export dialog (Terraform, CloudFormation, AWS CLI, JSON), loaded when opened. */
import IosShare from '@mui/icons-material/IosShare';
import Button from '@mui/material/Button';
import { lazy, Suspense, useState } from 'react';

const ExportDialog = lazy(() => import('./export-dialog'));

export function ExportAsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<IosShare />}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Export as…
      </Button>
      {open && (
        <Suspense fallback={null}>
          <ExportDialog onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
