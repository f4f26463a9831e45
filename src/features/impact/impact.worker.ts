/// <reference lib="webworker" />
/**
 * The impact analysis off the page's thread: reads the picked files into shapes, then evaluates
 * them against the configuration each time the panel asks (a fix applied, accounts loaded). The
 * page stays responsive whatever the size of the logs; cancelling terminates the worker.
 */
import { catalog } from '@/core/catalog/catalog';
import { toServiceId } from '@/core/catalog/ids';
import { EventCollector, type ImpactCollection } from '@/core/impact/collect';
import type { EndpointEntry } from '@/core/impact/endpoints';
import { buildImpactReport } from '@/core/impact/report';
import type { FromImpactWorker, ReadProgress, ToImpactWorker } from './impact-protocol';
import { readTrailBlob } from './read-trail-blob';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromImpactWorker) => scope.postMessage(message);
let collection: ImpactCollection | undefined;

async function read(files: File[], endpoints: Map<string, EndpointEntry>): Promise<void> {
  const started = performance.now();
  const collector = new EventCollector((id) => toServiceId(id, catalog), endpoints);
  const progress: ReadProgress = {
    files: 0,
    totalFiles: files.length,
    bytes: 0,
    totalBytes: files.reduce((sum, f) => sum + f.size, 0),
    events: 0,
    shapes: 0,
  };
  let lastPost = 0;
  const report = () => {
    progress.events = collector.events;
    progress.shapes = collector.shapeCount;
    post({ type: 'progress', progress: { ...progress } });
  };
  for (const file of files) {
    const result = await readTrailBlob(file, collector, (bytes) => {
      progress.bytes += bytes;
      const now = performance.now();
      if (now - lastPost > 100) {
        lastPost = now;
        report();
      }
    });
    progress.files++;
    post({ type: 'file', outcome: { ...result, name: file.webkitRelativePath || file.name } });
    report();
  }
  collection = collector.result();
  progress.events = collector.events;
  progress.shapes = collector.shapeCount;
  post({ type: 'read-done', progress, seconds: (performance.now() - started) / 1000 });
}

scope.addEventListener('message', (event: MessageEvent<ToImpactWorker>) => {
  const message = event.data;
  if (message.type === 'read') {
    read(message.files, new Map(message.endpoints)).catch((error: unknown) =>
      post({ type: 'failed', error: `The logs could not be read: ${(error as Error).message}` }),
    );
  } else if (message.type === 'evaluate') {
    if (!collection) return;
    try {
      const report = buildImpactReport(collection, {
        config: message.config,
        accounts: new Set(message.accounts),
      });
      post({ type: 'report', id: message.id, report });
    } catch (error) {
      post({ type: 'report', id: message.id, error: (error as Error).message });
    }
  }
});
