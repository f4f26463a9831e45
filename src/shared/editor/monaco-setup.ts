/**
 * Monaco as the app uses it, set up once: the editor API with the contributions a policy viewer
 * needs (folding, hovers, find, bracket matching, copy, keyboard navigation), the JSON language
 * with its worker, and workers bundled by Vite and served by the app itself (never a CDN).
 * Only `monaco-loader.ts` imports this module, dynamically.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/cursorUndo/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/gotoLine/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/links/register';
import 'monaco-editor/features/readOnlyMessage/register';
import 'monaco-editor/features/smartSelect/register';
import 'monaco-editor/features/toggleTabFocusMode/register';
import 'monaco-editor/features/wordHighlighter/register';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
// The JSON mode, loaded once the first JSON model exists, registers every editor contribution,
// but Monaco takes its services only once, when the first editor starts: the services those
// contributions need are registered here, before, so that a second editor (the plain-text view
// switched back, the policy editor, the diff) does not fail to create them.
import 'monaco-editor/editor/common/services/treeViewsDndService';
import 'monaco-editor/editor/contrib/codelens/browser/codeLensCache';
import 'monaco-editor/editor/contrib/documentSymbols/browser/outlineModel';
import 'monaco-editor/editor/contrib/suggest/browser/suggestMemory';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';

self.MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) =>
    label === 'json' ? new JsonWorker() : new EditorWorker(),
};

// Policies are plain JSON: no comments, no trailing commas, and no schema fetched from anywhere.
// The policy validator is the one source of diagnostics (markers of owner "vpce-policy" in the
// policy editor); the JSON worker's own would repeat its syntax errors in other words.
jsonDefaults.setDiagnosticsOptions({
  validate: false,
  allowComments: false,
  trailingCommas: 'error',
  schemas: [],
  enableSchemaRequest: false,
});

/**
 * The read-only viewer's language: JSON colours from a small tokenizer on the main thread, and
 * folding by indentation. Unlike Monaco's JSON language it starts no worker and loads no JSON
 * mode: the generated policy needs no validation, formatting or completion, so showing it costs
 * only the editor itself. The policy editor keeps the JSON language.
 */
export const VIEWER_LANGUAGE = 'policy-json';
monaco.languages.register({ id: VIEWER_LANGUAGE });
monaco.languages.setLanguageConfiguration(VIEWER_LANGUAGE, {
  brackets: [
    ['{', '}'],
    ['[', ']'],
  ],
});
// Token names end in `.json` so that the vs and vs-dark themes colour them as JSON.
monaco.languages.setMonarchTokensProvider(VIEWER_LANGUAGE, {
  tokenPostfix: '.json',
  tokenizer: {
    root: [
      [/"(?:[^"\\]|\\.)*"(?=\s*:)/, 'string.key'],
      [/"(?:[^"\\]|\\.)*"/, 'string.value'],
      [/-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/, 'number'],
      [/\b(?:true|false|null)\b/, 'keyword'],
      [/[{}[\]]/, 'delimiter.bracket'],
      [/[,:]/, 'delimiter'],
    ],
  },
});

/** What a hover over a range of a model's text says, in Markdown paragraphs. */
export interface HoverAnswer {
  /** Character offsets in the model's text, end exclusive. */
  start: number;
  end: number;
  contents: string[];
}

export type HoverSource = (text: string, offset: number) => HoverAnswer | undefined;

const hoverSources = new Map<string, HoverSource>();

const hoverProvider: Parameters<typeof monaco.languages.registerHoverProvider>[1] = {
  provideHover(model, position) {
    const source = hoverSources.get(model.uri.toString());
    if (!source) return null;
    const answer = source(model.getValue(), model.getOffsetAt(position));
    if (!answer) return null;
    const start = model.getPositionAt(answer.start);
    const end = model.getPositionAt(answer.end);
    return {
      range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
      contents: answer.contents.map((value) => ({ value, isTrusted: false, supportHtml: false })),
    };
  },
};
monaco.languages.registerHoverProvider('json', hoverProvider);
monaco.languages.registerHoverProvider(VIEWER_LANGUAGE, hoverProvider);

/** Lets a model's owner explain what is under the mouse; returns the function that stops it. */
export function setHoverSource(uri: string, source: HoverSource): () => void {
  hoverSources.set(uri, source);
  return () => {
    if (hoverSources.get(uri) === source) hoverSources.delete(uri);
  };
}

export { monaco };
