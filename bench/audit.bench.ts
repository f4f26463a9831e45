/**
 * Audit speed: 5,000 endpoints in 30 regions (one describe-vpc-endpoints file per region),
 * read, validated and compared with the design. Budget: under 2 s for the whole command on these
 * 2-core machines; the browser runs the same engine in a worker.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/run-cli.testing';
import { catalog } from '../src/core/catalog/catalog';
import { auditEndpoints } from '../src/core/deploy/audit';
import { readDescribeVpcEndpoints } from '../src/core/deploy/describe-endpoints';
import { loadIamIndex } from '../src/core/iam/iam-index';
import { organizationEndpoints } from './deploy-fixtures';
import { formatMs, median, percentile } from './stats';

async function time(fn: () => Promise<unknown> | unknown, iterations: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

function report(name: string, samples: number[], budgetMs: number): void {
  const m = median(samples);
  console.log(
    `${name}\n  median ${formatMs(m).padStart(9)}  p95 ${formatMs(percentile(samples, 95)).padStart(9)}  first ${formatMs(samples[0]!)}  budget ${formatMs(budgetMs)}  ${m <= budgetMs ? 'OK' : 'OVER'}`,
  );
}

export async function run(): Promise<void> {
  const { config, files } = organizationEndpoints(5_000, 30);
  const characters = files.reduce((n, f) => n + f.text.length, 0);
  console.log(`${files.length} files, ${(characters / 1_000_000).toFixed(1)} million characters`);
  const iamIndex = await loadIamIndex();

  let rows = 0;
  report(
    'audit engine: read 30 files and audit 5,000 endpoints (describe reader + validator + comparison)',
    await time(() => {
      const read = readDescribeVpcEndpoints(files, catalog);
      const result = auditEndpoints(config, read.endpoints, { catalog, iamIndex });
      rows = result.rows.length;
      return result;
    }, 7),
    2000,
  );
  console.log(`  ${rows} rows`);

  const dir = mkdtempSync(join(tmpdir(), 'vpce-bench-audit-'));
  writeFileSync(join(dir, 'perimeter.json'), JSON.stringify(config));
  for (const file of files) writeFileSync(join(dir, file.name), file.text);
  const args = ['audit', '--config', 'perimeter.json', ...files.map((f) => f.name), '--quiet'];
  let code = -1;
  report(
    'vpce-policy audit --quiet, same files from disk (in process, output discarded)',
    await time(async () => {
      code = (await runCli(args, dir)).code;
    }, 5),
    2000,
  );
  console.log(`  exit code ${code}`);

  // The command as a user runs it: a new Node process, TypeScript compiled on the fly by tsx.
  const bin = fileURLToPath(new URL('../bin/vpce-policy.mjs', import.meta.url));
  report(
    'node bin/vpce-policy.mjs audit --quiet, a new process each time (start-up included)',
    await time(() => spawnSync(process.execPath, [bin, ...args], { cwd: dir, stdio: 'ignore' }), 5),
    2000,
  );
}
