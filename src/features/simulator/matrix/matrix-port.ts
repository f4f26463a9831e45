/**
 * Where the request matrix runs: in a module worker served by the app, so that generating the
 * policies of every service and region never holds up the page; where a worker cannot start (or
 * breaks), in the page in slices of a few milliseconds, with the policies from the preview's memo.
 */
import type { PerimeterConfig } from '@/core/config/schema';
import { planRequestMatrix } from '@/core/evaluate/request-matrix';
import type { SavedRequest } from '@/core/config/request-schema';
import { endpointPolicy } from '../simulation';
import type { MatrixRequest, MatrixResponse } from './matrix-protocol';
import { runMatrixInSlices, type CheckedMatrixCell } from './matrix-runner';

/** How long a slice in the page may evaluate before the page gets the main thread back. */
const PAGE_SLICE_MILLISECONDS = 8;

export interface MatrixRunHandlers {
  progress(done: number): void;
  done(cells: CheckedMatrixCell[]): void;
  failed(message: string): void;
}

export interface MatrixPort {
  /** Where it runs, for the figures: `worker` or `page`. */
  readonly where: 'worker' | 'page';
  /** Starts a run, replacing any earlier one; the returned function stops it. */
  run(config: PerimeterConfig, saved: SavedRequest[], handlers: MatrixRunHandlers): () => void;
  close(): void;
}

export function inPageMatrixPort(): MatrixPort {
  let stop: (() => void) | undefined;
  return {
    where: 'page',
    run(config, saved, handlers) {
      stop?.();
      stop = runMatrixInSlices({
        plan: planRequestMatrix(config, saved),
        config,
        policyFor: (service, region) => endpointPolicy(config, { service, region }).text,
        sliceMilliseconds: PAGE_SLICE_MILLISECONDS,
        onProgress: handlers.progress,
        onDone: handlers.done,
        onFailed: handlers.failed,
        onSlice: (start, end) => performance.measure('vpce:simulator-matrix-slice', { start, end }),
      });
      return () => stop?.();
    },
    close: () => stop?.(),
  };
}

/** The worker port, or undefined where module workers are not available. */
export function workerMatrixPort(): MatrixPort | undefined {
  if (typeof Worker === 'undefined') return undefined;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./request-matrix.worker.ts', import.meta.url), {
      type: 'module',
      name: 'request-matrix',
    });
  } catch {
    return undefined;
  }
  let nextRunId = 0;
  let current: { runId: number; handlers: MatrixRunHandlers; resume(): void } | undefined;
  let fallback: MatrixPort | undefined;
  const post = (request: MatrixRequest) => worker.postMessage(request);
  worker.addEventListener('message', (event: MessageEvent<MatrixResponse>) => {
    const response = event.data;
    if (!current || response.runId !== current.runId) return;
    if (response.kind === 'progress') current.handlers.progress(response.done);
    else if (response.kind === 'done') current.handlers.done(response.cells);
    else current.handlers.failed(response.message);
  });
  // A worker that fails to load or breaks: the page takes over, the current run included.
  const takeOver = () => {
    if (fallback) return;
    fallback = inPageMatrixPort();
    worker.terminate();
    current?.resume();
  };
  worker.addEventListener('error', takeOver);
  worker.addEventListener('messageerror', takeOver);
  return {
    get where() {
      return fallback ? 'page' : 'worker';
    },
    run(config, saved, handlers) {
      if (fallback) return fallback.run(config, saved, handlers);
      const runId = ++nextRunId;
      let stopFallback: (() => void) | undefined;
      current = {
        runId,
        handlers,
        resume: () => {
          stopFallback = fallback!.run(config, saved, handlers);
        },
      };
      post({ kind: 'run', runId, config, saved });
      return () => {
        if (stopFallback) return stopFallback();
        if (current?.runId !== runId) return;
        current = undefined;
        if (!fallback) post({ kind: 'stop', runId });
      };
    },
    close: () => (fallback ? fallback.close() : worker.terminate()),
  };
}
