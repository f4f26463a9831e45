/**
 * Reads one file the user picked into a collector, streaming: gzip through the browser's
 * DecompressionStream, then the engine's reader, so that a file of any size is read in memory
 * bounded by a chunk and a record.
 */
import type { EventCollector } from '@/core/impact/collect';
import { isGzip, TrailFileReader, type TrailFileResult } from '@/core/impact/trail-reader';

export async function readTrailBlob(
  blob: Blob,
  collector: EventCollector,
  onBytes: (bytes: number) => void,
): Promise<TrailFileResult> {
  const reader = new TrailFileReader(collector);
  const gzip = isGzip(new Uint8Array(await blob.slice(0, 2).arrayBuffer()));
  const counted = blob.stream().pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        onBytes(chunk.byteLength);
        controller.enqueue(chunk);
      },
    }),
  );
  const stream = gzip
    ? counted.pipeThrough(
        new DecompressionStream('gzip') as ReadableWritablePair<Uint8Array, Uint8Array>,
      )
    : counted;
  const chunks = stream.getReader();
  let failure: string | undefined;
  try {
    for (;;) {
      const { done, value } = await chunks.read();
      if (done) break;
      reader.pushBytes(value);
      if (reader.stopped) {
        await chunks.cancel();
        break;
      }
    }
  } catch (error) {
    failure = gzip
      ? `the gzip data is corrupt or cut short (${(error as Error).message}); the events before that point were read`
      : `reading failed (${(error as Error).message})`;
  }
  const result = reader.end();
  if (failure) result.problems.unshift(failure);
  return result;
}
