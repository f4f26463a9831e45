/**
 * The policy of the previewed service: plain text at once, then Monaco (read-only JSON, colours,
 * folding, hovers that explain where each value comes from) once it has loaded, unless the reader
 * prefers plain text. Sets the `policy-visible` and `editor-ready` marks and records each
 * `preview-update` measure once the new policy is committed to the DOM.
 */
import Box from '@mui/material/Box';
import { useCallback, useLayoutEffect, useMemo, useState } from 'react';
import { catalog } from '@/core/catalog/catalog';
import { positionToOffset } from '@/core/finding-kinds';
import type { GeneratedPolicy } from '@/core/generate/generate';
import { CodeViewer, type CodeHighlight } from '@/shared/editor/code-viewer';
import { useMonaco } from '@/shared/editor/use-monaco';
import type { HoverSource } from '@/shared/editor/monaco-loader-types';
import { markOnce, measurePreviewUpdate } from '@/shared/instrumentation/performance-marks';
import { useBuilder } from '@/state/builder-store';
import { takeChoiceChange } from '@/state/choice-change-clock';
import { policyHover } from '@/shared/hover/policy-hover';
import { statementSpan } from '@/shared/policy-text/policy-locations';
import { PlainPolicyText } from './plain-policy-text';

const MODEL_URI = 'inmemory://vpce-policy/preview.json';

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
    </Box>
  );
}
