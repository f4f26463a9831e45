/**
 * Bringing an existing policy in: a file picked or dropped, or text pasted. What comes in replaces
 * the text being edited (which can be brought back) and is validated like typed text.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Typography from '@mui/material/Typography';
import Close from '@mui/icons-material/Close';
import UploadFileOutlined from '@mui/icons-material/UploadFileOutlined';
import { useId, type ClipboardEvent, type DragEvent } from 'react';
import { FileDropZone } from '@/shared/browser-io/file-drop-zone';
import type { PolicyReading } from '../read-policy-file';
import { readPolicyFile, readTransfer } from '../read-policy-file';

export interface ImportAreaProps {
  onRead(reading: PolicyReading): void;
  onClose(): void;
  /** A message about the last file that could not be opened. */
  refused?: string;
}

export function ImportArea({ onRead, onClose, refused }: ImportAreaProps) {
  const ids = useId();

  const readDropped = (transfer: DataTransfer) =>
    void readTransfer(transfer).then((reading) => reading && onRead(reading));
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    readDropped(event.dataTransfer);
  };
  const onPaste = (event: ClipboardEvent) => {
    event.preventDefault();
    void readTransfer(event.clipboardData).then((reading) => reading && onRead(reading));
  };
  return (
    <Box
      role="region"
      aria-labelledby={`${ids}-title`}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, my: 1 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography id={`${ids}-title`} variant="h3" sx={{ flexGrow: 1 }}>
          Import a policy
        </Typography>
        <IconButton size="small" aria-label="Close import" onClick={onClose}>
          <Close fontSize="small" />
        </IconButton>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        An endpoint policy you already have: it replaces the text in the editor (you can bring the
        text back), is checked, and what it contains is shown below it.
      </Typography>
      <Box sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
        <FileDropZone
          ariaLabel="Drop a policy file here"
          prompt="Drop a policy file here, or"
          buttonLabel="Open a policy file"
          buttonIcon={<UploadFileOutlined />}
          accept=".json,.txt,application/json,text/plain"
          onDrop={readDropped}
          onPick={(file) => void readPolicyFile(file).then(onRead)}
        />
        <Box
          component="textarea"
          aria-label="Paste a policy"
          placeholder="Paste a policy here (Ctrl+V)"
          value=""
          onChange={() => undefined}
          onPaste={onPaste}
          onDrop={onDrop}
          sx={{
            boxSizing: 'border-box',
            width: '100%',
            minHeight: 88,
            resize: 'none',
            p: 1.5,
            font: 'inherit',
            fontSize: 14,
            bgcolor: 'background.paper',
            color: 'text.primary',
            border: 2,
            borderStyle: 'dashed',
            borderColor: 'divider',
            borderRadius: 1,
          }}
        />
      </Box>
      {refused && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }}>
          {refused}
        </Alert>
      )}
    </Box>
  );
}
