/**
 * The policy of the previewed service: plain text at once, then Monaco (read-only JSON, colours,
 * folding, hovers that explain where each value comes from) once it has loaded, unless the reader
 * prefers plain text. Sets the `policy-visible` and `editor-ready` marks and records each
 * `preview-update` measure once the new policy is committed to the DOM.
 */
import Box from '@mui/material/Box';
import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { catalog } from '@/core/catalog/catalog';
import { offsetToPosition } from '@/core/diagnostics';
import { positionToOffset } from '@/core/finding-kinds';
import type { GeneratedPolicy } from '@/core/generate/generate';
import { CodeViewer, type CodeHighlight } from '@/shared/editor/code-viewer';
import { useMonaco } from '@/shared/editor/use-monaco';
import type { HoverSource } from '@/shared/editor/monaco-loader-types';
import { markOnce, measurePreviewUpdate } from '@/shared/instrumentation/performance-marks';
import { VISUALLY_HIDDEN } from '@/shared/react/visually-hidden';
import { useBuilder } from '@/state/builder-store';
import type { RevealRequest } from '@/state/session-slice';
import { takeChoiceChange } from '@/state/choice-change-clock';
import { policyHover } from '@/shared/hover/policy-hover';
import { statementSpan } from '@/shared/policy-text/policy-locations';
import { PlainPolicyText } from './plain-policy-text';

const MODEL_URI = 'inmemory://vpce-policy/preview.json';

/** Where a "Show in policy" marked the policy, in words for a screen reader. */
function describeReveal(
  reveal: RevealRequest,
  highlight: CodeHighlight | undefined,
  text: string,
): string {
  if (!highlight)
    return reveal.sid !== undefined
      ? `${reveal.sid} is not in the policy shown.`
      : 'That place is not in the policy shown.';
  const from = offsetToPosition(text, highlight.start).line;
  const to = offsetToPosition(text, Math.max(highlight.start, highlight.end - 1)).line;
  const lines = from === to ? `line ${from}` : `lines ${from} to ${to}`;
  return reveal.sid !== undefined
    ? `Marked ${reveal.sid} in the policy, ${lines}.`
    : `Marked ${lines} of the policy.`;
}

export function PolicyView({
  generated,
  fileName,
}: {
  generated: GeneratedPolicy;
  fileName: string;
}) {
  const policyView = useBuilder((state) => state.view.policyView);
  const reveal = useBuilder((state) => state.reveal);
  const monaco = useMonaco(policyView === 'editor');
  const [editorReady, setEditorReady] = useState(false);
  const text = generated.text;

  useLayoutEffect(() => {
    markOnce('vpce:policy-visible');
  }, []);

  useLayoutEffect(() => {
    // Runs after the commit that put this policy in the DOM (and in the editor's model).
    const since = takeChoiceChange();
    if (since !== undefined) measurePreviewUpdate(since);
  }, [generated]);

  const highlight = useMemo<CodeHighlight | undefined>(() => {
    if (!reveal) return undefined;
    if (reveal.range) {
      const start = positionToOffset(text, reveal.range.start);
      const end = positionToOffset(text, reveal.range.end);
      return start !== undefined ? { start, end: end ?? start, nonce: reveal.nonce } : undefined;
    }
    const span = statementSpan(text, reveal.sid);
    return span ? { ...span, nonce: reveal.nonce } : undefined;
  }, [reveal, text]);

  // The mark is drawn; a screen reader is told where it is, once per request (not again when
  // the policy changes under a mark already made).
  const [revealNote, setRevealNote] = useState<{ nonce: number; text: string }>();
  useEffect(() => {
    if (!reveal || revealNote?.nonce === reveal.nonce) return;
    setRevealNote({ nonce: reveal.nonce, text: describeReveal(reveal, highlight, text) });
  }, [reveal, highlight, text, revealNote]);

  const hoverSource = useMemo<HoverSource>(
    () => (hoverText, offset) => {
      if (hoverText !== generated.text) return undefined;
      const hover = policyHover(hoverText, offset, generated, catalog);
      return hover ? { ...hover.span, contents: hover.contents } : undefined;
    },
    [generated],
  );

  const onEditorReady = useCallback(() => {
    setEditorReady(true);
    markOnce('vpce:editor-ready');
  }, []);

  const label = `Policy ${fileName}`;
  const showEditor = policyView === 'editor' && monaco !== undefined;
  // The policy takes the height the pane leaves (at least 15 lines); on a narrow screen, where
  // the page scrolls, most of the window.
  return (
    <Box
      sx={{
        position: 'relative',
        flex: '1 1 0',
        minHeight: 300,
        height: { xs: 'calc(100dvh - 170px)', md: 'auto' },
      }}
    >
      {showEditor && (
        <Box
          sx={{ position: 'absolute', inset: 0, visibility: editorReady ? 'visible' : 'hidden' }}
        >
          <CodeViewer
            monaco={monaco}
            value={text}
            ariaLabel={`${label} (read-only)`}
            modelUri={MODEL_URI}
            hoverSource={hoverSource}
            highlight={highlight}
            onReady={onEditorReady}
            height="100%"
          />
        </Box>
      )}
      {(!showEditor || !editorReady) && (
        <Box sx={{ position: 'absolute', inset: 0 }}>
          <PlainPolicyText text={text} label={label} highlight={highlight} height="100%" />
        </Box>
      )}
      <Box role="status" sx={VISUALLY_HIDDEN}>
        {revealNote?.text}
      </Box>
    </Box>
  );
}
