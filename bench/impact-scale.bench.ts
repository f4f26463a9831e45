/**
 * Impact analysis at scale: 10 million CloudTrail events streamed from a generator (no file) into
 * one reader, then the report. Memory must follow the number of distinct shapes, not of events:
 * the figures print heap and RSS after 1 million events and after 10 million.
 * IMPACT_SCALE_EVENTS overrides the count.
 */
import { catalog } from '../src/core/catalog/catalog';
import { toServiceId } from '../src/core/catalog/ids';
import { EventCollector } from '../src/core/impact/collect';
import { buildImpactReport } from '../src/core/impact/report';
import { TrailFileReader } from '../src/core/impact/trail-reader';
import { GENERATED_ACCOUNTS, GENERATED_ORG, pooledTrailText } from './impact/generate-trail';
import { testRegionCode, testServiceId } from '../src/core/catalog/ids.testing';

const EVENTS = Number(process.env.IMPACT_SCALE_EVENTS ?? 10_000_000);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function run(): void {
  const collector = new EventCollector((id) => toServiceId(id, catalog));
  const reader = new TrailFileReader(collector);
  const started = performance.now();
  let bytes = 0;
  let nextReport = 1_000_000;
  for (const chunk of pooledTrailText(42, EVENTS)) {
    bytes += chunk.length;
    reader.pushText(chunk);
    if (collector.events >= nextReport) {
      const memory = process.memoryUsage();
      console.log(
        `${(collector.events / 1e6).toFixed(0)}M events, ${(bytes / 1e9).toFixed(1)} GB of JSON: ${collector.shapeCount} shapes, heap ${mb(memory.heapUsed)}, RSS ${mb(memory.rss)}, ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
      nextReport = nextReport === 1_000_000 ? 5_000_000 : nextReport + 5_000_000;
    }
  }
  const file = reader.end();
  const readSeconds = (performance.now() - started) / 1000;
  const report = buildImpactReport(collector.result(), {
    config: {
      version: 1,
      organizationIds: [GENERATED_ORG],
      regions: [testRegionCode('us-east-1'), testRegionCode('eu-west-1')],
      services: [testServiceId('s3')],
    },
    accounts: new Set(GENERATED_ACCOUNTS),
  });
  const memory = process.memoryUsage();
  console.log(
    `${report.totals.events} events (${file.problems.length} problems) in ${readSeconds.toFixed(0)} s, ${(bytes / 1e6 / readSeconds).toFixed(0)} MB/s on one thread; ${report.totals.shapes} shapes; report in ${((performance.now() - started) / 1000 - readSeconds).toFixed(1)} s; heap ${mb(memory.heapUsed)}, peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
}
