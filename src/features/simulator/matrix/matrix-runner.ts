/**
 * Evaluates a request matrix in slices: a few milliseconds of cells, then the thread is given
 * back (to the page, or to a worker's message queue so that a newer run can cancel this one),
 * with the count so far reported after each slice. Each policy is checked by the validator as
 * the CLI checks it, and the cells of a policy with errors get no verdict.
 */
import type { PerimeterConfig } from '@/core/config/schema';
import {
  evaluateRequestMatrix,
  type EndpointPolicySource,
  type MatrixCell,
  type MatrixPlan,
} from '@/core/evaluate/request-matrix';
import { endpointPolicyForNames } from '@/core/evaluate/suite';
import { checkPolicyForVerdict, refusalReason } from '@/core/validate/verdict-check';

/** A cell of the simulator's matrix. */
export interface CheckedMatrixCell extends MatrixCell {
  /** Set when the endpoint's policy has errors: how many. The cell has no verdict and fails. */
  policyErrors?: number;
  /** With `policyErrors`: why, in a few words (errors, or only values still to fill). */
  policyRefusal?: string;
}

/** Whether a cell gives no verdict, and why in a few words; undefined when it gives one. */
export function noVerdictOf(cell: CheckedMatrixCell): string | undefined {
  if (cell.policyErrors !== undefined) return cell.policyRefusal ?? 'the policy has errors';
  if (cell.withheld !== undefined) return 'over the evaluation budget';
  return undefined;
}

/** The cells without a verdict, and why (each reason once, in the order first met). */
export function cellsWithoutVerdict(cells: readonly CheckedMatrixCell[]): {
  count: number;
  reasons: string[];
} {
  const reasons = new Set<string>();
  let count = 0;
  for (const cell of cells) {
    const reason = noVerdictOf(cell);
    if (reason === undefined) continue;
    count += 1;
    reasons.add(reason);
  }
  return { count, reasons: [...reasons] };
}

/**
 * The policies of `policyFor`, each checked once by the validator, and a function that marks
 * the cells of a policy with errors: no verdict, not as expected.
 */
function checkedPolicies(plan: MatrixPlan, policyFor: EndpointPolicySource) {
  const errorsByEndpoint = new Map<string, { count: number; reason: string }>();
  const keyOf = (service: string, region: string | undefined) => `${service}\u0000${region ?? ''}`;
  const checked: EndpointPolicySource = (service, region) => {
    const policy = policyFor(service, region);
    // The check reads text; a policy given as a value is the engine's own and has no place to show.
    if (typeof policy === 'string') {
      const { errors } = checkPolicyForVerdict(policy);
      if (errors.length > 0)
        errorsByEndpoint.set(keyOf(service, region), {
          count: errors.length,
          reason: refusalReason(errors),
        });
    }
    return policy;
  };
  const mark = (cell: MatrixCell): CheckedMatrixCell => {
    const service = plan.rows[cell.row]!.service;
    const errors = errorsByEndpoint.get(keyOf(service, plan.perRegion ? cell.region : undefined));
    return errors === undefined
      ? cell
      : { ...cell, passed: false, policyErrors: errors.count, policyRefusal: errors.reason };
  };
  return { checked, mark };
}

export interface MatrixSliceOptions {
  plan: MatrixPlan;
  config: PerimeterConfig;
  /** The policies; by default those the configuration generates. */
  policyFor?: EndpointPolicySource;
  sliceMilliseconds: number;
  /** How many cells are done, after each slice but the last. */
  onProgress(done: number): void;
  onDone(cells: CheckedMatrixCell[]): void;
  onFailed(message: string): void;
  /** Called after each slice, e.g. to record how long it took. */
  onSlice?(start: number, end: number): void;
}

/** Starts the run; the returned function stops it. */
export function runMatrixInSlices(options: MatrixSliceOptions): () => void {
  const { plan, config, sliceMilliseconds } = options;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cells: CheckedMatrixCell[] = [];
  const { checked, mark } = checkedPolicies(
    plan,
    options.policyFor ??
      ((service, region) => endpointPolicyForNames(config, service, region).text),
  );
  const pending = evaluateRequestMatrix(plan, config, { policyFor: checked });
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
        cells.push(mark(next.value));
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
