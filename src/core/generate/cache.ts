/**
 * The generator's memory across calls: pattern expansions, keyed by what they depend on. The
 * preview regenerates on every change, and expansion is most of the work for many regions.
 */
import type { Catalog } from '../catalog/catalog';
import type { DataAccessPattern } from '../catalog/schema';
import type { PerimeterConfig } from '../config/schema';
import { expandPattern, type PatternExpansion, type RegionContext } from './expansion';
import { DiagnosticSink, type RecordedDiagnostic } from './sink';

interface CachedExpansion {
  expansion: PatternExpansion;
  diagnostics: Array<[string, RecordedDiagnostic]>;
}

/** Bounded: a session touches a few hundred pattern and region combinations at most. */
const MAX_CACHED_EXPANSIONS = 4_000;
const expansionCache = new WeakMap<Catalog, Map<string, CachedExpansion>>();

/** The parts of the configuration an expansion of the pattern reads, as a key. */
function parametersKey(pattern: DataAccessPattern, config: PerimeterConfig): string {
  const source = pattern.accounts;
  const accountsKey = !source
    ? ''
    : 'table' in source
      ? JSON.stringify(config.parameters?.accountIds?.[source.table] ?? null)
      : JSON.stringify(config.parameters?.lambdaLayerAccounts ?? null);
  const bucketsKey = pattern.bucketNames
    ? JSON.stringify(config.parameters?.bucketNames?.[pattern.id] ?? null)
    : '';
  return `${accountsKey}|${bucketsKey}`;
}

/**
 * Expansions depend only on the pattern, the regions and the accounts and bucket names the
 * configuration gives for the pattern, so a change elsewhere (a statement toggle, the
 * organization id) reuses them. Cached bags are never changed: statements read them through
 * `ValueList`.
 */
export function expandPatternCached(
  pattern: DataAccessPattern,
  regions: readonly RegionContext[],
  regionsKey: string,
  config: PerimeterConfig,
  catalog: Catalog,
  sink: DiagnosticSink,
): PatternExpansion {
  let cache = expansionCache.get(catalog);
  if (!cache) {
    cache = new Map();
    expansionCache.set(catalog, cache);
  }
  const key = `${pattern.id}|${regionsKey}|${parametersKey(pattern, config)}`;
  let entry = cache.get(key);
  if (!entry) {
    const recorder = new DiagnosticSink(true);
    entry = {
      expansion: expandPattern(pattern, regions, config, catalog, recorder),
      diagnostics: recorder.calls,
    };
    if (cache.size >= MAX_CACHED_EXPANSIONS) cache.clear();
    cache.set(key, entry);
  }
  sink.replay(entry.diagnostics);
  return entry.expansion;
}
