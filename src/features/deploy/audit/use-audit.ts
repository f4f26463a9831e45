/**
 * Runs an audit in a module worker and follows its progress. A new audit replaces the one under
 * way (its worker is stopped); where no worker can start, the audit runs in the page.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PerimeterConfig } from '@/core/config/schema';
import type { DescribeFile } from '@/core/deploy/describe-endpoints';
import type { AuditOutcome, AuditRequest, AuditResponse } from './audit-protocol';

export type AuditStatus =
  | { kind: 'idle' }
  | { kind: 'running'; phase: 'reading' | 'auditing'; done: number; total: number }
  | { kind: 'done'; outcome: AuditOutcome }
  | { kind: 'failed'; message: string };

function startWorker(
  onResponse: (response: AuditResponse) => void,
  onBroken: () => void,
): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  try {
    const worker = new Worker(new URL('./audit.worker.ts', import.meta.url), {
      type: 'module',
      name: 'endpoint-audit',
    });
    worker.addEventListener('message', (event: MessageEvent<AuditResponse>) =>
      onResponse(event.data),
    );
    worker.addEventListener('error', onBroken);
    worker.addEventListener('messageerror', onBroken);
    return worker;
  } catch {
    return undefined;
  }
}

export function useAudit(): {
  status: AuditStatus;
  start(config: PerimeterConfig, files: DescribeFile[]): void;
} {
  const [status, setStatus] = useState<AuditStatus>({ kind: 'idle' });
  const worker = useRef<Worker | undefined>(undefined);
  const latest = useRef(0);

  useEffect(() => () => worker.current?.terminate(), []);

  const start = useCallback((config: PerimeterConfig, files: DescribeFile[]) => {
    worker.current?.terminate();
    const request: AuditRequest = { type: 'audit', id: ++latest.current, config, files };
    const onResponse = (response: AuditResponse) => {
      if (response.id !== latest.current) return;
      if (response.type === 'progress')
        setStatus({
          kind: 'running',
          phase: response.phase,
          done: response.done,
          total: response.total,
        });
      else if (response.type === 'result') setStatus({ kind: 'done', outcome: response.outcome });
      else setStatus({ kind: 'failed', message: response.message });
    };
    const inPage = () => {
      worker.current?.terminate();
      worker.current = undefined;
      void import('./audit-runner').then(({ runAudit }) => runAudit(request, onResponse));
    };
    setStatus({ kind: 'running', phase: 'reading', done: 0, total: files.length });
    worker.current = startWorker(onResponse, inPage);
    if (worker.current) worker.current.postMessage(request);
    else inPage();
  }, []);

  return { status, start };
}
