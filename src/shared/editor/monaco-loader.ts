/**
 * The one way into Monaco: a dynamic import of `monaco-setup.ts`, started once, so that the
 * editor and its workers load after the first screen and the rest of the app never touches
 * Monaco's globals.
 */
import { lazyModule } from '@/shared/react/lazy-module';
import type * as MonacoSetup from './monaco-setup';

export type MonacoModule = typeof MonacoSetup;

/** Monaco set up for the app (the viewer's contributions and the JSON language). */
export const monacoModule = lazyModule<MonacoModule>(() => import('./monaco-setup'));

/** Monaco with the contributions of editing and comparing (`monaco-editing.ts`), for the policy editor. */
export const monacoEditingModule = lazyModule<MonacoModule>(() =>
  Promise.all([monacoModule.load(), import('./monaco-editing')]).then(([module]) => module),
);

export const loadMonaco = monacoModule.load;
