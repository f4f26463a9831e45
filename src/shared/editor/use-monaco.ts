/** The React side of the Monaco loader, kept apart so that the first screen does not carry it. */
import { useEffect, useState } from 'react';
import { loadedMonaco, loadMonaco, type MonacoModule } from './monaco-loader';

/** Monaco once loaded (undefined until then and when not wanted); wanting it starts the load. */
export function useMonaco(wanted: boolean): MonacoModule | undefined {
  const [module, setModule] = useState<MonacoModule | undefined>(loadedMonaco);
  const [failure, setFailure] = useState<Error>();
  useEffect(() => {
    if (!wanted || module) return;
    let active = true;
    loadMonaco().then(
      (m) => active && setModule(m),
      (error: unknown) =>
        active && setFailure(error instanceof Error ? error : new Error(String(error))),
    );
    return () => {
      active = false;
    };
  }, [wanted, module]);
  if (failure) throw failure;
  return wanted ? module : undefined;
}
