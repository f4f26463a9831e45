/**
 * The user's own policy, in place of the generated one: the editor (Monaco, or a plain text area
 * for readers who prefer plain text), the validator's problems, what the policy contains with
 * "Adopt", importing by file, drop or paste, and the comparison with the generated policy. The
 * text lives in the store (it is the user's work); everything shown about it is derived from it.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ToggleButton from '@mui/material/ToggleButton';
import Typography from '@mui/material/Typography';
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type ReactNode,
} from 'react';
import { POLICY_SIZE_LIMIT } from '@/core/catalog/ids';
import { offsetRange, type TextPosition, type TextRange } from '@/core/diagnostics';
import { countFindings, describeCounts, type TextFix } from '@/core/finding-kinds';
import { monacoEditingModule } from '@/shared/editor/monaco-loader';
import { useLazyModule } from '@/shared/react/lazy-module';
import { formatCount } from '@/shared/format/format-count';
import { statementSpan } from '@/shared/policy-text/policy-locations';
import { useBuilder, useBuilderActions, useBuilderStoreApi } from '@/state/builder-store';
import type { DraftOrigin } from '@/state/policy-editor-slice';
import { plainTextReason } from '../editor-fit';
import { readTransfer, type PolicyReading } from '../read-policy-file';
import type { PolicyCheckOptions } from '@/shared/validation/validation-protocol';
import { usePolicyValidation } from '@/shared/validation/use-policy-validation';
import type { GeneratedForEditing } from './policy-editor-gate';
import { ImportArea } from './import-area';
import PolicyDiff from './policy-diff';
import { PlainSourceEditor } from './plain-source-editor';
import { PolicySourceEditor } from './policy-source-editor';
import { ProblemsList, type ProblemFixes, type RevealRequest } from './problems-list';
import { StartAgainDialog } from './start-again-dialog';
import { RecognitionSummary } from './recognition-summary';
import { inLayoutOf } from '../compare-layout';

/** The editor's height: most of the window, at least 15 lines. */
const HEIGHT = 'max(300px, calc(100dvh - 380px))';
/** Characters of an unfit text shown as its beginning. */
const EXCERPT_CHARACTERS = 4000;

/** A policy started from a generated one is checked for its service and regions; others are read as they come. */
export function checkOptionsFor(origin: DraftOrigin | undefined): PolicyCheckOptions {
  return origin?.kind === 'generated'
    ? { service: origin.service, ...(origin.regions.length > 0 ? { regions: origin.regions } : {}) }
    : {};
}

function originText(origin: DraftOrigin | undefined): string {
  if (!origin) return '';
  if (origin.kind === 'generated') return `Started from the generated ${origin.service} policy.`;
  if (origin.kind === 'file') return `Imported from ${origin.name}.`;
  return 'Pasted.';
}

/** The beginning of a text that is not opened for editing, lines cut short, so that it costs nothing to show. */
function textExcerpt(text: string): string {
  return text
    .slice(0, EXCERPT_CHARACTERS)
    .split('\n')
    .slice(0, 40)
    .map((line) => (line.length > 160 ? `${line.slice(0, 160)}…` : line))
    .join('\n');
}

