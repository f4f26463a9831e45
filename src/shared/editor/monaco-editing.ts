/**
 * What Monaco needs beyond the read-only viewer when the user edits a policy or compares it:
 * going from problem to problem (F8), formatting, line and word operations, multiple cursors,
 * indentation, and the diff editor's commands and accessible diff viewer. Loaded by
 * `loadMonacoEditing()` in `monaco-loader.ts` the first time the user edits, never before.
 */
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/gotoError/register';
import 'monaco-editor/features/indentation/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/multicursor/register';
import 'monaco-editor/features/wordOperations/register';
