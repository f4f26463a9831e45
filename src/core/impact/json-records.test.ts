import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonRecordSplitter, MAX_RECORD_CHARACTERS } from './json-records';

function split(text: string, chunkSizes: readonly number[] = [text.length || 1]) {
  const records: string[] = [];
  const splitter = new JsonRecordSplitter({ record: (r) => records.push(r) });
  let at = 0;
  let i = 0;
  while (at < text.length) {
    const size = Math.max(1, chunkSizes[i++ % chunkSizes.length]!);
    splitter.push(text.slice(at, at + size));
    at += size;
  }
  splitter.end();
  return { records: records.map((r) => JSON.parse(r) as unknown), splitter };
}

const tricky = [
  { eventName: 'GetObject', s: 'a "quoted" {brace} [bracket] \\ backslash', n: 1 },
  { eventName: 'PutObject', s: '\\\\', nested: { list: [{ a: ']' }, '}'] } },
  { eventName: 'X', s: '\\"', u: '\u00e9\u4e2d\ud83d\ude00' },
];

describe('JsonRecordSplitter', () => {
  it('splits a CloudTrail file into its records for any chunking, escapes across chunk edges included', () => {
    const text = JSON.stringify({ Records: tricky });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }),
        (sizes) => {
          const { records, splitter } = split(text, sizes);
          expect(records).toEqual(tricky);
          expect(splitter.problems).toEqual([]);
        },
      ),
      { seed: 11, numRuns: 300 },
    );
  });

  it('finds the record list after other keys, and reads lookup-events and CloudTrail Lake shapes', () => {
    const withKeys = `{"Version":"x","Other":[1,2],"Records":[{"a":1},{"b":[2]}],"After":{"c":3}}`;
    expect(split(withKeys, [3]).records).toEqual([{ a: 1 }, { b: [2] }]);
    const lookup = JSON.stringify({ Events: [{ EventId: '1', CloudTrailEvent: '{"x":1}' }] });
    expect(split(lookup).records).toEqual([{ EventId: '1', CloudTrailEvent: '{"x":1}' }]);
    const lake = JSON.stringify({ QueryResultRows: [[{ eventSource: 's3' }, { count: '2' }]] });
    expect(split(lake).records).toEqual([[{ eventSource: 's3' }, { count: '2' }]]);
  });

  it('reads a JSON array of rows and one object per line', () => {
    expect(split('[{"a":1},\n{"a":2}]', [2]).records).toEqual([{ a: 1 }, { a: 2 }]);
    expect(split('{"a":1}\n{"a":2,"resources":[{"x":1}]}\n', [5]).records).toEqual([
      { a: 1 },
      { a: 2, resources: [{ x: 1 }] },
    ]);
  });

  it('keeps the complete records of a truncated file and says it is truncated', () => {
    const text = JSON.stringify({ Records: tricky }).slice(0, -30);
    const { records, splitter } = split(text, [17]);
    expect(records).toEqual(tricky.slice(0, 2));
    expect(splitter.problems.map((p) => p.message)).toEqual([
      'the text ends in the middle of a record (truncated?) after 2 complete records',
    ]);
  });

  it('stops at text that is not JSON', () => {
    const { records, splitter } = split('eventVersion,eventSource\n1,2');
    expect(records).toEqual([]);
    expect(splitter.failed).toBe(true);
    expect(splitter.problems[0]?.message).toMatch(/^the text is not JSON: "eventVersion,eventSo/);
  });

  it('skips a record larger than the limit and goes on', () => {
    const big = 'x'.repeat(MAX_RECORD_CHARACTERS + 10);
    const text = `{"Records":[{"a":1},{"big":"${big}"},{"a":2}]}`;
    const { records, splitter } = split(text, [65536]);
    expect(records).toEqual([{ a: 1 }, { a: 2 }]);
    expect(splitter.problems.map((p) => p.kind)).toEqual(['record-too-large']);
    expect(splitter.failed).toBe(false);
  });

  it('stops on a huge document with no record list', () => {
    const text = `{"data":"${'y'.repeat(MAX_RECORD_CHARACTERS + 10)}"}`;
    const { records, splitter } = split(text, [65536]);
    expect(records).toEqual([]);
    expect(splitter.failed).toBe(true);
    expect(splitter.problems[0]?.message).toContain('no "Records" list');
  });

  it('reports values in the record list that are not objects', () => {
    const { records, splitter } = split('{"Records":[{"a":1},42,{"a":2}]}');
    expect(records).toEqual([{ a: 1 }, { a: 2 }]);
    expect(splitter.problems.map((p) => p.kind)).toEqual(['stray-value']);
  });
});