export default function PolicyWorkbench({ generated }: { generated: GeneratedForEditing }) {
  const draft = useBuilder((state) => state.policyEditor.draft);
  const importOpen = useBuilder((state) => state.importOpen);
  const canRestore = useBuilder((state) => state.replacedDraft !== undefined);
  const notSaved = useBuilder((state) => state.draftNotSaved);
  const policyView = useBuilder((state) => state.view.policyView);
  const { setDraftText, replaceDraft, restoreReplacedDraft, setImportOpen } = useBuilderActions();
  const text = draft?.text ?? '';
  // Why the text is not opened for editing (far too large, a huge line, deep nesting), if so.
  const unfit = useMemo(() => plainTextReason(text), [text]);
  const [comparing, setComparing] = useState(false);
  // A failure to load Monaco leaves the plain text area in charge.
  const { module: monaco, failure: loadFailure } = useLazyModule(
    monacoEditingModule,
    (policyView === 'editor' || comparing) && !unfit,
  );
  const failure = loadFailure?.message;
  const [editorReady, setEditorReady] = useState(false);
  const [reveal, setReveal] = useState<RevealRequest>();
  const [cursor, setCursor] = useState<TextPosition>({ line: 1, column: 1 });
  const [refused, setRefused] = useState<string>();
  const nonce = useRef(0);
  const options = useMemo(() => checkOptionsFor(draft?.origin), [draft?.origin]);
  const useCodeEditor = policyView === 'editor' && monaco !== undefined && !unfit;
  const { outcome, recognized, checking } = usePolicyValidation(
    text,
    options,
    editorReady || policyView === 'text' || failure !== undefined || unfit !== undefined,
    draft?.origin,
  );
  const validation = outcome?.validation;

  const onTextChange = useCallback(
    (next: string) => {
      // A paste that makes the text unfit to edit replaces it as a whole, so that the text before can be brought back.
      if (plainTextReason(next)) replaceDraft({ text: next, origin: { kind: 'pasted' } });
      else setDraftText(next);
    },
    [replaceDraft, setDraftText],
  );
  const onReveal = useCallback((range: TextRange) => {
    setComparing(false);
    setReveal({ range, nonce: ++nonce.current });
  }, []);
  const onEditorReady = useCallback(() => setEditorReady(true), []);
  const fixes = useMemo<ProblemFixes>(
    () => ({
      text,
      applyFix: (fix: TextFix) =>
        setDraftText(text.slice(0, fix.start) + fix.replacement + text.slice(fix.end)),
      // The value goes in as JSON string content, so that a quote or backslash cannot break the text.
      fillPlaceholder: (placeholder: string, value: string) =>
        setDraftText(text.split(placeholder).join(JSON.stringify(value).slice(1, -1))),
    }),
    [text, setDraftText],
  );
  // A statement revealed by Sid elsewhere on the page (the simulator's verdict, the explanations)
  // is revealed in the user's text when the text has a statement with that Sid; a place (a
  // finding the simulator lists) is revealed as a click in the problems list reveals it.
  const store = useBuilderStoreApi();
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (!state.reveal || state.reveal === previous.reveal) return;
        if (state.reveal.range) return onReveal(state.reveal.range);
        const shown = state.policyEditor.draft?.text ?? '';
        const span = statementSpan(shown, state.reveal.sid);
        if (span) onReveal(offsetRange(shown, span.start, span.end - span.start));
      }),
    [store, onReveal],
  );
  const onRead = useCallback(
    (reading: PolicyReading) => {
      if ('refused' in reading) return setRefused(reading.refused);
      setRefused(undefined);
      replaceDraft(reading.draft);
      setImportOpen(false);
    },
    [replaceDraft, setImportOpen],
  );
  const [confirmingStart, setConfirmingStart] = useState(false);
  const startAgain = () =>
    replaceDraft({
      text: generated.text,
      origin: { kind: 'generated', service: generated.service, regions: generated.regions },
    });

  // A file dropped anywhere on the workbench (the editor included) is imported.
  const onDragOver = (event: DragEvent) => {
    if (event.dataTransfer.types.includes('Files')) event.preventDefault();
  };
  const onDrop = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    void readTransfer(event.dataTransfer).then((reading) => reading && onRead(reading));
  };

  const size = validation?.size;
  let editorArea: ReactNode;
  if (unfit) {
    editorArea = (
      <>
        <Alert severity="error" sx={{ my: 1 }}>
          This text is not opened for editing: {unfit}. Its problems are listed below. Bring back
          the text it replaced, import another policy or start again from the generated one.
        </Alert>
        <Box
          component="pre"
          role="region"
          aria-label="Beginning of the text"
          tabIndex={0}
          sx={{
            m: 0,
            p: 1,
            maxHeight: 240,
            overflow: 'auto',
            fontSize: 13,
            border: 1,
            borderColor: 'divider',
            borderRadius: 1,
          }}
        >
          {textExcerpt(text)}
        </Box>
      </>
    );
  } else if (comparing) {
    editorArea = monaco ? (
      <PolicyDiff
        monaco={monaco}
        generated={inLayoutOf(generated.text, text)}
        generatedName={generated.fileName}
        yours={text}
        height={HEIGHT}
      />
    ) : (
      <Typography role="status">
        {failure ? `The comparison could not be loaded: ${failure}` : 'Loading the comparison…'}
      </Typography>
    );
  } else if (useCodeEditor) {
    editorArea = (
      <>
        <PolicySourceEditor
          monaco={monaco}
          text={text}
          onChange={onTextChange}
          checked={
            validation && outcome
              ? { text: outcome.text, diagnostics: validation.diagnostics }
              : undefined
          }
          recognized={recognized}
          reveal={reveal}
          onCursor={setCursor}
          onReady={onEditorReady}
          ariaLabel="Policy text (editable)"
          height={HEIGHT}
        />
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
          F8 goes to the next problem; Ctrl+M switches Tab between indenting and moving the focus.
        </Typography>
      </>
    );
  } else {
    editorArea = (
      <PlainSourceEditor
        text={text}
        onChange={onTextChange}
        reveal={reveal}
        onCursor={setCursor}
        label="Policy text (editable)"
        height={HEIGHT}
      />
    );
  }

  return (
    <Box
      component="section"
      aria-label="Your policy"
      onDragOver={onDragOver}
      onDrop={onDrop}
      sx={{ flex: { md: '1 1 0' }, minHeight: { md: 0 }, overflowY: { md: 'auto' } }}
    >
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
        <Typography variant="body2" sx={{ flex: '1 1 200px' }}>
          {originText(draft?.origin)}
        </Typography>
        <ToggleButton
          value="compare"
          selected={comparing}
          disabled={unfit !== undefined}
          onChange={() => setComparing(!comparing)}
        >
          Compare with generated
        </ToggleButton>
        {canRestore && (
          <Button variant="outlined" onClick={restoreReplacedDraft}>
            Bring back the replaced text
          </Button>
        )}
        <Button onClick={() => setConfirmingStart(true)}>
          Start again from the generated policy
        </Button>
      </Box>
      {confirmingStart && (
        <StartAgainDialog
          draft={draft}
          generatedName={generated.fileName}
          onCancel={() => setConfirmingStart(false)}
          onConfirm={() => {
            setConfirmingStart(false);
            startAgain();
          }}
        />
      )}
      {importOpen && (
        <ImportArea onRead={onRead} onClose={() => setImportOpen(false)} refused={refused} />
      )}
      {!importOpen && refused && (
        <Alert severity="error" role="alert" sx={{ my: 1 }}>
          {refused}
        </Alert>
      )}
      {notSaved && (
        <Alert severity="warning" sx={{ my: 1 }}>
          {notSaved.reason === 'too-large'
            ? `The text is too large to keep in this browser (${formatCount(notSaved.characters)} characters); after a reload you get back the last text that was kept.`
            : 'The browser refused to keep the text (its storage is full or disabled); copy or download it to keep it.'}
        </Alert>
      )}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'baseline', my: 1 }}>
        <Typography variant="body2" role="status" sx={{ fontWeight: 600 }}>
          {checking
            ? 'Checking…'
            : validation
              ? // Notes too: the list below shows them, and "No problems" above a list would not do.
                describeCounts(countFindings(validation.diagnostics), { notes: true })
              : outcome?.failure
                ? `The check failed: ${outcome.failure}`
                : ''}
        </Typography>
        {size && (
          <Typography
            variant="caption"
            color={size.characters > POLICY_SIZE_LIMIT ? 'error' : 'text.secondary'}
          >
            {formatCount(size.characters)} of {formatCount(POLICY_SIZE_LIMIT)} characters as
            written, whitespace included
            {size.minifiedCharacters !== undefined
              ? `; ${formatCount(size.minifiedCharacters)} minified`
              : ''}
          </Typography>
        )}
        {!unfit && (
          <Typography
            variant="caption"
            color="text.secondary"
            component="output"
            aria-label="Cursor position"
          >
            Line {cursor.line}, column {cursor.column}
          </Typography>
        )}
      </Box>
      {editorArea}
      <Typography variant="h3" sx={{ mt: 2, mb: 0.5 }}>
        Problems
      </Typography>
      {validation ? (
        <ProblemsList
          diagnostics={validation.diagnostics}
          onReveal={onReveal}
          fixes={outcome?.text === text ? fixes : undefined}
        />
      ) : (
        <Typography variant="body2">Checking the policy…</Typography>
      )}
      {recognized && (
        <RecognitionSummary
          recognition={recognized.recognition}
          stale={recognized.text !== outcome?.text}
          onReveal={onReveal}
        />
      )}
    </Box>
  );
}
