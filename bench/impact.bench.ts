/**
 * Impact analysis throughput: gzip CloudTrail files read across the cores (worker threads), every
 * event mapped and aggregated, the report built. Prints MB/s of uncompressed JSON, beside the
 * floor set by gunzip plus a whole-file JSON.parse on one core; peak RSS; time to the first file
 * read. Target on these 2-core machines: at least 80 MB/s across both cores (floor for this work
 * about 130).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { PerimeterConfig } from '../src/core/config/schema';
import { buildImpactReport } from '../src/core/impact/report';
import { defaultJobs, readTrails } from '../src/cli/impact/read-trails';
import { GENERATED_ACCOUNTS, GENERATED_ORG, generatedTrailText } from './impact/generate-trail';

const FILES = Number(process.env.IMPACT_BENCH_FILES ?? 24);
const RECORDS_PER_FILE = 8000;

const config: PerimeterConfig = {
  version: 1,
  organizationIds: [GENERATED_ORG],
  regions: ['us-east-1', 'eu-west-1'],
  services: ['s3'],
  statements: {
    AllowRequestsByThirdPartyIdentitiesToThirdPartyResources: false,
    AllowRequestsByOrgsIdentitiesToThirdPartyResources: false,
  },
};

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

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'impact-bench-'));
  mkdirSync(dir, { recursive: true });
  try {
    const { paths, bytes } = writeTrail(dir);
    const mb = bytes / 1_000_000;
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    );
    console.log(
      `${FILES} gzip files, ${mb.toFixed(0)} MB of CloudTrail JSON, ${FILES * RECORDS_PER_FILE} events`,
    );

    const floorStart = performance.now();
    const sample = paths.slice(0, Math.min(6, paths.length));
    let sampleBytes = 0;
    for (const path of sample) {
      const text = gunzipSync(readFileSync(path)).toString('utf8');
      sampleBytes += Buffer.byteLength(text);
      JSON.parse(text);
    }
    const floorRate = sampleBytes / 1_000_000 / ((performance.now() - floorStart) / 1000);
    console.log(
      `floor: gunzip + JSON.parse of whole files, one core: ${floorRate.toFixed(0)} MB/s`,
    );

    for (const jobs of [1, defaultJobs()]) {
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const read = await readTrails(paths, { jobs });
      const readMs = performance.now() - started;
      const readCpu = process.cpuUsage(cpuBefore);
      const readCpuSeconds = (readCpu.user + readCpu.system) / 1e6;
      const report = buildImpactReport(read.collection, {
        config,
        accounts: new Set(GENERATED_ACCOUNTS),
      });
      const totalMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      console.log(
        `impact, ${jobs} thread${jobs === 1 ? '' : 's'}: ${(mb / (totalMs / 1000)).toFixed(0)} MB/s ` +
          `(${(read.collection.events / (totalMs / 1000) / 1000).toFixed(0)}k events/s; reading ${(readMs / 1000).toFixed(2)} s, report ${((totalMs - readMs) / 1000).toFixed(2)} s), ` +
          `${report.totals.shapes} shapes, first file read after ${read.firstFileMs.toFixed(0)} ms; ` +
          `${(mb / cpuSeconds).toFixed(0)} MB per CPU-second of this process (reading alone ${(mb / readCpuSeconds).toFixed(0)}, gunzip included)`,
      );
    }
    console.log(
      `peak RSS of the process (threads included): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
