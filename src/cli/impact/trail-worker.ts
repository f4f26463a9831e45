/**
 * A worker thread of `vpce-policy impact`: reads the files the main thread hands it, one at a
 * time, into its own collector, and hands back the shapes when told to finish.
 */
import { parentPort, workerData } from 'node:worker_threads';
// The reader's modules, not the engine's entry (core/index): a worker thread never loads the catalog.
import { EventCollector } from '../../core/impact/collect';
import type { ServiceId } from '../../core/catalog/ids';
import type { EndpointEntry } from '../../core/impact/endpoints';
import type { ToWorker, FromWorker } from './pool-protocol';
import { readTrailFile } from './read-trail-file';

const port = parentPort!;
// The endpoint service ids come from the main thread, so that the worker does not load the catalog.
const data = workerData as { services: ServiceId[]; endpoints: [string, EndpointEntry][] };
const services = new Map<string, ServiceId>(data.services.map((id) => [id, id]));
const collector = new EventCollector((id) => services.get(id), new Map(data.endpoints));
const post = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  if (message.type === 'read') {
    let pending = 0;
    readTrailFile(message.path, collector, (bytes) => {
      pending += bytes;
      if (pending >= 8 << 20) {
        post({ type: 'progress', bytes: pending });
        pending = 0;
      }
    })
      .then((result) => {
        if (pending > 0) post({ type: 'progress', bytes: pending });
        post({ type: 'file', result, shapes: collector.shapeCount });
      })
      .catch((error: unknown) =>
        post({
          type: 'file',
          result: {
            path: message.path,
            bytes: 0,
            records: 0,
            problems: [`unexpected failure: ${(error as Error).message}`],
            stopped: true,
          },
          shapes: collector.shapeCount,
        }),
      );
  } else if (message.type === 'finish') {
    post({ type: 'collection', collection: collector.result() });
  }
});
post({ type: 'ready' });
