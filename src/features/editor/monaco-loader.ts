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
