/**
 * The user's policy in an editable Monaco editor: the validator's diagnostics as markers, hovers
 * that explain recognized statements and values, a reveal of a range on request, and the cursor
 * reported to the page. The places of recognized statements are kept as decorations, which move
 * with the text, so hovers stay right while the JSON is broken and no new recognition can be made.
 */
import { useColorScheme } from '@mui/material/styles';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { catalog } from '@/core/catalog/catalog';
import type { Diagnostic, TextPosition } from '@/core/diagnostics';
import type { PolicyRecognition } from '@/core/validate/validate';
import { EditorFrame, policyCodeOptions } from '@/shared/editor/editor-frame';
import type { MonacoModule } from '@/shared/editor/monaco-loader-types';
import type { editor } from 'monaco-editor/editor/editor.api';
import { recognitionHover, type StatementPlace } from '@/shared/hover/recognition-hover';
import type { RevealRequest } from './problems-list';

export const DRAFT_MODEL_URI = 'inmemory://vpce-policy/draft.json';

export interface PolicySourceEditorProps {
  monaco: MonacoModule;
  text: string;
  onChange(text: string): void;
  /** Diagnostics and the text they were computed from; shown as markers only on that text. */
  checked?: { text: string; diagnostics: readonly Diagnostic[] };
  recognized?: { text: string; recognition: PolicyRecognition };
  reveal?: RevealRequest;
  onCursor(position: TextPosition): void;
  onReady(): void;
  ariaLabel: string;
  height: number | string;
}

const MARKER_OWNER = 'vpce-policy';

export function PolicySourceEditor({
  monaco: module,
  text,
  onChange,
  checked,
  recognized,
  reveal,
  onCursor,
  onReady,
  ariaLabel,
  height,
}: PolicySourceEditorProps) {
  const container = useRef<HTMLDivElement>(null);
  const editorRef = useRef<editor.IStandaloneCodeEditor | undefined>(undefined);
  const statements = useRef<{
    collection?: editor.IEditorDecorationsCollection;
    indexes: number[];
    recognition?: PolicyRecognition;
  }>({ indexes: [] });
  const latest = useRef({ text, onChange, onCursor, onReady, ariaLabel });
  useLayoutEffect(() => {
    latest.current = { text, onChange, onCursor, onReady, ariaLabel };
  });
  const { colorScheme } = useColorScheme();

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const { monaco } = module;
    const uri = monaco.Uri.parse(DRAFT_MODEL_URI);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(latest.current.text, 'json', uri);
    const created = monaco.editor.create(element, {
      model,
      ariaLabel: latest.current.ariaLabel,
      ...policyCodeOptions,
      tabSize: 2,
      // Files dropped on the editor are imported by the page, not inserted as text.
      dropIntoEditor: { enabled: false },
    });
    editorRef.current = created;
    const changes = model.onDidChangeContent(() => latest.current.onChange(model.getValue()));
    const cursor = created.onDidChangeCursorPosition((event) =>
      latest.current.onCursor({ line: event.position.lineNumber, column: event.position.column }),
    );
    const stopHovers = module.setHoverSource(uri.toString(), (hoverText, offset) => {
      const { collection, indexes, recognition } = statements.current;
      if (!collection || !recognition) return undefined;
      const places: StatementPlace[] = collection.getRanges().flatMap((range, i) => {
        const index = indexes[i];
        return index === undefined
          ? []
          : [
              {
                index,
                start: model.getOffsetAt(range.getStartPosition()),
                end: model.getOffsetAt(range.getEndPosition()),
              },
            ];
      });
      return recognitionHover(hoverText, offset, places, recognition, catalog);
    });
    let frame = requestAnimationFrame(function waitForLines() {
      if (element.querySelector('.view-lines')) latest.current.onReady();
      else frame = requestAnimationFrame(waitForLines);
    });
    return () => {
      cancelAnimationFrame(frame);
      changes.dispose();
      cursor.dispose();
      stopHovers();
      statements.current = { indexes: [] };
      editorRef.current = undefined;
      created.dispose();
      model.dispose();
    };
  }, [module]);

  // A text from outside (an import, a restart) replaces the model's as one undoable edit.
  useLayoutEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || model.getValue() === text) return;
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
  }, [text]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model || !checked || model.getValue() !== checked.text) return;
    const { MarkerSeverity } = module.monaco;
    const severity = {
      error: MarkerSeverity.Error,
      warning: MarkerSeverity.Warning,
      info: MarkerSeverity.Info,
    } as const;
    module.monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      checked.diagnostics.flatMap((d) =>
        d.range
          ? [
              {
                severity: severity[d.severity],
                code: d.code,
                message: d.hint ? `${d.message}\n${d.hint}` : d.message,
                source: 'vpce-policy',
                startLineNumber: d.range.start.line,
                startColumn: d.range.start.column,
                endLineNumber: d.range.end.line,
                endColumn: d.range.end.column,
              },
            ]
          : [],
      ),
    );
  }, [module, checked]);

  useEffect(() => {
    const created = editorRef.current;
    const model = created?.getModel();
    if (!created || !model || !recognized || model.getValue() !== recognized.text) return;
    const { recognition } = recognized;
    statements.current.collection?.clear();
    statements.current = {
      recognition,
      indexes: recognition.statements.map((_s, i) => i),
      collection: created.createDecorationsCollection(
        recognition.statements.map((s) => ({
          range: new module.monaco.Range(
            s.range.start.line,
            s.range.start.column,
            s.range.end.line,
            s.range.end.column,
          ),
          options: {
            description: 'recognized-statement',
            stickiness: module.monaco.editor.TrackedRangeStickiness.AlwaysGrowsWhenTypingAtEdges,
          },
        })),
      ),
    };
  }, [module, recognized]);

  useEffect(() => {
    const created = editorRef.current;
    if (!created || !reveal) return;
    const range = new module.monaco.Range(
      reveal.range.start.line,
      reveal.range.start.column,
      reveal.range.end.line,
      reveal.range.end.column,
    );
    created.revealRangeInCenterIfOutsideViewport(range);
    created.setSelection(range);
    created.focus();
  }, [module, reveal]);

  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel });
  }, [ariaLabel]);

  useEffect(() => {
    module.monaco.editor.setTheme(colorScheme === 'dark' ? 'vs-dark' : 'vs');
  }, [module, colorScheme]);

  return <EditorFrame ref={container} height={height} />;
}
