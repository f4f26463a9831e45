/** Types of the Monaco module, importable without loading Monaco. */
export type { HoverAnswer, HoverSource } from './monaco-setup';
export type { MonacoModule } from './monaco-loader';
