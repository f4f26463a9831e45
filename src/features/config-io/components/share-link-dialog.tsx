/**
 * The share link: the whole configuration compressed into the URL fragment (never sent to a
 * server), copied to the clipboard and shown for copying by hand.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useEffect, useMemo, useState } from 'react';
import { encodeConfigForUrl } from '@/core/config/share';
import { copyText } from '@/shared/browser-io/clipboard';
import { formatCount } from '@/shared/format/format-count';
import { useBuilderStoreApi } from '@/state/builder-store';
import { unsavedFieldsSentence, useUnsavedFields } from '@/state/unsaved-fields';
import { choicesCatalog } from '@/shared/catalog/choices-catalog';
import { describePath } from '@/shared/catalog/control-places';

export default function ShareLinkDialog({ onClose }: { onClose: () => void }) {
  const store = useBuilderStoreApi();
  const link = useMemo(
    () =>
      `${window.location.origin}${window.location.pathname}#${encodeConfigForUrl(store.getState().config)}`,
    [store],
  );
  const [status, setStatus] = useState('');
  const leftOut = unsavedFieldsSentence(useUnsavedFields(), 'The link', (path) =>
    describePath(path, choicesCatalog),
  );
  useEffect(() => {
    copyText(link).then(
      () => setStatus('The link is on the clipboard.'),
      () => setStatus('Copy the link below.'),
    );
  }, [link]);
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="share-link-title">
      <DialogTitle id="share-link-title">Share link</DialogTitle>
      <DialogContent>
        <DialogContentText role="status" sx={{ mb: 2 }}>
          {status} It carries every choice in the part after #, which browsers never send to a
          server. Whoever opens it gets these choices.
        </DialogContentText>
        {leftOut && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {leftOut}
          </Alert>
        )}
        <TextField
          label="Link to these choices"
          value={link}
          multiline
          maxRows={6}
          slotProps={{
            htmlInput: {
              readOnly: true,
              spellCheck: false,
              onFocus: (event: React.FocusEvent<HTMLTextAreaElement>) => event.target.select(),
            },
          }}
          helperText={`${formatCount(link.length)} characters`}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={() => void copyText(link).then(() => setStatus('Copied again.'))}>
          Copy link
        </Button>
        <Button variant="contained" onClick={onClose}>
          Done
        </Button>
      </DialogActions>
    </Dialog>
  );
}
