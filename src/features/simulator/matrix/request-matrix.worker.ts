/// <reference lib="webworker" />
/**
 * The request matrix worker: generates the policies and evaluates every cell off the page's main
 * thread, in slices so that a newer run (a change of choices) replaces the current one at once.
 */
import { planRequestMatrix } from '@/core/evaluate/request-matrix';
import type { MatrixRequest, MatrixResponse } from './matrix-protocol';
import { runMatrixInSlices } from './matrix-runner';

/** Long enough to evaluate many cells per message, short enough to answer a newer run quickly. */
const SLICE_MILLISECONDS = 30;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (response: MatrixResponse) => scope.postMessage(response);
let current: { runId: number; stop: () => void } | undefined;

scope.addEventListener('message', (event: MessageEvent<MatrixRequest>) => {
  const request = event.data;
  current?.stop();
  current = undefined;
  if (request.kind !== 'run') return;
  const { runId, config, saved } = request;
  current = {
    runId,
    stop: runMatrixInSlices({
      plan: planRequestMatrix(config, saved),
      config,
      sliceMilliseconds: SLICE_MILLISECONDS,
      onProgress: (done) => post({ kind: 'progress', runId, done }),
      onDone: (cells) => post({ kind: 'done', runId, cells }),
      onFailed: (message) => post({ kind: 'failed', runId, message }),
    }),
  };
});
