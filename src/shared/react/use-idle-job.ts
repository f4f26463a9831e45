/**
 * A derived value too costly to compute in a render (every policy of a large configuration):
 * computed in idle periods, a slice at a time, and shown once done. Until then the value of the
 * previous input is kept, so that badges do not flicker while the user changes choices. Slices
 * wait for a pause in the user's input: a click is never held up behind one.
 *
 * The input is read from a source the hook subscribes to, not passed as a prop: a component
 * showing the result then renders when the result changes, not on every change of the input
 * (with every service selected, re-rendering hundreds of tabs per click was most of its cost).
 */
import { useEffect, useState } from 'react';
import { whenIdle } from './idle';

export interface IdleJob<R> {
  /** Runs a slice while `hasTime()` says so; returns the result once done. */
  step(hasTime: () => boolean): R | undefined;
}

/** Where a job's input comes from: its current value and a way to hear of changes. */
export interface IdleJobInput<T> {
  read(): T;
  subscribe(onChange: () => void): () => void;
}

/** `input` and `createJob` must be stable (memoized): a new one restarts the job. */
export function useIdleJob<T, R>(
  input: IdleJobInput<T>,
  createJob: ((input: T) => IdleJob<R>) | undefined,
): R | undefined {
  const [result, setResult] = useState<R>();
  useEffect(() => {
    if (!createJob) return;
    let current = input.read();
    let cancel = () => {};
    const start = () => {
      cancel();
      const job = createJob(current);
      const run = (deadline?: IdleDeadline) => {
        const value = job.step(() => (deadline ? deadline.timeRemaining() > 2 : false));
        if (value !== undefined) setResult(value);
        else schedule();
      };
      const schedule = () => {
        cancel = whenIdle(run, { timeout: 2000, quietMs: 300 });
      };
      schedule();
    };
    start();
    const unsubscribe = input.subscribe(() => {
      const next = input.read();
      if (Object.is(next, current)) return;
      current = next;
      start();
    });
    return () => {
      unsubscribe();
      cancel();
    };
  }, [input, createJob]);
  return result;
}
