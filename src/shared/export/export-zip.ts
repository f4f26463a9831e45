/**
 * The zip of an export, built in a module worker so that a large export (every service in every
 * region is thousands of files) never holds up the page; where no worker can start, in the page.
 */
import type { PerimeterConfig } from '@/core/config/schema';
import type { ExportFormat } from '@/core/deploy/export/types';
import type { ExportZip } from './export-zip-builder';

export type { ExportZip } from './export-zip-builder';

type WorkerAnswer = { zip: ExportZip } | { failure: string };

async function inPage(config: PerimeterConfig, format: ExportFormat): Promise<ExportZip> {
  const { buildExportZip } = await import('./export-zip-builder');
  return buildExportZip(config, format);
}

export function zipExport(config: PerimeterConfig, format: ExportFormat): Promise<ExportZip> {
  if (typeof Worker === 'undefined') return inPage(config, format);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./export.worker.ts', import.meta.url), {
      type: 'module',
      name: 'policy-export',
    });
  } catch {
    return inPage(config, format);
  }
  return new Promise<ExportZip>((resolve, reject) => {
    const done = () => worker.terminate();
    worker.addEventListener('message', (event: MessageEvent<WorkerAnswer>) => {
      done();
      if ('zip' in event.data) resolve(event.data.zip);
      else reject(new Error(event.data.failure));
    });
    // A worker that cannot load or run hands the work to the page.
    const fallBack = () => {
      done();
      inPage(config, format).then(resolve, reject);
    };
    worker.addEventListener('error', fallBack);
    worker.addEventListener('messageerror', fallBack);
    worker.postMessage({ config, format });
  });
}
