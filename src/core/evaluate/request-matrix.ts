/**
 * The request matrix: every ready-made request of the selected services and every saved request,
 * each through the endpoint of its own service in every selected region, against the verdict it
 * should get. Cells come one at a time from a generator, so that a browser can evaluate them in
 * slices between frames and a pipeline can take them all at once; rows are then ordered with the
 * ones that do not get their expected verdict first.
 */
import { catalog as bundledCatalog, type Catalog } from '../catalog/catalog';
import type { PerimeterConfig } from '../config/schema';
import { canonicalRegions, canonicalServices } from '../generate/selection';
import { compilePolicy, evaluate, type PolicySource } from './evaluate';
import type { CompiledPolicy } from './policy';
import type { Decision, SavedRequest } from '../config/request-schema';
import { buildReadyMadeRequest, readyMadeSpecsFor } from './scenarios';
import type { ReadyMadeRequestSpec } from './ready-made-schema';
import { endpointPolicyForNames } from './suite';

/** One request of the matrix, evaluated in every region. */
export type MatrixRow =
  | {
      kind: 'ready-made';
      /** Stable across runs: `ready-made:<id>`. */
      key: string;
      service: string;
      name: string;
      spec: ReadyMadeRequestSpec;
    }
  | {
      kind: 'saved';
      /** `saved:<index>`. */
      key: string;
      service: string;
      name: string;
      /** Position in the suite. */
      index: number;
      saved: SavedRequest;
      /** The region the saved request names: it runs there only (its ARNs are usually of that region). */
      region?: string;
    };

export interface MatrixPlan {
  rows: MatrixRow[];
  /** The columns: selected regions in canonical order. */
  regions: string[];
  /** Whether every region has a policy of its own; otherwise each service has one for all regions. */
  perRegion: boolean;
  /** Selected services that have no ready-made request of their own (they are checked by saved requests only). */
  servicesWithoutReadyMade: string[];
}

export interface MatrixCell {
  row: number;
  region: string;
  decision: Decision;
  expected: Decision;
  passed: boolean;
  /** The statements that decided (none for an implicit deny). */
  deciding: { index: number; sid?: string }[];
  /** The verdict in one sentence, from the evaluator. */
  summary: string;
  /** Why the expected verdict is expected. */
  expectation: string;
  /** For an expected Allowed of a ready-made request: the Sid of the statement meant to let it through. */
  expectedStatement?: string;
  /** Set when the evaluation went over its budget: why. `decision` then says nothing, and the cell fails. */
  withheld?: string;
}

const FALLBACK_REGION = 'us-east-1';

/** The rows and columns: ready-made requests of the selected services, then the saved requests. */
export function planRequestMatrix(
  config: PerimeterConfig,
  saved: readonly SavedRequest[] = config.savedRequests ?? [],
  catalog: Catalog = bundledCatalog,
): MatrixPlan {
  const services = canonicalServices(config.services, catalog);
  const rows: MatrixRow[] = [];
  const servicesWithoutReadyMade: string[] = [];
  for (const service of services) {
    const specs = readyMadeSpecsFor(service, catalog);
    if (specs.length === 0) servicesWithoutReadyMade.push(service);
    for (const spec of specs)
      rows.push({
        kind: 'ready-made',
        key: `ready-made:${spec.id}`,
        service,
        name: spec.name,
        spec,
      });
  }
  saved.forEach((request, index) =>
    rows.push({
      kind: 'saved',
      key: `saved:${index}`,
      service: request.service,
      name: request.name,
      index,
      saved: request,
      ...(request.region !== undefined ? { region: request.region } : {}),
    }),
  );
  const regions = canonicalRegions(config.regions, catalog);
  return {
    rows,
    regions: regions.length > 0 ? regions : [FALLBACK_REGION],
    perRegion: config.output?.shape === 'per-region',
    servicesWithoutReadyMade,
  };
}

/** The regions a row runs in: every column, or the one its saved request names (if selected). */
export function rowRegions(plan: MatrixPlan, row: MatrixRow): readonly string[] {
  if (row.kind !== 'saved' || row.region === undefined) return plan.regions;
  return plan.regions.includes(row.region) ? [row.region] : [];
}

/** How many cells the plan has. */
export function matrixSize(plan: MatrixPlan): number {
  return plan.rows.reduce((sum, row) => sum + rowRegions(plan, row).length, 0);
}

