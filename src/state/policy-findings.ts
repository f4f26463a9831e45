/**
 * The findings of every policy the choices produce, counted by kind (values to fill, errors,
 * warnings) for the badges of the service tabs and the regions, and listed for the question
 * asked before an export. Derived from the choices and memoized per configuration, like the
 * policies themselves (`previewPolicy`). Imported only by lazily loaded parts: it brings the engine.
 */
import { catalog } from '@/core/catalog/catalog';
import type { ServiceId } from '@/core/catalog/ids';
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
  /** The same, per selected service: what its own policy still needs in each region. */
  byServiceRegion: Map<string, Map<string, FindingCounts>>;
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

/** A computation split into steps, run a few at a time in idle periods. */
export interface FindingsJob {
  /** Runs steps while `hasTime()` says so; returns the findings once every service is done. */
  step(hasTime: () => boolean): ChoicesFindings | undefined;
}

/**
 * The findings of the choices one service at a time: with every service and region selected,
 * generating every policy takes tens of milliseconds, which badges must not hold a change up for.
 */
export function choicesFindingsJob(config: PerimeterConfig): FindingsJob {
  const cached = cache.get(config);
  if (cached) return { step: () => cached };
  const services = canonicalServices(config.services, catalog);
  const regions = canonicalRegions(config.regions, catalog);
  const format = config.output?.format ?? 'pretty-2';
  const byService = new Map<string, FindingCounts>();
  const blockingByKey = new Map<string, Diagnostic>();
  const regionFindings = new Map<string, Map<string, Diagnostic>>();
  const byServiceRegion = new Map<string, Map<string, FindingCounts>>();
  let next = 0;
  const addService = (service: ServiceId) => {
    const { diagnostics } = previewPolicy(config, service, undefined, format);
    byService.set(service, countFindings(diagnostics));
    const ofService = new Map<string, Diagnostic[]>();
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
      const found = ofService.get(region);
      if (found) found.push(diagnostic);
      else ofService.set(region, [diagnostic]);
    }
    byServiceRegion.set(
      service,
      new Map([...ofService].map(([region, found]) => [region, countFindings(found)])),
    );
  };
  return {
    step(hasTime) {
      const done = cache.get(config);
      if (done) return done;
      // At least one service per step, so that a busy browser still gets there.
      while (next < services.length) {
        addService(services[next++]!);
        if (!hasTime()) break;
      }
      if (next < services.length) return undefined;
      const byRegion = new Map<string, FindingCounts>(
        regions.map((region) => [
          region,
          countFindings([...(regionFindings.get(region)?.values() ?? [])]),
        ]),
      );
      const result: ChoicesFindings = {
        byService,
        byRegion,
        byServiceRegion,
        blocking: [...blockingByKey.values()],
      };
      cache.set(config, result);
      return result;
    },
  };
}

/** The findings of the choices, computed at once (for an export, which waits on them). */
export function choicesFindings(config: PerimeterConfig): ChoicesFindings {
  const job = choicesFindingsJob(config);
  let result = job.step(() => true);
  while (!result) result = job.step(() => true);
  return result;
}
