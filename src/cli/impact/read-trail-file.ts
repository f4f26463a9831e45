/**
 * Reads one trail file from disk into a collector, streaming: gzip (detected by its magic bytes,
 * whatever the name) through zlib, then the engine's reader. Memory stays bounded by one chunk
 * and one record, whatever the file's size.
 */
import { isAscii } from 'node:buffer';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
// The reader's modules, not the engine's entry (core/index): worker threads run this file too.
import type { EventCollector } from '../../core/impact/collect';
import { isGzip, TrailFileReader, type TrailFileResult } from '../../core/impact/trail-reader';

export interface TrailFileRead extends TrailFileResult {
  path: string;
  /** Bytes of text read (after decompression). */
  bytes: number;
}

const READ_CHUNK = 1 << 20;

/** ASCII bytes as text without the UTF-8 decoder's work (isAscii runs in native code). */
export const asciiText = (bytes: Uint8Array): string | undefined =>
  isAscii(bytes)
    ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
    : undefined;

function startsWithGzip(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && isGzip(head);
  } finally {
    closeSync(fd);
  }
}

export async function readTrailFile(
  path: string,
  collector: EventCollector,
  onBytes?: (bytes: number) => void,
): Promise<TrailFileRead> {
  const reader = new TrailFileReader(collector, asciiText);
  let bytes = 0;
  let stream: Readable;
  let gzip: boolean;
  try {
    const stat = statSync(path);
    if (!stat.isFile())
      return { path, bytes, records: 0, problems: ['not a regular file'], stopped: true };
    gzip = startsWithGzip(path);
  } catch (error) {
    return {
      path,
      bytes,
      records: 0,
      problems: [`cannot read it: ${(error as Error).message}`],
      stopped: true,
    };
  }
  const source = createReadStream(path, { highWaterMark: READ_CHUNK });
  if (gzip) {
    const gunzip = createGunzip({ chunkSize: 256 * 1024 });
    stream = pipeline(source, gunzip, () => undefined);
  } else {
    stream = source;
  }
  let failure: string | undefined;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      onBytes?.(chunk.length);
      reader.pushBytes(chunk);
      if (reader.stopped) break;
    }
  } catch (error) {
    const message = (error as Error).message;
    failure = gzip
      ? `the gzip data is corrupt or cut short (${message}); the events before that point were read`
      : `reading failed (${message})`;
  } finally {
    stream.destroy();
    source.destroy();
  }
  const result = reader.end();
  if (failure) result.problems.unshift(failure);
  return { ...result, path, bytes };
}
