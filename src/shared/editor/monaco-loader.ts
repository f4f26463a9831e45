/**
 * The one way into Monaco: a dynamic import of `monaco-setup.ts`, started once, so that the
 * editor and its workers load after the first screen and the rest of the app never touches
 * Monaco's globals.
 */
import type * as MonacoSetup from './monaco-setup';

export type MonacoModule = typeof MonacoSetup;

let loading: Promise<MonacoModule> | undefined;
let loaded: MonacoModule | undefined;

/** Monaco if it has loaded already. */
export function loadedMonaco(): MonacoModule | undefined {
  return loaded;
}

/**
 * Has the browser download and compile the editor's files without running them (the build names
 * them in the page): running Monaco takes the main thread for a while, which should come after
 * the policy text is on screen, while the download need not wait.
 */
export function prefetchMonaco(): void {
  if (loading) return;
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

export function loadMonaco(): Promise<MonacoModule> {
  loading ??= import('./monaco-setup').then((module) => {
    loaded = module;
    return module;
  });
  return loading;
}

let editing: Promise<MonacoModule> | undefined;

/** Monaco with the contributions of editing and comparing (`monaco-editing.ts`), for the policy editor. */
export function loadMonacoEditing(): Promise<MonacoModule> {
  editing ??= Promise.all([loadMonaco(), import('./monaco-editing')]).then(([module]) => module);
  return editing;
}
