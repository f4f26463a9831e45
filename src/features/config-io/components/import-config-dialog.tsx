/**
 * Importing a configuration in the engine's format: a file (JSON with comments, or YAML) picked
 * or dropped, or text pasted. The engine parses and validates it; problems are listed with their
 * line and column, and nothing replaces the current choices until the text is valid. The dialog
 * lists what the import replaces (saved requests included), and the import can be undone.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { parseConfigText } from '@/core/config/parse-text';
import { MAX_CONFIG_CHARACTERS } from '@/core/config/structured-text';
import { configFormatFor, type ConfigTextFormat } from '@/core/config/text-format';
import { countOf, formatCount } from '@/shared/format/format-count';
import type { Diagnostic } from '@/core/diagnostics';
import { FileDropZone } from '@/shared/browser-io/file-drop-zone';
import { useBuilder, useBuilderActions, useBuilderStoreApi } from '@/state/builder-store';
import { describeWork } from '@/state/work-summary';
import { DiscardList } from './discard-list';

function where(diagnostic: Diagnostic): string {
  const position = diagnostic.range
    ? `line ${diagnostic.range.start.line}, column ${diagnostic.range.start.column}`
    : '';
  return [position, diagnostic.path].filter(Boolean).join(' · ');
}

export default function ImportConfigDialog({ onClose }: { onClose: () => void }) {
  const { discardWork, pushNotice } = useBuilderActions();
  const store = useBuilderStoreApi();
  const current = useBuilder((state) => state.config);
  const [text, setText] = useState('');
  const [source, setSource] = useState<{ name: string; format: ConfigTextFormat }>({
    name: 'pasted text',
    format: 'json',
  });
  const result = useMemo(
    () => (text.trim() === '' ? undefined : parseConfigText(text, { format: source.format })),
    [text, source.format],
  );
  const problems = result?.diagnostics ?? [];
  // Why a file or a paste was not put in the text box: too large to be a configuration (a text
  // of megabytes would make the box itself slow to type in), or empty.
  const [refused, setRefused] = useState<string>();

  const tooLarge = (what: string, characters: string) =>
    `${what} is ${characters}; a configuration is at most ${formatCount(MAX_CONFIG_CHARACTERS)} characters, so it was not opened. Is this the right file?`;

  const readFile = async (file: File) => {
    // A character takes at least one byte: over four bytes a character, the file is surely too
    // large, and it is not read at all.
    if (file.size > 4 * MAX_CONFIG_CHARACTERS) {
      setRefused(tooLarge(file.name, `${formatCount(file.size)} bytes`));
      return;
    }
    const content = await file.text();
    if (content.length > MAX_CONFIG_CHARACTERS) {
      setRefused(tooLarge(file.name, `${formatCount(content.length)} characters`));
      return;
    }
    if (content.trim() === '') {
      setRefused(`${file.name} is empty: expected a configuration in JSON or YAML.`);
      return;
    }
    setRefused(undefined);
    setSource({ name: file.name, format: configFormatFor(file.name) });
    setText(content);
  };

  const importConfig = () => {
    if (!result?.config) return;
    discardWork(`Import of ${source.name}`, {
      config: result.config,
      view: store.getState().view,
    });
    pushNotice({
      id: 'discarded',
      severity: 'success',
      title: `Imported the choices of ${source.name}.`,
      details: problems.map((d) => d.message),
      actions: [{ kind: 'undo-discard', label: 'Undo import' }],
    });
    onClose();
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="md" aria-labelledby="import-title">
      <DialogTitle id="import-title">Import a configuration</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>
          A perimeter configuration as the command line reads it (<code>vpce-policy init</code>{' '}
          writes an example): JSON, comments allowed, or YAML. It replaces every current choice.
        </DialogContentText>
        <Box sx={{ mb: 2 }}>
          <FileDropZone
            prompt="Drop a file here, or"
            buttonLabel="Choose a file"
            accept=".json,.jsonc,.yaml,.yml,application/json,text/yaml"
            onDrop={(transfer) => {
              const file = transfer.files[0];
              if (file) void readFile(file);
            }}
            onPick={(file) => void readFile(file)}
          />
        </Box>
        <TextField
          label={
            source.name === 'pasted text'
              ? 'Or paste the configuration'
              : `Configuration from ${source.name}`
          }
          value={text}
          onChange={(event) => {
            if (event.target.value.length > MAX_CONFIG_CHARACTERS) {
              setRefused(
                tooLarge('The pasted text', `${formatCount(event.target.value.length)} characters`),
              );
              return;
            }
            setRefused(undefined);
            setText(event.target.value);
            if (source.name !== 'pasted text')
              setSource({ name: 'pasted text', format: source.format });
          }}
          multiline
          minRows={6}
          maxRows={16}
          slotProps={{ htmlInput: { spellCheck: false, style: { fontFamily: 'monospace' } } }}
        />
        <Box sx={{ display: 'flex', gap: 1, mt: 1, alignItems: 'center' }}>
          <Typography variant="caption">Format:</Typography>
          <Button
            size="small"
            variant={source.format === 'json' ? 'contained' : 'text'}
            aria-pressed={source.format === 'json'}
            onClick={() => setSource({ ...source, format: 'json' })}
          >
            JSON
          </Button>
          <Button
            size="small"
            variant={source.format === 'yaml' ? 'contained' : 'text'}
            aria-pressed={source.format === 'yaml'}
            onClick={() => setSource({ ...source, format: 'yaml' })}
          >
            YAML
          </Button>
        </Box>
        {refused && (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            {refused}
          </Alert>
        )}
        {problems.length > 0 && (
          <Box
            role="status"
            // Paths such as parameters.thirdPartyIdentitiesToThirdPartyResources.accounts[0] wrap
            // on a phone rather than run past the dialog's edge.
            sx={{
              mt: 2,
              display: 'flex',
              flexDirection: 'column',
              gap: 1,
              overflowWrap: 'anywhere',
            }}
          >
            {problems.slice(0, 20).map((diagnostic, index) => (
              <Alert
                key={index}
                severity={diagnostic.severity === 'info' ? 'info' : diagnostic.severity}
                role="none"
              >
                {where(diagnostic) && <strong>{where(diagnostic)}: </strong>}
                {diagnostic.message}
                {diagnostic.hint ? ` ${diagnostic.hint}` : ''}
              </Alert>
            ))}
          </Box>
        )}
        {result?.config && problems.length === 0 && (
          <Typography role="status" variant="body2" sx={{ mt: 2, color: 'success.main' }}>
            {`Valid: ${countOf(result.config.services.length, 'service')}, ${countOf(result.config.regions.length, 'region')}.`}
          </Typography>
        )}
        {result?.config && (
          <DiscardList label="Replaced by the import" lines={describeWork(current)} />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" disabled={!result?.config} onClick={importConfig}>
          Import
        </Button>
      </DialogActions>
    </Dialog>
  );
}
