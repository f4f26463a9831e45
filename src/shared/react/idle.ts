/**
 * Work that can wait for the browser to be idle: the editor's start, the checks of saved
 * choices, the side panels. "Quiet" work also waits until the user has not pressed a key or a
 * pointer for a moment, so that it never runs during an interaction.
 */
import { useSyncExternalStore } from 'react';

/** When the user last pressed a key or a pointer, in `performance.now()` time. */
let lastInput = Number.NEGATIVE_INFINITY;
if (typeof window !== 'undefined') {
  const note = () => {
    lastInput = performance.now();
  };
  for (const type of ['pointerdown', 'keydown'] as const)
    window.addEventListener(type, note, { capture: true, passive: true });
}

export interface IdleOptions {
  /** Runs after this long at most, idle or not (ms). */
  timeout?: number;
  /** Waits until no key or pointer was pressed for this long (ms). */
  quietMs?: number;
  /** Starts looking for an idle moment only after this long (ms). */
  afterMs?: number;
}

/** Runs `callback` when the browser is idle; returns the function that cancels it. */
export function whenIdle(
  callback: (deadline?: IdleDeadline) => void,
  { timeout = 1000, quietMs = 0, afterMs = 0 }: IdleOptions = {},
): () => void {
  let cancelled = false;
  let cancelScheduled: () => void = () => undefined;
  const schedule = (wait: number) => {
    const run = (deadline?: IdleDeadline) => {
      if (cancelled) return;
      const sinceInput = performance.now() - lastInput;
      // Pressed a moment ago: wait for the interaction to end, then for idle again.
      if (sinceInput < quietMs) return schedule(Math.max(50, quietMs - sinceInput));
      callback(deadline);
    };
    if (typeof requestIdleCallback === 'function') {
      const delay = setTimeout(() => {
        const handle = requestIdleCallback((deadline) => run(deadline), { timeout });
        cancelScheduled = () => cancelIdleCallback(handle);
      }, wait);
      cancelScheduled = () => clearTimeout(delay);
    } else {
      const delay = setTimeout(() => run(), wait + 200);
      cancelScheduled = () => clearTimeout(delay);
    }
  };
  schedule(afterMs);
  return () => {
    cancelled = true;
    cancelScheduled();
  };
}

/** Whether the page has been idle once since it opened (with no interaction under way). */
let idleOnce = false;
let idleScheduled = false;
const idleListeners = new Set<() => void>();

const subscribeIdleOnce = (listener: () => void) => {
  idleListeners.add(listener);
  if (!idleScheduled) {
    idleScheduled = true;
    whenIdle(
      () => {
        idleOnce = true;
        for (const notify of idleListeners) notify();
      },
      { quietMs: 300 },
    );
  }
  return () => void idleListeners.delete(listener);
};

/** False until the page has first been idle: for work that must not compete with the first screen. */
export function useAfterFirstIdle(): boolean {
  return useSyncExternalStore(
    subscribeIdleOnce,
    () => idleOnce,
    () => false,
  );
}
