/**
 * One way to load a part of the app on demand: the import starts once, whoever asks first, and
 * React components read the module once it is there. A failed import can be asked for again.
 */
import { useEffect, useState } from 'react';

export interface LazyModule<T> {
  /** Starts the import (once) and resolves with the module. */
  load(): Promise<T>;
  /** The module if it has loaded already. */
  loaded(): T | undefined;
}

export function lazyModule<T>(importModule: () => Promise<T>): LazyModule<T> {
  let loading: Promise<T> | undefined;
  let value: T | undefined;
  return {
    load: () => {
      loading ??= importModule().then(
        (module) => (value = module),
        (error: unknown) => {
          // A network failure is not forever: the next request imports again.
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
    loaded: () => value,
  };
}

export interface LazyModuleState<T> {
  /** The module once loaded and wanted; undefined before and when not wanted. */
  module?: T;
  /** Why the import failed, if it did. */
  failure?: Error;
}

/** A lazy module in a component: wanting it starts the load; the component re-renders when it arrives. */
export function useLazyModule<T>(lazy: LazyModule<T>, wanted = true): LazyModuleState<T> {
  const [module, setModule] = useState<T | undefined>(lazy.loaded);
  const [failure, setFailure] = useState<Error>();
  useEffect(() => {
    if (!wanted || module !== undefined) return;
    let active = true;
    lazy.load().then(
      (loaded) => active && setModule(() => loaded),
      (error: unknown) =>
        active && setFailure(error instanceof Error ? error : new Error(String(error))),
    );
    return () => {
      active = false;
    };
  }, [lazy, wanted, module]);
  return wanted ? { module: module ?? lazy.loaded(), failure } : {};
}
