/**
 * The one way into Monaco: a dynamic import of `monaco-setup.ts`, started once, so that the
 * editor and its workers load after the first screen and the rest of the app never touches
 * Monaco's globals.
 */
import { useEffect, useState } from 'react';
import type * as MonacoSetup from './monaco-setup';

export type MonacoModule = typeof MonacoSetup;

let loading: Promise<MonacoModule> | undefined;
let loaded: MonacoModule | undefined;

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
    if (typeof href !== 'string' || document.querySelector(`link[href="${CSS.escape(href)}"]`)) return;
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

/** Monaco once loaded (undefined until then and when not wanted); wanting it starts the load. */
export function useMonaco(wanted: boolean): MonacoModule | undefined {
  const [module, setModule] = useState<MonacoModule | undefined>(() => loaded);
  const [failure, setFailure] = useState<Error>();
  useEffect(() => {
    if (!wanted || module) return;
    let active = true;
    loadMonaco().then(
      (m) => active && setModule(m),
      (error: unknown) => active && setFailure(error instanceof Error ? error : new Error(String(error))),
    );
    return () => {
      active = false;
    };
  }, [wanted, module]);
  if (failure) throw failure;
  return wanted ? module : undefined;
}
