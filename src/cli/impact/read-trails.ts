/**
 * Reads many trail files across the machine's cores: one worker thread per core (the files are
 * handed out one at a time, so a large file does not hold up the others), each with its own
 * collector, merged at the end. With one job the files are read on the main thread.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  catalog,
  toServiceId,
  EventCollector,
  type ImpactCollection,
  type EndpointEntry,
} from '../../core/index';
import type { FromWorker, ToWorker } from './pool-protocol';
import { readTrailFile, type TrailFileRead } from './read-trail-file';

export interface ReadProgress {
  files: number;
  totalFiles: number;
  bytes: number;
  shapes: number;
}

export interface TrailsRead {
  collection: ImpactCollection;
  files: TrailFileRead[];
  bytes: number;
  /** Milliseconds from the start to the first file read completely. */
  firstFileMs: number;
  /**
   * CPU milliseconds spent, after every file was read and the workers stopped, merging what they
   * read (0 without workers): work no second core can share.
   */
  mergeCpuMs: number;
}

export interface ReadTrailsOptions {
  jobs?: number;
  /** The endpoint inventory: endpoint id to service and region. */
  endpoints?: ReadonlyMap<string, EndpointEntry>;
  onProgress?: (progress: ReadProgress) => void;
  onFile?: (file: TrailFileRead) => void;
}

const knownService = (id: string) => toServiceId(id, catalog);

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

async function readInProcess(
  paths: readonly string[],
  options: ReadTrailsOptions,
): Promise<TrailsRead> {
  const started = performance.now();
  const collector = new EventCollector(knownService, options.endpoints);
  const files: TrailFileRead[] = [];
  let bytes = 0;
  let firstFileMs = 0;
  for (const path of paths) {
    const file = await readTrailFile(path, collector);
    if (files.length === 0) firstFileMs = performance.now() - started;
    files.push(file);
    bytes += file.bytes;
    options.onFile?.(file);
    options.onProgress?.({
      files: files.length,
      totalFiles: paths.length,
      bytes,
      shapes: collector.shapeCount,
    });
  }
  return { collection: collector.result(), files, bytes, firstFileMs, mergeCpuMs: 0 };
}

let workerSource: Promise<string> | undefined;

/**
 * The worker's code as one script, bundled once per run from the TypeScript sources (the CLI has
 * no build step). A worker that loaded the sources through the TypeScript loader instead spent
 * most of a second of CPU compiling them, on machines where cores are scarce.
 */
function bundledWorker(): Promise<string> {
  workerSource ??= import('esbuild').then(async ({ build }) => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('./trail-worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles[0]!.text;
  });
  return workerSource;
}

function startWorker(source: string, endpoints?: ReadonlyMap<string, EndpointEntry>): Worker {
  return new Worker(source, {
    eval: true,
    workerData: {
      services: catalog.services.map((s) => s.id),
      endpoints: endpoints ? [...endpoints] : [],
    },
  });
}

export async function readTrails(
  paths: readonly string[],
  options: ReadTrailsOptions = {},
): Promise<TrailsRead> {
  const jobs = Math.max(1, Math.min(options.jobs ?? defaultJobs(), paths.length));
  if (jobs <= 1) return readInProcess(paths, options);
  const started = performance.now();
  const merged = new EventCollector(knownService, options.endpoints);
  const files: TrailFileRead[] = [];
  const shapesBy = new Map<unknown, number>();
  let next = 0;
  let bytes = 0;
  let firstFileMs = 0;
  const progress = () =>
    options.onProgress?.({
      files: files.length,
      totalFiles: paths.length,
      bytes,
      shapes: [...shapesBy.values()].reduce((a, b) => a + b, 0),
    });
  const fileDone = (reader: unknown, file: TrailFileRead, shapes: number) => {
    if (files.length === 0) firstFileMs = performance.now() - started;
    files.push(file);
    shapesBy.set(reader, shapes);
    options.onFile?.(file);
    progress();
  };
  // The main thread reads too, beside jobs - 1 workers: a worker costs more CPU than the main
  // thread for the same file, and the main thread would otherwise only wait.
  const readOnMain = async () => {
    while (next < paths.length) {
      const file = await readTrailFile(paths[next++]!, merged, (n) => {
        bytes += n;
      });
      fileDone(merged, file, merged.shapeCount);
    }
  };
  // The main thread starts at once; the workers join once their code is bundled.
  const mainReading = readOnMain();
  let source: string;
  try {
    source = await bundledWorker();
  } catch {
    // Without a bundler the main thread reads everything: slower, never wrong.
    await mainReading;
    return { collection: merged.result(), files, bytes, firstFileMs, mergeCpuMs: 0 };
  }
  const workers =
    next < paths.length
      ? Array.from({ length: jobs - 1 }, () => startWorker(source, options.endpoints))
      : [];
  const collections: ImpactCollection[] = [];
  try {
    await Promise.all([
      mainReading,
      ...workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = (message: ToWorker) => worker.postMessage(message);
            const handOut = () => {
              if (next < paths.length) send({ type: 'read', path: paths[next++]! });
              else send({ type: 'finish' });
            };
            worker.on('message', (message: FromWorker) => {
              if (message.type === 'ready') handOut();
              else if (message.type === 'progress') {
                bytes += message.bytes;
                progress();
              } else if (message.type === 'file') {
                fileDone(worker, message.result, message.shapes);
                handOut();
              } else {
                collections.push(message.collection);
                resolve();
              }
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`a reading thread stopped (exit code ${code})`));
            });
          }),
      ),
    ]);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  const mergeStarted = process.cpuUsage();
  for (const collection of collections) merged.merge(collection);
  const collection = merged.result();
  const mergeCpu = process.cpuUsage(mergeStarted);
  const order = new Map(paths.map((path, i) => [path, i]));
  files.sort((a, b) => order.get(a.path)! - order.get(b.path)!);
  return {
    collection,
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    firstFileMs,
    mergeCpuMs: (mergeCpu.user + mergeCpu.system) / 1000,
  };
}
