/** Copy the policy shown, download it, or download every policy of the choices as one zip. */
import ContentCopy from '@mui/icons-material/ContentCopy';
import Download from '@mui/icons-material/Download';
import FolderZipOutlined from '@mui/icons-material/FolderZipOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import { memo, useState } from 'react';
import { copyText } from '@/features/browser-io/clipboard';
import { saveFile } from '@/features/browser-io/save-file';
import { ExportAsButton } from '@/features/deploy/components/export-as-button';
import { zipExport } from '@/features/deploy/export-zip';
import { formatCount } from '@/features/perimeter/format-count';
import { useBuilderStoreApi } from '@/state/builder-store';

export interface PolicyActionsProps {
  fileName: string;
  /** The policy text shown; read when the user acts, so that the buttons need not re-render with every change. */
  policyText: () => string;
}

export const PolicyActions = memo(function PolicyActions({
  fileName,
  policyText,
}: PolicyActionsProps) {
  const store = useBuilderStoreApi();
  const [message, setMessage] = useState<string>();
  const [zipping, setZipping] = useState(false);

  const copy = async () => {
    try {
      const text = policyText();
      await copyText(text);
      setMessage(`Copied ${fileName} to the clipboard (${formatCount(text.length)} characters).`);
    } catch (error) {
      setMessage(`Could not copy: ${(error as Error).message}`);
    }
  };

  const downloadAll = async () => {
    setZipping(true);
    try {
      const { bytes, fileName, policies } = await zipExport(store.getState().config, 'json');
      saveFile(fileName, bytes, 'application/zip');
      setMessage(
        `Downloaded ${policies} ${policies === 1 ? 'policy' : 'policies'}, manifest.json and perimeter.json as ${fileName}.`,
      );
    } catch (error) {
      setMessage(`Could not build the zip: ${(error as Error).message}`);
    } finally {
      setZipping(false);
    }
  };

  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
      <Button variant="contained" startIcon={<ContentCopy />} onClick={() => void copy()}>
        Copy
      </Button>
      <Button
        variant="outlined"
        startIcon={<Download />}
        onClick={() => {
          saveFile(fileName, policyText());
          setMessage(`Downloaded ${fileName}.`);
        }}
      >
        Download
      </Button>
      <Button
        variant="outlined"
        startIcon={<FolderZipOutlined />}
        disabled={zipping}
        onClick={() => void downloadAll()}
      >
        {zipping ? 'Preparing the zip…' : 'Download all'}
      </Button>
      <ExportAsButton />
      <Snackbar
        open={message !== undefined}
        autoHideDuration={4000}
        onClose={() => setMessage(undefined)}
        message={message}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      />
    </Box>
  );
});