/** The policy on the endpoint of a service: its region's, or (region undefined) the one of every region. */
export type EndpointPolicySource = (service: string, region: string | undefined) => PolicySource;

/**
 * Evaluates the plan cell by cell, grouped by endpoint so that each policy is generated and
 * compiled once. `policyFor` defaults to the policies the configuration generates.
 */
export function* evaluateRequestMatrix(
  plan: MatrixPlan,
  config: PerimeterConfig,
  options: { policyFor?: EndpointPolicySource; catalog?: Catalog } = {},
): Generator<MatrixCell, void, undefined> {
  const catalog = options.catalog ?? bundledCatalog;
  const policyFor: EndpointPolicySource =
    options.policyFor ??
    ((service, region) => endpointPolicyForNames(config, service, region, catalog).text);
  const compiled = new Map<string, CompiledPolicy>();
  const policyOf = (service: string, region: string) => {
    const endpointRegion = plan.perRegion ? region : undefined;
    const key = `${service}\u0000${endpointRegion ?? ''}`;
    let policy = compiled.get(key);
    if (!policy) {
      policy = compilePolicy(policyFor(service, endpointRegion));
      compiled.set(key, policy);
    }
    return policy;
  };
  const rowsByService = new Map<string, number[]>();
  plan.rows.forEach((row, index) =>
    rowsByService.set(row.service, [...(rowsByService.get(row.service) ?? []), index]),
  );
  for (const [service, rowIndexes] of rowsByService) {
    for (const region of plan.regions) {
      const policy = policyOf(service, region);
      for (const rowIndex of rowIndexes) {
        const row = plan.rows[rowIndex]!;
        if (!rowRegions(plan, row).includes(region)) continue;
        const built =
          row.kind === 'ready-made'
            ? buildReadyMadeRequest(row.spec, config, region, catalog)
            : undefined;
        const request = built?.request ?? (row.kind === 'saved' ? row.saved.request : undefined)!;
        const expected =
          built?.expect ?? (row.kind === 'saved' ? row.saved.expect : 'ImplicitDeny');
        const result = evaluate(policy, request);
        const cell: MatrixCell = {
          row: rowIndex,
          region,
          decision: result.decision,
          expected,
          passed: result.withheld === undefined && result.decision === expected,
          deciding: result.deciding.map((s) => ({
            index: s.index,
            ...(s.sid !== undefined ? { sid: s.sid } : {}),
          })),
          summary: result.summary,
          expectation: built?.expectation ?? `Saved with the expectation ${expected}.`,
        };
        if (built?.admittedBy) cell.expectedStatement = built.admittedBy.sid;
        if (result.withheld !== undefined) cell.withheld = result.withheld;
        yield cell;
      }
    }
  }
}

export interface MatrixRowSummary {
  row: number;
  /** Cells of the row by region. */
  cells: Map<string, MatrixCell>;
  /** Cells not as expected, those without a verdict included. */
  failures: number;
  /** Of the failures, the cells without a verdict. */
  withoutVerdict: number;
}

/**
 * Rows with their cells: those with a wrong verdict first (most first), then those whose only
 * failures are cells without a verdict (a policy still to finish, an evaluation over its budget),
 * then the rest, each in plan order. `hasNoVerdict` says which cells have no verdict; by default
 * those withheld over the budget.
 */
export function orderMatrixRows<Cell extends MatrixCell>(
  plan: MatrixPlan,
  cells: Iterable<Cell>,
  hasNoVerdict: (cell: Cell) => boolean = (cell) => cell.withheld !== undefined,
): MatrixRowSummary[] {
  const rows: MatrixRowSummary[] = plan.rows.map((_row, row) => ({
    row,
    cells: new Map(),
    failures: 0,
    withoutVerdict: 0,
  }));
  for (const cell of cells) {
    const summary = rows[cell.row]!;
    summary.cells.set(cell.region, cell);
    if (cell.passed) continue;
    summary.failures++;
    if (hasNoVerdict(cell)) summary.withoutVerdict++;
  }
  const wrong = (summary: MatrixRowSummary) => summary.failures - summary.withoutVerdict;
  return rows.sort((a, b) => wrong(b) - wrong(a) || b.failures - a.failures || a.row - b.row);
}
