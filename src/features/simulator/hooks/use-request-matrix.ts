/**
 * Runs the request matrix while it is on screen, again after every change of choices (a newer
 * run replaces the current one). The cells are evaluated in a worker, or in slices in the page
 * where a worker cannot run (every service and every region selected make thousands of
 * evaluations); the rows and their order are computed here from the cells. Records
 * `vpce:simulator-matrix` from the start of a run to its last cell, and marks
 * `vpce:simulator-matrix-done` for the grid's drawing.
 */
import { startTransition, useEffect, useState } from 'react';
import type { PerimeterConfig } from '@/core/config/schema';
import {
  matrixSize,
  orderMatrixRows,
  planRequestMatrix,
  type MatrixPlan,
  type MatrixRowSummary,
} from '@/core/evaluate/request-matrix';
import { useBuilder } from '@/state/builder-store';
import { inPageMatrixPort, workerMatrixPort, type MatrixPort } from '../matrix/matrix-port';
import { cellsWithoutVerdict, noVerdictOf } from '../matrix/matrix-runner';

export type MatrixRun =
  | { status: 'running'; plan: MatrixPlan; done: number; total: number }
  | { status: 'failed'; plan: MatrixPlan; message: string }
  | {
      status: 'done';
      plan: MatrixPlan;
      /** Rows with their cells, those not as expected first. */
      rows: MatrixRowSummary[];
      total: number;
      /** Cells whose verdict is not the expected one, those without a verdict included. */
      failures: number;
      /** Of the failures, the cells without a verdict, and why. */
      withoutVerdict: { count: number; reasons: string[] };
      /** The choices the run is about. */
      config: PerimeterConfig;
    };

/** The port of this panel: started the first time the matrix is shown, closed with the panel. */
function useMatrixPort(active: boolean): MatrixPort | undefined {
  const [port, setPort] = useState<MatrixPort>();
  useEffect(() => {
    if (!active || port) return;
    setPort(workerMatrixPort() ?? inPageMatrixPort());
  }, [active, port]);
  useEffect(() => () => port?.close(), [port]);
  return port;
}

export function useRequestMatrix(active: boolean): MatrixRun | undefined {
  const config = useBuilder((state) => state.config);
  const checking = useBuilder((state) => state.restoreStatus === 'checking');
  const port = useMatrixPort(active);
  const [run, setRun] = useState<MatrixRun>();

  useEffect(() => {
    if (!active || checking || !port) return;
    const saved = Array.isArray(config.savedRequests) ? config.savedRequests : [];
    const plan = planRequestMatrix(config, saved);
    const total = matrixSize(plan);
    const started = performance.now();
    setRun({ status: 'running', plan, done: 0, total });
    return port.run(config, saved, {
      progress: (done) => setRun({ status: 'running', plan, done, total }),
      done: (cells) => {
        performance.measure('vpce:simulator-matrix', { start: started, end: performance.now() });
        performance.mark('vpce:simulator-matrix-done');
        const rows = orderMatrixRows(plan, cells, (cell) => noVerdictOf(cell) !== undefined);
        const failures = rows.reduce((sum, row) => sum + row.failures, 0);
        // A transition: React draws the grid of a thousand cells in slices, not in one long task.
        const withoutVerdict = cellsWithoutVerdict(cells);
        startTransition(() =>
          setRun({ status: 'done', plan, rows, total, failures, withoutVerdict, config }),
        );
      },
      failed: (message) => setRun({ status: 'failed', plan, message }),
    });
  }, [active, checking, config, port]);

  return active ? run : undefined;
}
