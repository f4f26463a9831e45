/** Messages between the page and the request matrix worker. */
import type { PerimeterConfig } from '@/core/config/schema';
import type { SavedRequest } from '@/core/config/request-schema';
import type { CheckedMatrixCell } from './matrix-runner';

/** Starts a run (dropping any earlier one), or stops one. */
export type MatrixRequest =
  | { kind: 'run'; runId: number; config: PerimeterConfig; saved: SavedRequest[] }
  | { kind: 'stop'; runId: number };

export type MatrixResponse =
  | { kind: 'progress'; runId: number; done: number }
  | { kind: 'done'; runId: number; cells: CheckedMatrixCell[] }
  | { kind: 'failed'; runId: number; message: string };
