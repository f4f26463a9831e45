/**
 * A derived value too costly to compute in a render (every policy of a large configuration):
 * computed in idle periods, a slice at a time, and shown once done. Until then the value of the
 * previous input is kept, so that badges do not flicker while the user changes choices. Slices
 * wait for a pause in the user's input: a click is never held up behind one.
 */
import { useEffect, useState } from 'react';
import { whenIdle } from './idle';

export interface IdleJob<R> {
  /** Runs a slice while `hasTime()` says so; returns the result once done. */
  step(hasTime: () => boolean): R | undefined;
}

export function useIdleJob<T, R>(
  input: T,
  createJob: ((input: T) => IdleJob<R>) | undefined,
): R | undefined {
  const [result, setResult] = useState<{ input: T; value: R }>();
  useEffect(() => {
    if (!createJob) return;
    const job = createJob(input);
    let cancel = () => {};
    const run = (deadline?: IdleDeadline) => {
      const value = job.step(() => (deadline ? deadline.timeRemaining() > 2 : false));
      if (value !== undefined) setResult({ input, value });
      else schedule();
    };
    const schedule = () => {
      cancel = whenIdle(run, { timeout: 2000, quietMs: 300 });
    };
    schedule();
    return () => cancel();
  }, [input, createJob]);
  return result?.value;
}
