/** Copy the policy shown, download it, or download every policy of the choices as one zip. */
import ContentCopy from '@mui/icons-material/ContentCopy';
import Download from '@mui/icons-material/Download';
import FolderZipOutlined from '@mui/icons-material/FolderZipOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import { memo, useState } from 'react';
import { catalog } from '@/core/catalog/catalog';
import type { PerimeterConfig } from '@/core/config/schema';
import { generatePolicies } from '@/core/generate/outputs';
import { copyText } from '@/shared/browser-io/clipboard';
import { saveFile } from '@/shared/browser-io/save-file';
import { formatCount } from '@/shared/format/format-count';
import { useBuilderStoreApi } from '@/state/builder-store';

/** Every policy of the choices under the file names the CLI's `--out` writes, plus the configuration. */
async function zipAllPolicies(
  config: PerimeterConfig,
): Promise<{ bytes: Uint8Array; files: number }> {
  const { zipSync, strToU8 } = await import('fflate');
  const outputs = generatePolicies(config, { catalog });
  const files: Record<string, Uint8Array> = {};
  for (const output of outputs) files[output.fileName] = strToU8(output.result.text);
  files['perimeter.json'] = strToU8(`${JSON.stringify(config, null, 2)}\n`);
  return { bytes: zipSync(files, { level: 6 }), files: outputs.length };
}

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
      const { bytes, files } = await zipAllPolicies(store.getState().config);
      saveFile('vpc-endpoint-policies.zip', bytes, 'application/zip');
      setMessage(
        `Downloaded ${files} ${files === 1 ? 'policy' : 'policies'} and perimeter.json as vpc-endpoint-policies.zip.`,
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
