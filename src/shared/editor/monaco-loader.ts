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

/**
 * Has the browser download and compile the editor's files without running them (the build names
 * them in the page): running Monaco takes the main thread for a while, which should come after
 * the policy text is on screen, while the download need not wait.
 */
export function prefetchMonaco(): void {
  if (monacoModule.loaded()) return;
  const listed = document.getElementById('editor-files')?.textContent;
  if (!listed) return;
  let files: { js?: unknown; css?: unknown };
  try {
    files = JSON.parse(listed) as { js?: unknown; css?: unknown };
  } catch {
    return;
  }
  const add = (rel: string, href: unknown, as?: string) => {
    if (typeof href !== 'string' || document.querySelector(`link[href="${CSS.escape(href)}"]`))
      return;
    const link = document.createElement('link');
    link.rel = rel;
    link.href = href;
    link.crossOrigin = '';
    if (as) link.as = as;
    document.head.append(link);
  };
  for (const href of Array.isArray(files.js) ? files.js : []) add('modulepreload', href);
  for (const href of Array.isArray(files.css) ? files.css : []) add('preload', href, 'style');
}
