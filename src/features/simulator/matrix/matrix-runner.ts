/**
 * Evaluates a request matrix in slices: a few milliseconds of cells, then the thread is given
 * back (to the page, or to a worker's message queue so that a newer run can cancel this one),
 * with the count so far reported after each slice.
 */
import type { PerimeterConfig } from '@/core/config/schema';
import {
  evaluateRequestMatrix,
  type EndpointPolicySource,
  type MatrixCell,
  type MatrixPlan,
} from '@/core/evaluate/request-matrix';

export interface MatrixSliceOptions {
  plan: MatrixPlan;
  config: PerimeterConfig;
  /** The policies; by default those the configuration generates. */
  policyFor?: EndpointPolicySource;
  sliceMilliseconds: number;
  /** How many cells are done, after each slice but the last. */
  onProgress(done: number): void;
  onDone(cells: MatrixCell[]): void;
  onFailed(message: string): void;
  /** Called after each slice, e.g. to record how long it took. */
  onSlice?(start: number, end: number): void;
}

/** Starts the run; the returned function stops it. */
export function runMatrixInSlices(options: MatrixSliceOptions): () => void {
  const { plan, config, sliceMilliseconds } = options;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cells: MatrixCell[] = [];
  const pending = evaluateRequestMatrix(
    plan,
    config,
    options.policyFor ? { policyFor: options.policyFor } : {},
  );
  const slice = () => {
    if (stopped) return;
    const start = performance.now();
    try {
      for (;;) {
        const next = pending.next();
        if (next.done) {
          options.onSlice?.(start, performance.now());
          options.onDone(cells);
          return;
        }
        cells.push(next.value);
        if (performance.now() - start > sliceMilliseconds) break;
      }
    } catch (error) {
      // A fault of the engine ends this run with a message rather than a silent stall.
      options.onFailed(error instanceof Error ? error.message : String(error));
      return;
    }
    options.onSlice?.(start, performance.now());
    options.onProgress(cells.length);
    timer = setTimeout(slice, 0);
  };
  timer = setTimeout(slice, 0);
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}
