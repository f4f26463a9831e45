/**
 * Export speed: every service of the catalog in every region, one policy per region, in each
 * format (the default data access patterns, and every pattern). Budget: under 1 s.
 */
import { catalog } from '../src/core/catalog/catalog';
import type { PerimeterConfig } from '../src/core/config/schema';
import { exportPolicies } from '../src/core/deploy/export/export';
import { EXPORT_FORMATS } from '../src/core/deploy/export/types';
import { generatePolicies } from '../src/core/generate/outputs';
import { largestConfig } from './generate.bench';
import { formatMs, median, percentile, timeSync } from './stats';

export function run(): void {
  const everyServiceEveryRegion: PerimeterConfig = {
    version: 1,
    organizationIds: ['o-a1b2c3d4e5'],
    regions: catalog.regions.map((r) => r.code),
    services: catalog.services.map((s) => s.id),
  };
  for (const [label, config] of [
    ['default patterns', everyServiceEveryRegion],
    ['every pattern', largestConfig()],
  ] as const) {
    // What every format starts from: the generator's policies, one per service and region.
    const generation = timeSync(() => generatePolicies(config, { shape: 'per-region' }), 3, 1);
    console.log(
      `generate only (the floor of every format), ${label}\n  median ${formatMs(median(generation)).padStart(9)}  p95 ${formatMs(percentile(generation, 95)).padStart(9)}`,
    );
    for (const format of EXPORT_FORMATS) {
      let files = 0;
      let characters = 0;
      // CPU time beside wall time: on a shared machine the wall time mostly measures the others.
      const cpu: number[] = [];
      const samples = timeSync(
        () => {
          const before = process.cpuUsage();
          const exported = exportPolicies(config, format, { shape: 'per-region' });
          const used = process.cpuUsage(before);
          cpu.push((used.user + used.system) / 1000);
          files = exported.files.length;
          characters = exported.files.reduce((n, f) => n + f.text.length, 0);
        },
        3,
        1,
      );
      const m = median(samples);
      console.log(
        `${format}, ${config.services.length} services x ${config.regions.length} regions, ${label}: ${files} files, ${(characters / 1_000_000).toFixed(1)} million characters\n  median ${formatMs(m).padStart(9)}  p95 ${formatMs(percentile(samples, 95)).padStart(9)}  CPU median ${formatMs(median(cpu.slice(1))).padStart(9)}  budget 1 s  ${m <= 1000 ? 'OK' : 'OVER'}`,
      );
    }
  }
}
