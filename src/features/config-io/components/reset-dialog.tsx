/**
 * Asks before discarding every choice, listing what goes (saved requests included); the reset can
 * be undone from the message that follows. The colour theme and the edited policy text are kept.
 */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useBuilder, useBuilderActions, useBuilderStoreApi } from '@/state/builder-store';
import { defaultConfig, defaultView } from '@/state/defaults';
import { describeWork } from '@/state/work-summary';
import { DiscardList } from './discard-list';

export default function ResetDialog({ onClose }: { onClose: () => void }) {
  const store = useBuilderStoreApi();
  const config = useBuilder((state) => state.config);
  const hasDraft = useBuilder((state) => state.policyEditor.draft !== undefined);
  const { discardWork, pushNotice } = useBuilderActions();
  const reset = () => {
    const { view } = store.getState();
    discardWork('Reset', {
      config: defaultConfig(),
      // The theme is the reader's, not part of the work being discarded.
      view: { ...defaultView(), themeMode: view.themeMode },
    });
    pushNotice({
      id: 'discarded',
      severity: 'info',
      title: 'The choices were reset to the defaults.',
      actions: [{ kind: 'undo-discard', label: 'Undo reset' }],
    });
    onClose();
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="reset-title" aria-describedby="reset-text">
      <DialogTitle id="reset-title">Discard all choices?</DialogTitle>
      <DialogContent>
        <DialogContentText id="reset-text">
          Every choice goes back to the defaults (S3 in us-east-1). You can undo the reset from the
          message that follows, until you leave the page.
          {hasDraft ? ' Your edited policy text is kept.' : ''}
        </DialogContentText>
        <DiscardList label="Discarded" lines={describeWork(config)} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Keep my choices
        </Button>
        <Button color="error" variant="contained" onClick={reset}>
          Discard and reset
        </Button>
      </DialogActions>
    </Dialog>
  );
}
