/** Asks before discarding every choice; the colour theme is kept. */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useBuilderActions } from '@/state/builder-store';

export default function ResetDialog({ onClose }: { onClose: () => void }) {
  const { resetConfig, resetView } = useBuilderActions();
  return (
    <Dialog open onClose={onClose} aria-labelledby="reset-title" aria-describedby="reset-text">
      <DialogTitle id="reset-title">Discard all choices?</DialogTitle>
      <DialogContent>
        <DialogContentText id="reset-text">
          Services, regions, organization id, statements, patterns and parameters go back to the
          defaults. Export the configuration first if you may want it again.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Keep my choices
        </Button>
        <Button
          color="error"
          variant="contained"
          onClick={() => {
            resetConfig();
            resetView();
            onClose();
          }}
        >
          Discard and reset
        </Button>
      </DialogActions>
    </Dialog>
  );
}
