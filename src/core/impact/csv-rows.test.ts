import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRowReader } from './csv-rows';

function rows(text: string, sizes: readonly number[] = [text.length || 1]) {
  const out: string[][] = [];
  const reader = new CsvRowReader((row) => out.push(row));
  let at = 0;
  let i = 0;
  while (at < text.length) {
    const size = sizes[i++ % sizes.length]!;
    reader.push(text.slice(at, at + size));
    at += size;
  }
  reader.end();
  return { out, reader };
}

describe('CsvRowReader', () => {
  const text =
    '"eventsource","requestparameters","count"\r\n' +
    '"s3.amazonaws.com","{""bucketName"":""a,b""}","3"\r\n' +
    'plain,"multi\nline",\n' +
    '"","",""';
  const expected = [
    ['eventsource', 'requestparameters', 'count'],
    ['s3.amazonaws.com', '{"bucketName":"a,b"}', '3'],
    ['plain', 'multi\nline', ''],
    ['', '', ''],
  ];

  it('reads quoted fields, doubled quotes, CRLF and a last row without newline, for any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 12 }),
        (sizes) => {
          expect(rows(text, sizes).out).toEqual(expected);
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });

  it('says when the input ends inside a quoted field', () => {
    const { out, reader } = rows('a,"unfinished');
    expect(reader.unterminated).toBe(true);
    expect(out).toEqual([['a', 'unfinished']]);
  });
});
