/** The React side of the Monaco loader, kept apart so that the first screen does not carry it. */
import { useLazyModule } from '@/shared/react/lazy-module';
import { monacoModule, type MonacoModule } from './monaco-loader';

/** Monaco once loaded (undefined until then and when not wanted); wanting it starts the load. */
export function useMonaco(wanted: boolean): MonacoModule | undefined {
  const { module, failure } = useLazyModule(monacoModule, wanted);
  // The page's error boundary says the editor could not be loaded and offers to reload.
  if (failure) throw failure;
  return module;
}
