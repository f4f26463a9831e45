/**
 * The React side of the Monaco loader, kept apart so that the first screen does not carry it.
 * The read-only viewer's Monaco starts when the browser is idle and the user is not in the middle
 * of an interaction (the plain text is on screen meanwhile), or at once when the user asks for it.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { useLazyModule } from '@/shared/react/lazy-module';
import { whenIdle } from '@/shared/react/idle';
import { monacoModule, type MonacoModule } from './monaco-loader';

/** Whether Monaco may start: once idle, or once asked for; never goes back. */
let started = false;
let scheduled = false;
const listeners = new Set<() => void>();

function allowStart(): void {
  if (started) return;
  started = true;
  for (const listener of listeners) listener();
}

/** Starts Monaco now: the user asked for the editor (its view, edit mode). */
export function startMonacoNow(): void {
  allowStart();
  void monacoModule.load().catch(() => undefined);
}

function startWhenIdle(): void {
  if (scheduled || started) return;
  scheduled = true;
  // Bounded: on a busy page an idle moment may not come for long, and the text is waiting.
  whenIdle(allowStart, { timeout: 250, quietMs: 400 });
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};
const isStarted = () => started || monacoModule.loaded() !== undefined;

/** Monaco once loaded (undefined until then and when not wanted); wanting it schedules the load. */
export function useMonaco(wanted: boolean): MonacoModule | undefined {
  const allowed = useSyncExternalStore(subscribe, isStarted, () => false);
  useEffect(() => {
    if (wanted) startWhenIdle();
  }, [wanted]);
  const { module, failure } = useLazyModule(monacoModule, wanted && allowed);
  // The page's error boundary says the editor could not be loaded and offers to reload.
  if (failure) throw failure;
  return module;
}
