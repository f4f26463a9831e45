/**
 * Runs the request matrix while it is on screen, again after every change of choices: the cells
 * are evaluated in slices of a few milliseconds with the page free in between (every service and
 * every region selected make thousands of evaluations), and the policies come from the preview's
 * memo. Records `vpce:simulator-matrix` from the start of a run to its last cell, each slice as
 * `vpce:simulator-matrix-slice`, and marks `vpce:simulator-matrix-done` for the grid's drawing.
 */
import { useEffect, useState } from 'react';
import type { PerimeterConfig } from '@/core/config/schema';
import {
  evaluateRequestMatrix,
  matrixSize,
  orderMatrixRows,
  planRequestMatrix,
  type MatrixCell,
  type MatrixPlan,
  type MatrixRowSummary,
} from '@/core/evaluate/request-matrix';
import { useBuilder } from '@/state/builder-store';
import { endpointPolicy } from '../simulation';

/** How long one slice may evaluate before the page gets the main thread back. */
const SLICE_MILLISECONDS = 8;

export type MatrixRun =
  | { status: 'running'; plan: MatrixPlan; done: number; total: number }
  | {
      status: 'done';
      plan: MatrixPlan;
      /** Rows with their cells, those not as expected first. */
      rows: MatrixRowSummary[];
      total: number;
      /** Cells whose verdict is not the expected one. */
      failures: number;
      /** The choices the run is about. */
      config: PerimeterConfig;
    };

export function useRequestMatrix(active: boolean): MatrixRun | undefined {
  const config = useBuilder((state) => state.config);
  const checking = useBuilder((state) => state.restoreStatus === 'checking');
  const [run, setRun] = useState<MatrixRun>();

  useEffect(() => {
    if (!active || checking) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const saved = Array.isArray(config.savedRequests) ? config.savedRequests : [];
    const plan = planRequestMatrix(config, saved);
    const total = matrixSize(plan);
    const cells: MatrixCell[] = [];
    const pending = evaluateRequestMatrix(plan, config, {
      policyFor: (service, region) => endpointPolicy(config, { service, region }).text,
    });
    const started = performance.now();
    const slice = () => {
      if (cancelled) return;
      const sliceStart = performance.now();
      for (;;) {
        const next = pending.next();
        if (next.done) {
          const end = performance.now();
          performance.measure('vpce:simulator-matrix-slice', { start: sliceStart, end });
          performance.measure('vpce:simulator-matrix', { start: started, end });
          performance.mark('vpce:simulator-matrix-done');
          const rows = orderMatrixRows(plan, cells);
          const failures = rows.reduce((sum, row) => sum + row.failures, 0);
          setRun({ status: 'done', plan, rows, total, failures, config });
          return;
        }
        cells.push(next.value);
        if (performance.now() - sliceStart > SLICE_MILLISECONDS) break;
      }
      performance.measure('vpce:simulator-matrix-slice', {
        start: sliceStart,
        end: performance.now(),
      });
      setRun({ status: 'running', plan, done: cells.length, total });
      timer = setTimeout(slice, 0);
    };
    setRun({ status: 'running', plan, done: 0, total });
    timer = setTimeout(slice, 0);
    return () => {
      cancelled = true;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [active, checking, config]);

  return active ? run : undefined;
}
