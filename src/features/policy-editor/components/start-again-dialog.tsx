/** Asks before the user's text is replaced by the generated policy, saying what is discarded and how to get it back. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import type { PolicyDraft } from '@/state/policy-editor-slice';
import { formatCount } from '@/shared/format/format-count';

function describeDraft(draft: PolicyDraft | undefined): string {
  if (!draft) return 'No text of yours.';
  const lines = draft.text.split('\n').length;
  const origin =
    draft.origin.kind === 'generated'
      ? `started from the generated ${draft.origin.service} policy`
      : draft.origin.kind === 'file'
        ? `imported from ${draft.origin.name}`
        : 'pasted';
  return `Your text: ${formatCount(draft.text.length)} characters on ${formatCount(lines)} line${lines === 1 ? '' : 's'}, ${origin}, with every edit made since.`;
}

export function StartAgainDialog({
  draft,
  generatedName,
  onCancel,
  onConfirm,
}: {
  draft: PolicyDraft | undefined;
  generatedName: string;
  onCancel(): void;
  onConfirm(): void;
}) {
  return (
    <Dialog
      open
      onClose={onCancel}
      aria-labelledby="start-again-title"
      aria-describedby="start-again-text"
    >
      <DialogTitle id="start-again-title">Replace your text by {generatedName}?</DialogTitle>
      <DialogContent>
        <DialogContentText id="start-again-text">
          The editor then holds the generated policy. &quot;Bring back the replaced text&quot; puts
          yours back, also after a reload.
        </DialogContentText>
        <Box component="ul" aria-label="Replaced" sx={{ pl: 2.5, mb: 0 }}>
          <li>{describeDraft(draft)}</li>
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus>
          Keep my text
        </Button>
        <Button variant="contained" onClick={onConfirm}>
          Start again
        </Button>
      </DialogActions>
    </Dialog>
  );
}
