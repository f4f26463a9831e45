/**
 * Impact analysis throughput: gzip CloudTrail files read across the cores (the main thread and
 * worker threads), every event mapped and aggregated, the report built, each run in a fresh
 * process as `vpce-policy impact` runs. Prints, for one thread and for one per core:
 * - MB/s of uncompressed JSON for the whole run (reading and report), wall clock;
 * - MB per CPU-second (CPU time of every thread of the process), which a loaded machine does not
 *   distort as much, and what the run would reach on free cores: reading spread over the cores,
 *   the report on one;
 * - the time to the first file read (the first result a user sees), and the run's peak RSS;
 * - the load of the machine before and after, and how many cores the run actually got.
 * Beside them, the floor set by gunzip plus a whole-file JSON.parse on one core. Target on these
 * 2-core machines: at least 80 MB/s across both cores (floor for this work about 130).
 * IMPACT_BENCH_FILES sets the number of files (8,000 events each, default 24).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { generatedTrailText } from './impact/generate-trail';
import type { ImpactRunFigures } from './impact/impact-run';

const FILES = Number(process.env.IMPACT_BENCH_FILES ?? 24);
const RECORDS_PER_FILE = 8000;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function writeTrail(dir: string): { paths: string[]; bytes: number } {
  const paths: string[] = [];
  let bytes = 0;
  for (let i = 0; i < FILES; i++) {
    const text = [...generatedTrailText(1000 + i, RECORDS_PER_FILE)].join('');
    bytes += Buffer.byteLength(text);
    const path = join(
      dir,
      `111122223333_CloudTrail_us-east-1_20261120T${String(i).padStart(4, '0')}Z_x.json.gz`,
    );
    writeFileSync(path, gzipSync(text));
    paths.push(path);
  }
  return { paths, bytes };
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** One run in a fresh process: the figures it measured of itself. */
function runImpact(jobs: number, paths: readonly string[]): ImpactRunFigures {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/impact/impact-run.ts'), String(jobs), ...paths],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as ImpactRunFigures;
}

function describe(run: ImpactRunFigures, cores: number): string {
  const mb = run.bytes / 1e6;
  const wallS = (run.readMs + run.reportMs) / 1000;
  const cpuS = (run.readCpuMs + run.reportCpuMs) / 1000;
  // On free cores the reading spreads over them; the merge of the threads' shapes and the report
  // run on one.
  const freeS =
    (run.readCpuMs - run.mergeCpuMs) / 1000 / Math.min(cores, run.jobs) +
    (run.mergeCpuMs + run.reportCpuMs) / 1000;
  return [
    `impact, ${run.jobs} thread${run.jobs === 1 ? '' : 's'}: ${(mb / wallS).toFixed(0)} MB/s of JSON, whole run ${wallS.toFixed(2)} s ` +
      `(reading ${(run.readMs / 1000).toFixed(2)} s on ${(run.readCpuMs / run.readMs).toFixed(1)} cores, report ${(run.reportMs / 1000).toFixed(2)} s); ` +
      `${run.events} events, ${run.shapes} shapes` +
      (run.jobs > 1 ? `; merging the threads' shapes ${(run.mergeCpuMs / 1000).toFixed(2)} s` : ''),
    `  ${(mb / cpuS).toFixed(0)} MB per CPU-second for the whole run (reading alone ${(mb / (run.readCpuMs / 1000)).toFixed(0)}, gunzip included; report ${(run.reportCpuMs / 1000).toFixed(2)} CPU-s); ` +
      `on ${Math.min(cores, run.jobs)} free core${Math.min(cores, run.jobs) === 1 ? '' : 's'}: ${(mb / freeS).toFixed(0)} MB/s`,
    `  first file read after ${run.firstFileMs.toFixed(0)} ms; peak RSS ${(run.peakRssBytes / 1024 / 1024).toFixed(0)} MB`,
  ].join('\n');
}

export function run(): void {
  const dir = mkdtempSync(join(tmpdir(), 'impact-bench-'));
  try {
    const { paths, bytes } = writeTrail(dir);
    const cores = availableParallelism();
    console.log(`load average ${load()} on ${cores} cores`);
    console.log(
      `${FILES} gzip files, ${(bytes / 1e6).toFixed(0)} MB of CloudTrail JSON, ${FILES * RECORDS_PER_FILE} events`,
    );

    const sample = paths.slice(0, Math.min(6, paths.length));
    let sampleBytes = 0;
    const floorCpu = process.cpuUsage();
    const floorStart = performance.now();
    for (const path of sample) {
      const text = gunzipSync(readFileSync(path)).toString('utf8');
      sampleBytes += Buffer.byteLength(text);
      JSON.parse(text);
    }
    const floorUsage = process.cpuUsage(floorCpu);
    const floorCpuS = (floorUsage.user + floorUsage.system) / 1e6;
    console.log(
      `floor: gunzip + JSON.parse of whole files, one core: ${(sampleBytes / 1e6 / ((performance.now() - floorStart) / 1000)).toFixed(0)} MB/s, ` +
        `${(sampleBytes / 1e6 / floorCpuS).toFixed(0)} MB per CPU-second`,
    );

    for (const jobs of [1, cores]) {
      const figures = runImpact(jobs, paths);
      console.log(describe(figures, cores));
      console.log(`  load average after: ${load()}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
