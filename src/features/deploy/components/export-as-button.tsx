/** "Export as": the export dialog (Terraform, CloudFormation, AWS CLI, JSON), loaded when opened. */
import IosShare from '@mui/icons-material/IosShare';
import Button from '@mui/material/Button';
import { useState } from 'react';
import { lazyComponent } from '@/shared/react/lazy-component';

const ExportDialog = lazyComponent(() => import('./export-dialog'));

export function ExportAsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<IosShare />}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        onPointerEnter={ExportDialog.preload}
        onFocus={ExportDialog.preload}
      >
        Export as…
      </Button>
      {open && <ExportDialog onClose={() => setOpen(false)} />}
    </>
  );
}
