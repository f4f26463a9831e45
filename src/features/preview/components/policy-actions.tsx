/**
 * Copy the policy shown, download it, or download every policy of the choices as one zip (with
 * its manifest), beside the export actions the app adds. An edited text is named as edited in the
 * buttons and messages. Before exporting a policy that still has values to fill or errors, the
 * user is asked, with the list of what is unfinished.
 */
import ContentCopy from '@mui/icons-material/ContentCopy';
import Download from '@mui/icons-material/Download';
import FolderZipOutlined from '@mui/icons-material/FolderZipOutlined';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Snackbar from '@mui/material/Snackbar';
import { memo, useState, type ReactNode } from 'react';
import { inertWhileBusy } from '@/shared/react/inert-while-busy';
import { catalog } from '@/core/catalog/catalog';
import type { PerimeterConfig } from '@/core/config/schema';
import type { Diagnostic } from '@/core/diagnostics';
import { copyText } from '@/shared/browser-io/clipboard';
import { saveFile } from '@/shared/browser-io/save-file';
import { zipExport } from '@/shared/export/export-zip';
import { formatCount } from '@/shared/format/format-count';
import { useBuilder, useBuilderStoreApi } from '@/state/builder-store';
import { choicesFindings } from '@/state/policy-findings';
import { previewPolicy } from '@/state/preview-policy';
import { previewTarget } from '@/shared/catalog/preview-target';
import { exportConcerns, hasConcerns, type ExportConcerns } from '../export-concerns';
import { countOf } from '@/shared/format/format-count';

/** The text an export takes: the generated policy, or the user's edited text in edit mode. */
export interface ExportedPolicy {
  text: string;
  edited: boolean;
}

export interface PolicyActionsProps {
  fileName: string;
  /** Read when the user acts, so that the buttons need not re-render with every change. */
  policy: () => ExportedPolicy;
  /** Further export actions the app adds (Export as). */
  extraActions?: ReactNode;
}

type ExportKind = 'copy' | 'download' | 'zip';

interface PendingExport {
  kind: ExportKind;
  what: string;
  concerns: ExportConcerns;
}

const ACTION_WORD: Record<ExportKind, string> = {
  copy: 'Copy anyway',
  download: 'Download anyway',
  zip: 'Download all anyway',
};

/** The findings of an edited text, from the validator (loaded on the first export of one). */
async function editedTextFindings(text: string): Promise<Diagnostic[]> {
  const { validate } = await import('@/core/validate/validate');
  return validate(text, { catalog }).diagnostics;
}

