import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/core/catalog/catalog';
import { toServiceId } from '../../src/core/catalog/ids';
import { EventCollector } from '../../src/core/impact/collect';
import { TrailFileReader } from '../../src/core/impact/trail-reader';
import { pooledTrailText } from './generate-trail';

/** A slice of the 10-million-event benchmark (`npm run bench -- impact-scale`). */
describe('impact analysis at scale (slice)', () => {
  it('streams generated events into shapes whose number follows the traffic, not the events', () => {
    const shapesAfter = (events: number) => {
      const collector = new EventCollector((id) => toServiceId(id, catalog));
      const reader = new TrailFileReader(collector);
      for (const chunk of pooledTrailText(3, events, 512)) reader.pushText(chunk);
      expect(reader.end().problems).toEqual([]);
      expect(collector.events).toBe(events);
      return collector.shapeCount;
    };
    const small = shapesAfter(20_000);
    const large = shapesAfter(100_000);
    // Five times the events over the same pool of 512 records: at most the pool's shapes.
    expect(large).toBeLessThanOrEqual(512);
    expect(large).toBeLessThan(small * 1.2);
  });
});
