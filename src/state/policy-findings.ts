/**
 * The findings of every policy the choices produce, counted by kind (values to fill, errors,
 * warnings) for the badges of the service tabs and the regions, and listed for the question
 * asked before an export. Derived from the choices and memoized per configuration, like the
 * policies themselves (`previewPolicy`). Imported only by lazily loaded parts: it brings the engine.
 */
import { catalog } from '@/core/catalog/catalog';
import type { PerimeterConfig } from '@/core/config/schema';
import type { Diagnostic } from '@/core/diagnostics';
import { countFindings, findingKind, type FindingCounts } from '@/core/finding-kinds';
import { canonicalRegions, canonicalServices } from '@/core/generate/selection';
import { previewPolicy } from './preview-policy';

export interface ChoicesFindings {
  /** Per selected service, the findings of its policy for every selected region. */
  byService: Map<string, FindingCounts>;
  /** Per selected region, the values to fill and errors that concern that region only. */
  byRegion: Map<string, FindingCounts>;
  /** Every finding that would make an exported policy wrong or unfinished, each once. */
  blocking: Diagnostic[];
}

const cache = new WeakMap<PerimeterConfig, ChoicesFindings>();

/** The region a finding concerns, when its path names one (`parameters.accountIds.<table>.<region>`). */
function regionOf(diagnostic: Diagnostic, regions: readonly string[]): string | undefined {
  const path = diagnostic.path;
  if (!path?.startsWith('parameters.accountIds.')) return undefined;
  const last = path.slice(path.lastIndexOf('.') + 1);
  return regions.includes(last) ? last : undefined;
}

export function choicesFindings(config: PerimeterConfig): ChoicesFindings {
  const cached = cache.get(config);
  if (cached) return cached;
  const services = canonicalServices(config.services, catalog);
  const regions = canonicalRegions(config.regions, catalog);
  const format = config.output?.format ?? 'pretty-2';
  const byService = new Map<string, FindingCounts>();
  const blockingByKey = new Map<string, Diagnostic>();
  const regionFindings = new Map<string, Map<string, Diagnostic>>();
  for (const service of services) {
    const { diagnostics } = previewPolicy(config, service, undefined, format);
    byService.set(service, countFindings(diagnostics));
    for (const diagnostic of diagnostics) {
      const kind = findingKind(diagnostic);
      if (kind !== 'to-fill' && kind !== 'error') continue;
      const key = `${diagnostic.code}\u0000${diagnostic.path ?? ''}\u0000${diagnostic.message}`;
      blockingByKey.set(key, diagnostic);
      const region = regionOf(diagnostic, regions);
      if (region === undefined) continue;
      const ofRegion = regionFindings.get(region) ?? new Map<string, Diagnostic>();
      ofRegion.set(key, diagnostic);
      regionFindings.set(region, ofRegion);
    }
  }
  const byRegion = new Map<string, FindingCounts>(
    regions.map((region) => [
      region,
      countFindings([...(regionFindings.get(region)?.values() ?? [])]),
    ]),
  );
  const result: ChoicesFindings = { byService, byRegion, blocking: [...blockingByKey.values()] };
  cache.set(config, result);
  return result;
}
