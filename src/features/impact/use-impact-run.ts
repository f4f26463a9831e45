/**
 * One impact run in the browser: the worker that reads the picked files, its progress, the
 * outcome of each file, and the report, re-evaluated (in the worker) whenever the choices or the
 * accounts change, so that an applied fix shows at once. Cancel ends the worker.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PerimeterConfig } from '@/core/config/schema';
import type { EndpointEntry } from '@/core/impact/endpoints';
import type { ImpactReport } from '@/core/impact/report';
import type {
  FileOutcome,
  FromImpactWorker,
  ReadProgress,
  ToImpactWorker,
} from './impact-protocol';

export type ImpactPhase = 'idle' | 'reading' | 'cancelled' | 'done' | 'failed';

export interface ImpactRun {
  phase: ImpactPhase;
  progress?: ReadProgress;
  files: FileOutcome[];
  report?: ImpactReport;
  /** Why the report could not be built (e.g. no organization id), or why the worker failed. */
  error?: string;
  /** Seconds spent reading. */
  seconds?: number;
  /** Whether the report is being recomputed for new choices. */
  evaluating: boolean;
}

const IDLE: ImpactRun = { phase: 'idle', files: [], evaluating: false };

export function useImpactRun(config: PerimeterConfig, accounts: readonly string[]) {
  const [run, setRun] = useState<ImpactRun>(IDLE);
  const worker = useRef<Worker | undefined>(undefined);
  const request = useRef(0);

  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = undefined;
  }, []);
  useEffect(() => stop, [stop]);

  const evaluate = useCallback(
    (target: Worker) => {
      const id = ++request.current;
      setRun((current) => ({ ...current, evaluating: true }));
      const message: ToImpactWorker = { type: 'evaluate', id, config, accounts: [...accounts] };
      target.postMessage(message);
    },
    [config, accounts],
  );
  const evaluateRef = useRef(evaluate);
  evaluateRef.current = evaluate;

  const start = useCallback(
    (files: File[], endpoints: ReadonlyMap<string, EndpointEntry>) => {
      stop();
      if (files.length === 0) return;
      const created = new Worker(new URL('./impact.worker.ts', import.meta.url), {
        type: 'module',
        name: 'impact-analysis',
      });
      worker.current = created;
      setRun({ phase: 'reading', files: [], evaluating: false });
      created.addEventListener('message', (event: MessageEvent<FromImpactWorker>) => {
        const message = event.data;
        if (worker.current !== created) return;
        if (message.type === 'progress') {
          setRun((current) => ({ ...current, progress: message.progress }));
        } else if (message.type === 'file') {
          setRun((current) => ({ ...current, files: [...current.files, message.outcome] }));
        } else if (message.type === 'read-done') {
          setRun((current) => ({
            ...current,
            phase: 'done',
            progress: message.progress,
            seconds: message.seconds,
          }));
          evaluateRef.current(created);
        } else if (message.type === 'failed') {
          setRun((current) => ({ ...current, phase: 'failed', error: message.error }));
          stop();
        } else if (message.id === request.current) {
          setRun((current) => {
            const next: ImpactRun = { ...current, evaluating: false };
            if (message.report) {
              next.report = message.report;
              delete next.error;
            } else if (message.error) {
              next.error = message.error;
            }
            return next;
          });
        }
      });
      created.addEventListener('error', (event) => {
        if (worker.current !== created) return;
        setRun((current) => ({
          ...current,
          phase: 'failed',
          error: `The analysis stopped: ${event.message || 'the worker failed'}.`,
        }));
        stop();
      });
      const message: ToImpactWorker = { type: 'read', files, endpoints: [...endpoints] };
      created.postMessage(message);
    },
    [stop],
  );

  const cancel = useCallback(() => {
    stop();
    setRun((current) => ({ ...current, phase: 'cancelled', evaluating: false }));
  }, [stop]);

  // New choices or accounts: the same shapes, evaluated again.
  useEffect(() => {
    if (worker.current && run.phase === 'done') evaluate(worker.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-evaluate on new inputs only
  }, [config, accounts]);

  return { run, start, cancel };
}
