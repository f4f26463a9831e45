import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../core/catalog/catalog';
import { toServiceId } from '../../core/catalog/ids';
import { EventCollector } from '../../core/impact/collect';
import { TrailFileReader } from '../../core/impact/trail-reader';
import { identities, logFile, OURS, s3Event } from '../../core/impact/trail-fixtures.testing';
import { asciiText } from './read-trail-file';

function read(bytes: Buffer, sizes: readonly number[], fast: boolean) {
  const collector = new EventCollector((id) => toServiceId(id, catalog));
  const reader = new TrailFileReader(collector, fast ? asciiText : undefined);
  let at = 0;
  let i = 0;
  while (at < bytes.length) {
    const size = sizes[i++ % sizes.length]!;
    reader.pushBytes(bytes.subarray(at, at + size));
    at += size;
  }
  return { result: reader.end(), collection: collector.result() };
}

describe('reading bytes with the ASCII fast path', () => {
  it('reads the same events as the UTF-8 decoder, with non-ASCII characters split across chunks', () => {
    const text = logFile([
      s3Event(identities.role(), 'plain', 'a/b/c.csv', OURS),
      s3Event(identities.role(), 'données', 'été/日本/😀.csv', OURS),
      s3Event(identities.role(), 'plain', 'd/e.csv', OURS),
    ]);
    const bytes = Buffer.from(text, 'utf8');
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 8 }),
        (sizes) => {
          const fast = read(bytes, sizes, true);
          const slow = read(bytes, sizes, false);
          expect(fast).toEqual(slow);
          expect(fast.collection.shapes.map((s) => s.resourceExample)).toContain(
            'arn:aws:s3:::données/été/日本/😀.csv',
          );
        },
      ),
      { seed: 3, numRuns: 150 },
    );
  });

  it('decodes only ASCII bytes itself', () => {
    expect(asciiText(Buffer.from('{"a":1}'))).toBe('{"a":1}');
    expect(asciiText(Buffer.from('é'))).toBeUndefined();
  });
});
