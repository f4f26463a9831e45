/**
 * A read-only Monaco editor on one JSON text: syntax colouring, folding, find, and hovers from
 * the owner's hover source. It follows the app's colour scheme, reveals and highlights a range
 * on request, and says when its lines are painted. Mounted only once Monaco has loaded.
 */
import Box from '@mui/material/Box';
import { useColorScheme } from '@mui/material/styles';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { policyCodeOptions } from './editor-frame';
import type { editor, Range as MonacoRange } from 'monaco-editor/editor/editor.api';
import type { HoverSource, MonacoModule } from './monaco-loader-types';

export interface CodeHighlight {
  /** Character offsets, end exclusive. */
  start: number;
  end: number;
  /** Changes on every request, so that the same range can be revealed again. */
  nonce: number;
}

export interface CodeViewerProps {
  monaco: MonacoModule;
  value: string;
  ariaLabel: string;
  /** Identifies the text for hovers; one viewer per URI. */
  modelUri: string;
  hoverSource?: HoverSource;
  /** A new object asks for a reveal, even of the same range. */
  highlight?: CodeHighlight;
  /** Called once the editor has painted lines of the text. */
  onReady?: () => void;
  height: number | string;
}

/**
 * Replaces the model's text by editing only the part that changed, so that Monaco re-tokenizes
 * and redraws only the lines concerned (a statement turned off changes one block of the policy).
 */
function replaceText(
  model: editor.ITextModel,
  range: typeof MonacoRange,
  current: string,
  next: string,
): void {
  let start = 0;
  const shorter = Math.min(current.length, next.length);
  while (start < shorter && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let currentEnd = current.length;
  let nextEnd = next.length;
  while (
    currentEnd > start &&
    nextEnd > start &&
    current.charCodeAt(currentEnd - 1) === next.charCodeAt(nextEnd - 1)
  ) {
    currentEnd--;
    nextEnd--;
  }
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(currentEnd);
  model.applyEdits([
    {
      range: new range(from.lineNumber, from.column, to.lineNumber, to.column),
      text: next.slice(start, nextEnd),
    },
  ]);
}

export function CodeViewer({
  monaco: module,
  value,
  ariaLabel,
  modelUri,
  hoverSource,
  highlight,
  onReady,
  height,
}: CodeViewerProps) {
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<editor.IStandaloneCodeEditor | undefined>(undefined);
  const { colorScheme } = useColorScheme();
  const theme = colorScheme === 'dark' ? 'vs-dark' : 'vs';
  const latest = useRef({ value, onReady, ariaLabel, theme });
  useLayoutEffect(() => {
    latest.current = { value, onReady, ariaLabel, theme };
  });

  // Created in the commit that mounts the viewer and drawn at once, so that the first paint after
  // Monaco has loaded shows the policy in it; waiting for the effects after that paint and for
  // Monaco's own next frame cost two or three frames more.
  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    const { monaco } = module;
    const uri = monaco.Uri.parse(modelUri);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(latest.current.value, module.VIEWER_LANGUAGE, uri);
    const editor = monaco.editor.create(element, {
      model,
      readOnly: true,
      domReadOnly: true,
      ariaLabel: latest.current.ariaLabel,
      ...policyCodeOptions,
      renderLineHighlight: 'none',
      // Tab leaves the editor, so that keyboard users are not trapped in a read-only view.
      tabFocusMode: true,
      // A policy viewer needs no occurrence highlights, and they cost a redraw.
      occurrencesHighlight: 'off',
      selectionHighlight: false,
      theme: latest.current.theme,
    });
    editorRef.current = editor;
    const painted = () => Boolean(element.querySelector('.view-lines')?.textContent);
    editor.render();
    let frame = 0;
    (function waitForLines() {
      if (painted()) latest.current.onReady?.();
      else frame = requestAnimationFrame(waitForLines);
    })();
    return () => {
      cancelAnimationFrame(frame);
      editorRef.current = undefined;
      editor.dispose();
      model.dispose();
    };
  }, [module, modelUri]);

  useLayoutEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    const current = model.getValue();
    if (current === value) return;
    replaceText(model, module.monaco.Range, current, value);
    // Draw now rather than at the next animation frame: the editor shows the new text once this commit is done.
    editor.render();
  }, [module, value]);

  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel });
  }, [ariaLabel]);

  useEffect(() => {
    module.monaco.editor.setTheme(theme);
  }, [module, theme]);

  useEffect(
    () => (hoverSource ? module.setHoverSource(modelUri, hoverSource) : undefined),
    [module, modelUri, hoverSource],
  );

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || !highlight) return;
    const start = model.getPositionAt(highlight.start);
    const end = model.getPositionAt(highlight.end);
    const range = new module.monaco.Range(
      start.lineNumber,
      start.column,
      end.lineNumber,
      end.column,
    );
    editor.revealRangeNearTopIfOutsideViewport(range);
    editor.setSelection(
      new module.monaco.Range(start.lineNumber, start.column, start.lineNumber, start.column),
    );
    const decorations = editor.createDecorationsCollection([
      { range, options: { isWholeLine: true, className: 'code-viewer-highlight' } },
    ]);
    return () => decorations.clear();
  }, [module, highlight]);

  return (
    <Box
      ref={container}
      sx={{
        height,
        width: '100%',
        // A faint background keeps every token's contrast at 4.5:1 in both themes (the editor's
        // darkest string colour on action.selected fell to 3.8 in the dark theme); the bar at the
        // line's start is what marks the statement.
        '& .code-viewer-highlight': {
          bgcolor: 'action.hover',
          boxShadow: (theme) => `inset 3px 0 0 ${theme.palette.primary.main}`,
        },
      }}
    />
  );
}