function ConcernsDialog({
  pending,
  onCancel,
  onConfirm,
}: {
  pending: PendingExport;
  onCancel(): void;
  onConfirm(): void;
}) {
  const { toFill, valuesToFill, errors } = pending.concerns;
  const shown = (lines: string[]) => (lines.length > 8 ? lines.slice(0, 8) : lines);
  return (
    <Dialog
      open
      onClose={onCancel}
      aria-labelledby="export-concerns-title"
      aria-describedby="export-concerns-text"
    >
      <DialogTitle id="export-concerns-title">Export an unfinished policy?</DialogTitle>
      {/* Focusable, so that a long list can be scrolled by keyboard on a small screen. */}
      <DialogContent tabIndex={0}>
        <DialogContentText id="export-concerns-text">
          {pending.what} still has{' '}
          {[
            errors.length > 0 ? `${errors.length} error${errors.length === 1 ? '' : 's'}` : '',
            toFill.length > 0
              ? `${countOf(valuesToFill, 'value')} to fill${toFill.length !== valuesToFill ? ` in ${countOf(toFill.length, 'field')}` : ''}`
              : '',
          ]
            .filter(Boolean)
            .join(' and ')}
          : AWS may refuse a policy with errors, or it may not do what you expect, and a placeholder
          matches nothing.
        </DialogContentText>
        {errors.length > 0 && (
          <Box component="ul" aria-label="Errors" sx={{ pl: 2.5, mb: 1 }}>
            {shown(errors).map((line) => (
              <li key={line}>{line}</li>
            ))}
            {errors.length > 8 && <li>and {errors.length - 8} more</li>}
          </Box>
        )}
        {toFill.length > 0 && (
          <Box component="ul" aria-label="To fill" sx={{ pl: 2.5, mb: 0 }}>
            {shown(toFill).map((line) => (
              <li key={line}>To fill: {line}</li>
            ))}
            {toFill.length > 8 && <li>and {toFill.length - 8} more</li>}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus>
          Cancel
        </Button>
        <Button variant="contained" onClick={onConfirm}>
          {ACTION_WORD[pending.kind]}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export const PolicyActions = memo(function PolicyActions({
  fileName,
  policy,
  extraActions,
}: PolicyActionsProps) {
  const store = useBuilderStoreApi();
  const edited = useBuilder(
    (state) => state.policyEditor.mode === 'edit' && state.policyEditor.draft !== undefined,
  );
  const [message, setMessage] = useState<string>();
  const [zipping, setZipping] = useState(false);
  const [pending, setPending] = useState<PendingExport>();

  const copy = async (text: string, label: string) => {
    try {
      await copyText(text);
      setMessage(`Copied ${label} to the clipboard (${formatCount(text.length)} characters).`);
    } catch (error) {
      setMessage(`Could not copy: ${(error as Error).message}`);
    }
  };

  const download = (text: string, label: string) => {
    saveFile(fileName, text);
    setMessage(`Downloaded ${label} as ${fileName}.`);
  };

  const downloadAll = async (config: PerimeterConfig) => {
    setZipping(true);
    try {
      const zip = await zipExport(config, 'json');
      saveFile(zip.fileName, zip.bytes, 'application/zip');
      setMessage(
        `Downloaded ${zip.policies} generated ${zip.policies === 1 ? 'policy' : 'policies'}, manifest.json and perimeter.json as ${zip.fileName}.`,
      );
    } catch (error) {
      setMessage(`Could not build the zip: ${(error as Error).message}`);
    } finally {
      setZipping(false);
    }
  };

  /** Runs the export at once when nothing is unfinished; asks first otherwise. */
  const exportPolicy = async (kind: ExportKind) => {
    const { config, view } = store.getState();
    if (kind === 'zip') {
      const concerns = exportConcerns(choicesFindings(config).blocking, catalog);
      if (!hasConcerns(concerns)) return downloadAll(config);
      return setPending({ kind, what: 'The set of generated policies', concerns });
    }
    const shown = policy();
    const label = shown.edited ? `your edited ${fileName}` : fileName;
    let findings: readonly Diagnostic[];
    if (shown.edited) findings = await editedTextFindings(shown.text);
    else {
      const target = previewTarget(config, view, catalog);
      findings = target.service
        ? previewPolicy(config, target.service, target.region, target.format).diagnostics
        : [];
    }
    const concerns = exportConcerns(findings, catalog);
    const run = () => (kind === 'copy' ? copy(shown.text, label) : download(shown.text, label));
    if (!hasConcerns(concerns)) return run();
    setPending({
      kind,
      what: shown.edited ? 'Your edited text' : `The policy ${fileName}`,
      concerns,
    });
  };

  const confirm = () => {
    const current = pending;
    setPending(undefined);
    if (!current) return;
    if (current.kind === 'zip') return void downloadAll(store.getState().config);
    const shown = policy();
    const label = shown.edited ? `your edited ${fileName}` : fileName;
    if (current.kind === 'copy') void copy(shown.text, label);
    else download(shown.text, label);
  };

  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
      <Button
        variant="contained"
        startIcon={<ContentCopy />}
        aria-label={edited ? `Copy edited: your ${fileName}` : 'Copy'}
        onClick={() => void exportPolicy('copy')}
      >
        {edited ? 'Copy edited' : 'Copy'}
      </Button>
      <Button
        variant="outlined"
        startIcon={<Download />}
        aria-label={edited ? `Download edited: your ${fileName}` : 'Download'}
        onClick={() => void exportPolicy('download')}
      >
        {edited ? 'Download edited' : 'Download'}
      </Button>
      <Button
        variant="outlined"
        startIcon={<FolderZipOutlined />}
        {...inertWhileBusy(zipping, () => void exportPolicy('zip'))}
      >
        {zipping ? 'Preparing the zip…' : 'Download all'}
      </Button>
      {extraActions}
      {pending && (
        <ConcernsDialog
          pending={pending}
          onCancel={() => setPending(undefined)}
          onConfirm={confirm}
        />
      )}
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
