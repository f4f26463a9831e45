/**
 * The request matrix with every endpoint service and every region selected, one policy per
 * region: how long planning and evaluating every cell takes in one go, policies generated and
 * compiled as it goes (the browser spreads the same work over slices of a few milliseconds).
 */
import { catalog } from '../src/core/catalog/catalog';
import type { PerimeterConfig } from '../src/core/config/schema';
import {
  evaluateRequestMatrix,
  matrixSize,
  planRequestMatrix,
} from '../src/core/evaluate/request-matrix';
import { formatMs, median, percentile } from './stats';

const RUNS = 7;

function everything(shape: 'per-region' | 'all-regions'): PerimeterConfig {
  return {
    version: 1,
    organizationIds: ['o-a1b2c3d4e5'],
    regions: catalog.regions.map((r) => r.code),
    services: catalog.services.map((s) => s.id),
    output: { shape },
  };
}

export function run(): void {
  for (const shape of ['per-region', 'all-regions'] as const) {
    const config = everything(shape);
    const times: number[] = [];
    let cells = 0;
    const longestCells: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let longestCell = 0;
      const start = performance.now();
      const plan = planRequestMatrix(config);
      cells = matrixSize(plan);
      let last = performance.now();
      for (const _cell of evaluateRequestMatrix(plan, config)) {
        const now = performance.now();
        longestCell = Math.max(longestCell, now - last);
        last = now;
      }
      times.push(performance.now() - start);
      longestCells.push(longestCell);
    }
    const m = median(times);
    console.log(
      `${shape}: ${cells} cells (${catalog.services.length} services, ${catalog.regions.length} regions), median ${formatMs(m)}, p90 ${formatMs(percentile(times, 90))}, ${Math.round((cells / m) * 1000)} cells per second; the slowest cell of a run (a policy generated and compiled for it), median over runs ${formatMs(median(longestCells))}, first run ${formatMs(longestCells[0]!)}`,
    );
  }
}
