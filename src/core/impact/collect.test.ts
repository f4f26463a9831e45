import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/catalog';
import { toServiceId } from '../catalog/ids';
import { EventCollector, type ImpactCollection } from './collect';
import { apiEvent, identities, OURS, s3Event } from './trail-fixtures.testing';

const knownService = (id: string) => toServiceId(id, catalog);

/** What a collector makes of records given as text, and of the same records already parsed. */
function collectBothWays(records: readonly string[]): {
  fromText: ImpactCollection;
  fromValues: ImpactCollection;
} {
  const text = new EventCollector(knownService);
  const values = new EventCollector(knownService);
  for (const record of records) {
    text.addRecordText(record);
    values.addValue(JSON.parse(record));
  }
  return { fromText: text.result(), fromValues: values.result() };
}

describe('EventCollector, records as text', () => {
  it('counts events without an endpoint by eventSource, as the parsed events are counted', () => {
    const records = [
      apiEvent(identities.role(), {
        eventSource: 'sts.amazonaws.com',
        eventName: 'GetCallerIdentity',
        vpce: null,
      }),
      apiEvent(identities.role(), {
        eventSource: 'sts.amazonaws.com',
        eventName: 'AssumeRole',
        vpce: null,
      }),
      s3Event(identities.role(), 'data-lake', 'a/b/c.txt', OURS, { vpce: null }),
      s3Event(identities.role(), 'data-lake', 'a/b/c.txt', OURS),
    ].map((event) => JSON.stringify(event));
    const { fromText, fromValues } = collectBothWays(records);
    expect(fromText).toEqual(fromValues);
    expect(fromText.withoutEndpoint).toEqual({ 'sts.amazonaws.com': 2, 's3.amazonaws.com': 1 });
    expect(fromText.events).toBe(4);
    expect(fromText.shapes.map((s) => s.count)).toEqual([1]);
  });

  it('reads an event whose endpoint key is spelled with an escape', () => {
    const event = s3Event(identities.role(), 'data-lake', 'a/b/c.txt', OURS);
    const text = JSON.stringify(event).replace('"vpcEndpointId"', '"vpcEndpoint\\u0049d"');
    expect(text).not.toContain('vpcEndpointId');
    const { fromText, fromValues } = collectBothWays([text]);
    expect(fromText).toEqual(fromValues);
    expect(fromText.shapes).toHaveLength(1);
    expect(fromText.withoutEndpoint).toEqual({});
  });

  it('counts a record that is not an event under its reason, not as traffic without an endpoint', () => {
    const collector = new EventCollector(knownService);
    collector.addRecordText(
      '{"eventVersion":"1.11","userIdentity":{"type":"Root"},"eventTime":"x"}',
    );
    const result = collector.result();
    expect(result.withoutEndpoint).toEqual({});
    expect(result.unmapped.map((u) => [u.reason, u.count])).toEqual([
      ['not a CloudTrail event (no eventSource or eventName)', 1],
    ]);
  });

  it('counts every event of a query result row past the list of event sources', () => {
    const collector = new EventCollector(knownService);
    for (let i = 0; i < 500; i++)
      collector.addRow({ eventsource: `s${i}.amazonaws.com`, eventname: 'Get', count: '1' });
    collector.addRow({ eventsource: 'extra.amazonaws.com', eventname: 'Get', count: '7' });
    const result = collector.result();
    expect(result.withoutEndpoint['(other)']).toBe(7);
    expect(result.events).toBe(507);
  });

  it('keeps the same sample of endpoints whatever the order and the threads that read the events', () => {
    const ids = Array.from({ length: 12 }, (_, i) => `vpce-0${String(i).padStart(16, '0')}`);
    const records = ids.map((vpce) =>
      JSON.stringify(s3Event(identities.role(), 'data-lake', 'a/b/c.txt', OURS, { vpce })),
    );
    const inOrder = new EventCollector(knownService);
    for (const record of records) inOrder.addRecordText(record);
    const reversed = new EventCollector(knownService);
    for (const record of [...records].reverse()) reversed.addRecordText(record);
    const [first, second] = [new EventCollector(knownService), new EventCollector(knownService)];
    records.forEach((record, i) => (i % 2 === 0 ? first : second).addRecordText(record));
    second.merge(first.result());

    const expected = inOrder.result();
    expect(expected.shapes[0]?.endpoints).toEqual(ids.slice(0, 10));
    expect(reversed.result()).toEqual(expected);
    expect(second.result()).toEqual(expected);
  });

  it('keeps the same examples of events it could not map whatever the order', () => {
    const records = ['GetObject', 'PutObject', 'HeadObject', 'DeleteObject', 'CopyObject'].map(
      (eventName) =>
        JSON.stringify(
          s3Event(identities.role(), 'data-lake', 'a/b/c.txt', OURS, { eventName, region: 'moon' }),
        ),
    );
    const unmapped = (order: string[]) => {
      const collector = new EventCollector(knownService);
      for (const record of order) collector.addRecordText(record);
      return collector.result().unmapped;
    };
    const expected = unmapped(records);
    expect(expected).toEqual([
      {
        reason: 'the awsRegion "moon" is not a region',
        count: 5,
        examples: [
          's3.amazonaws.com CopyObject',
          's3.amazonaws.com DeleteObject',
          's3.amazonaws.com GetObject',
        ],
      },
    ]);
    expect(unmapped([...records].reverse())).toEqual(expected);
  });
});
