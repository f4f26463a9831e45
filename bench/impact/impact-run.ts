/**
 * One impact run in a process of its own, as `vpce-policy impact` runs: the files read with the
 * given number of threads, then the report. A fresh process gives the figures a user sees (code
 * not yet optimized by the JIT, the run's own peak memory). Prints one line of JSON.
 * Usage: tsx bench/impact/impact-run.ts JOBS FILE...
 */
import { readFileSync } from 'node:fs';
import { readTrails } from '../../src/cli/impact/read-trails';
import { buildImpactReport } from '../../src/core/impact/report';
import { BENCH_CONFIG, GENERATED_ACCOUNTS } from './generate-trail';

export interface ImpactRunFigures {
  jobs: number;
  bytes: number;
  events: number;
  shapes: number;
  readMs: number;
  reportMs: number;
  /** CPU time of the whole process (every thread) while reading, and while building the report. */
  readCpuMs: number;
  reportCpuMs: number;
  firstFileMs: number;
  /** CPU time of the main thread merging the workers' shapes once every file was read. */
  mergeCpuMs: number;
  peakRssBytes: number;
  legitimateDenied: number;
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/**
 * The peak RSS of this process's own memory (VmHWM). `resourceUsage().maxRSS` is not: Linux
 * carries the high-water mark of the parent's copy across the fork and exec that started this
 * process, so it reported the benchmark's own memory (its generated trail) instead.
 */
function peakRssBytes(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (kb) return Number(kb[1]) * 1024;
  } catch {
    // Not Linux: fall back to the operating system's figure.
  }
  return process.resourceUsage().maxRSS * 1024;
}

async function main(): Promise<void> {
  const [jobsArg, ...paths] = process.argv.slice(2);
  const jobs = Number(jobsArg);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const read = await readTrails(paths, { jobs });
  const readMs = performance.now() - started;
  const readCpu = process.cpuUsage(cpuStart);
  const report = buildImpactReport(read.collection, {
    config: BENCH_CONFIG,
    accounts: new Set(GENERATED_ACCOUNTS),
  });
  const figures: ImpactRunFigures = {
    jobs,
    bytes: read.bytes,
    events: report.totals.events,
    shapes: report.totals.shapes,
    readMs,
    reportMs: performance.now() - started - readMs,
    readCpuMs: cpuMs(readCpu),
    reportCpuMs: cpuMs(process.cpuUsage(cpuStart)) - cpuMs(readCpu),
    firstFileMs: read.firstFileMs,
    mergeCpuMs: read.mergeCpuMs,
    peakRssBytes: peakRssBytes(),
    legitimateDenied: report.totals.legitimateDenied.shapes,
  };
  console.log(JSON.stringify(figures));
}

await main();
