/**
 * `vpce-policy simulate --config FILE --matrix`: every ready-made request of the selected
 * services and every saved request, through its service's endpoint in every selected region,
 * against the verdict each should get (what the choices call for, or what a saved request
 * expects). Rows not as expected come first; the exit code is 1 when there is one.
 */
import {
  type PerimeterConfig,
  type SavedRequest,
  evaluateRequestMatrix,
  matrixSize,
  orderMatrixRows,
  planRequestMatrix,
} from '../../core/index';
import { EXIT, type CliIO } from '../types';

export function runMatrix(
  config: PerimeterConfig,
  saved: readonly SavedRequest[],
  io: CliIO,
  json: boolean,
): number {
  const plan = planRequestMatrix(config, saved);
  const rows = orderMatrixRows(plan, evaluateRequestMatrix(plan, config));
  const failures = rows.reduce((sum, row) => sum + row.failures, 0);
  const withoutVerdict = rows.reduce((sum, row) => sum + row.withoutVerdict, 0);
  const cells = matrixSize(plan);
  if (json) {
    const report = {
      regions: plan.regions,
      cells,
      failures,
      withoutVerdict,
      servicesWithoutReadyMade: plan.servicesWithoutReadyMade,
      rows: rows.map((summary) => {
        const row = plan.rows[summary.row]!;
        return {
          kind: row.kind,
          ...(row.kind === 'ready-made' ? { id: row.spec.id } : { index: row.index }),
          name: row.name,
          service: row.service,
          failures: summary.failures,
          cells: [...summary.cells.values()].map((cell) => ({
            region: cell.region,
            decision: cell.withheld === undefined ? cell.decision : null,
            ...(cell.withheld !== undefined ? { withheld: cell.withheld } : {}),
            expected: cell.expected,
            passed: cell.passed,
            deciding: cell.deciding.map((d) => d.sid ?? `statement ${d.index + 1}`),
            summary: cell.summary,
            expectation: cell.expectation,
          })),
        };
      }),
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const lines: string[] = [];
    for (const summary of rows) {
      const row = plan.rows[summary.row]!;
      const head = `${row.name} [${row.service}, ${row.kind}]`;
      if (summary.failures === 0) {
        lines.push(
          `PASS  ${head}: ${summary.cells.size} region${summary.cells.size === 1 ? '' : 's'}`,
        );
        continue;
      }
      lines.push(`FAIL  ${head}:`);
      for (const cell of summary.cells.values())
        if (!cell.passed)
          lines.push(
            cell.withheld !== undefined
              ? `        ${cell.region}: expected ${cell.expected}, no verdict: ${cell.withheld}`
              : `        ${cell.region}: expected ${cell.expected}, got ${cell.decision}. ${cell.summary} ${cell.expectation}`,
          );
    }
    if (plan.servicesWithoutReadyMade.length > 0)
      lines.push(
        `No ready-made requests are written for ${plan.servicesWithoutReadyMade.length} selected service${plan.servicesWithoutReadyMade.length === 1 ? '' : 's'} (${plan.servicesWithoutReadyMade.slice(0, 8).join(', ')}${plan.servicesWithoutReadyMade.length > 8 ? ', ...' : ''}); saved requests check them.`,
      );
    lines.push(
      `${plan.rows.length} request${plan.rows.length === 1 ? '' : 's'} × ${plan.regions.length} region${plan.regions.length === 1 ? '' : 's'}: ${cells} cells, ${failures} not as expected${withoutVerdict > 0 ? ` (${withoutVerdict} of them without a verdict)` : ''}`,
    );
    io.stdout(`${lines.join('\n')}\n`);
  }
  return failures > 0 ? EXIT.findings : EXIT.ok;
}
