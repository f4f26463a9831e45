/**
 * Recognition, matching: the data access patterns whose values a policy holds, matched against
 * what the generator itself produces for the service and regions, and the service and regions a
 * policy is for.
 */
import type { Catalog } from '../catalog/catalog';
import {
  ACCOUNT_ID_PATTERN,
  STATEMENT_SIDS,
  idEntries,
  type PatternId,
  type RegionCode,
  type ServiceId,
} from '../catalog/ids';
import type { DataAccessPattern } from '../catalog/schema';

import { CONFIG_VERSION, type PerimeterConfig } from '../config/schema';

import { fitsBucketShape } from '../generate/expansion';
import { generate } from '../generate/generate';
import { strangerOwnablePart, splitArn, hasWildcard } from '../policy/arn';
import { canonicalRegions } from '../generate/selection';
import { matchesWildcard } from '../policy/wildcard';

import { hasPlaceholder } from '../policy/identifiers';
import type { PolicyModel, PolicyValue } from '../policy/policy-model';
import type { RecognitionContext, RecognizedPattern } from './recognize';
import type { Classified } from './recognize-shapes';
// ---------------------------------------------------------------------------------------------
// Pattern expansion through the generator

interface PatternExpansion {
  /** Pattern id → its resource ARNs or accounts for the regions. */
  valuesByPattern: Map<PatternId, Set<string>>;
  /** Pattern id → its statement, grant and values in one string, equal for patterns that cannot be told apart. */
  signatures: Map<PatternId, string>;
  /** Value → the patterns that produce it. */
  patternsByValue: Map<string, PatternId[]>;
}

const EXPANSION_CACHE_SIZE = 32;
const expansionCache = new WeakMap<Catalog, Map<string, PatternExpansion>>();

/** Exact bucket names per pattern and region, as `parameters.bucketNames` holds them. */
export type BucketNames = Record<PatternId, Record<RegionCode, string[]>>;

/** Every data access pattern of the service, expanded by the generator for the regions. */
function expandPatterns(
  catalog: Catalog,
  service: ServiceId,
  regions: readonly RegionCode[],
  layerAccounts: readonly string[],
  bucketNames: BucketNames = {},
): PatternExpansion {
  let cache = expansionCache.get(catalog);
  if (!cache) {
    cache = new Map();
    expansionCache.set(catalog, cache);
  }
  const key = `${service}|${regions.join(',')}|${layerAccounts.join(',')}|${JSON.stringify(bucketNames)}`;
  const cached = cache.get(key);
  if (cached) {
    // Refresh its place so that the least recently used entry is the one dropped.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const patterns = catalog.patternsForService(service);
  const config: PerimeterConfig = {
    version: CONFIG_VERSION,
    organizationIds: [],
    regions: [...regions],
    services: [service],
    statements: Object.fromEntries(STATEMENT_SIDS.map((sid) => [sid, true])),
    dataAccessPatterns: Object.fromEntries(patterns.map((p) => [p.id, true])),
    parameters: {
      ...(layerAccounts.length > 0 ? { lambdaLayerAccounts: [...layerAccounts] } : {}),
      ...(Object.keys(bucketNames).length > 0 ? { bucketNames } : {}),
    },
  };
  const generated = generate(config, service, {
    catalog,
    format: 'minified',
    skipPerRegionHint: true,
  });
  const valuesByPattern = new Map<PatternId, Set<string>>();
  for (const statement of generated.statements) {
    for (const value of statement.values) {
      if (
        value.element !== 'Resource' &&
        !value.element.toLowerCase().endsWith('aws:resourceaccount')
      )
        continue;
      for (const pattern of value.patterns) {
        const set = valuesByPattern.get(pattern) ?? new Set<string>();
        set.add(value.value);
        valuesByPattern.set(pattern, set);
      }
    }
  }
  // Computed once per expansion: these strings are long, and hashing them on every validation would cost more than the rest.
  const signatures = new Map(
    [...valuesByPattern].map(([id, values]) => {
      const pattern = catalog.pattern(id);
      return [id, `${pattern?.statement}|${pattern?.grant}|${[...values].sort().join('\n')}`];
    }),
  );
  const patternsByValue = new Map<string, PatternId[]>();
  for (const [id, values] of valuesByPattern)
    for (const value of values)
      patternsByValue.set(value, [...(patternsByValue.get(value) ?? []), id]);
  const expansion = { valuesByPattern, signatures, patternsByValue };
  cache.set(key, expansion);
  if (cache.size > EXPANSION_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return expansion;
}

/** Values of pattern-fed statements, by `statement|grant`, with where they are. */
export type PolicyValues = Map<string, ValuePlaces>;

/** Where each value is; most values occur once, so only repeats get a list. */
export class ValuePlaces {
  private readonly first = new Map<string, PolicyValue>();
  private readonly repeats = new Map<string, PolicyValue[]>();

  add(value: PolicyValue): void {
    if (!this.first.has(value.value)) this.first.set(value.value, value);
    else this.repeats.set(value.value, [...(this.repeats.get(value.value) ?? []), value]);
  }

  has(text: string): boolean {
    return this.first.has(text);
  }

  get size(): number {
    return this.first.size;
  }

  texts(): IterableIterator<string> {
    return this.first.keys();
  }

  /** Every occurrence of a value, in text order. */
  places(text: string): PolicyValue[] {
    const first = this.first.get(text);
    if (!first) return [];
    const repeats = this.repeats.get(text);
    return repeats ? [first, ...repeats] : [first];
  }

  /** Adds the positions of the statements holding a value to `into`. */
  addStatementIndexes(text: string, into: Set<number>): boolean {
    const first = this.first.get(text);
    if (!first) return false;
    into.add(statementIndexOf(first));
    for (const repeat of this.repeats.get(text) ?? []) into.add(statementIndexOf(repeat));
    return true;
  }
}

/** The position of a value's statement, from its path (`Statement[3]...`, or `Statement...` for a lone statement). */
export function statementIndexOf(value: PolicyValue): number {
  const index = value.path[1];
  return typeof index === 'number' ? index : 0;
}

/** What shape matching needs of a statement, computed once per statement. */
export function collectPolicyValues(classified: readonly Classified[]): PolicyValues {
  const out: PolicyValues = new Map();
  for (const { statement, recognized } of classified) {
    // Shapes with a grant are the ones patterns feed (a fixed statement's shape has none).
    if (!recognized.statement || !recognized.grant) continue;
    const key = `${recognized.statement}|${recognized.grant}`;
    const map = out.get(key) ?? new ValuePlaces();
    if (recognized.grant !== 'resourceAccount') {
      if (statement.resource?.element === 'Resource')
        for (const v of statement.resource.values) map.add(v);
    } else {
      for (const entry of statement.conditions) {
        if (
          entry.operatorText === 'StringEquals' &&
          entry.key.toLowerCase() === 'aws:resourceaccount'
        )
          for (const v of entry.values) map.add(v);
      }
    }
    out.set(key, map);
  }
  return out;
}

/** Does one of the statement's action patterns cover the pattern's action? */
function actionCovered(action: string, statementActions: readonly string[]): boolean {
  const lower = action.toLowerCase();
  return statementActions.some((granted) => {
    const g = granted.toLowerCase();
    if (g === '*' || g === lower) return true;
    if (!hasWildcard(g)) return false;
    if (hasWildcard(lower))
      return g.endsWith('*') && !hasWildcard(g.slice(0, -1)) && lower.startsWith(g.slice(0, -1));
    return matchesWildcard(g, lower, { ignoreCase: false });
  });
}

export interface PatternMatch {
  patterns: RecognizedPattern[];
  /** Accounts of the parameter-fed pattern (Lambda layers) that the policy names. */
  layerAccounts: string[];
  /** Exact bucket names of the patterns found that take them. */
  bucketNames: BucketNames;
  /** Whether a value of the policy comes from one of the patterns found. */
  isMapped(value: string): boolean;
}

export const NO_MATCH: PatternMatch = {
  patterns: [],
  layerAccounts: [],
  bucketNames: {},
  isMapped: () => false,
};

/** A pattern found in the policy, with what groups the patterns that cannot be told apart. */
type FoundPattern = RecognizedPattern & { signature: string; defaultSelected: boolean };

/**
 * Patterns with identical values cannot be told apart: of each such group, keep the ones the
 * catalog turns on by default, each naming the others; in catalog order.
 */
function keepDistinguishable(
  found: readonly FoundPattern[],
  catalog: Catalog,
): RecognizedPattern[] {
  const bySignature = new Map<string, FoundPattern[]>();
  for (const match of found)
    bySignature.set(match.signature, [...(bySignature.get(match.signature) ?? []), match]);
  const kept: RecognizedPattern[] = [];
  for (const group of bySignature.values()) {
    const defaults = group.filter((m) => m.defaultSelected);
    const keep = group.length > 1 && defaults.length > 0 ? defaults : group;
    for (const match of keep) {
      const { signature: _s, defaultSelected: _d, ...pattern } = match;
      pattern.indistinguishableFrom = group.filter((m) => m !== match).map((m) => m.id);
      kept.push(pattern);
    }
  }
  kept.sort((a, b) => catalog.patternIndex(a.id) - catalog.patternIndex(b.id));
  return kept;
}

export function matchPatterns(
  service: ServiceId,
  classified: readonly Classified[],
  values: PolicyValues,
  regions: { arn: readonly RegionCode[]; account: readonly RegionCode[] },
  context: RecognitionContext,
): PatternMatch {
  const { catalog } = context;
  const patterns = catalog.patternsForService(service);
  if (patterns.length === 0) return NO_MATCH;
  const layerCandidates = candidateLayerAccounts(classified);
  const bucketCandidates = candidateBucketNames(classified, patterns, regions.arn);
  const arnExpansion = expandPatterns(
    catalog,
    service,
    regions.arn,
    layerCandidates,
    bucketCandidates,
  );
  const accountExpansion =
    regions.account.join() === regions.arn.join()
      ? arnExpansion
      : expandPatterns(catalog, service, regions.account, layerCandidates, bucketCandidates);
  const actionsOf = new Map(
    classified.map(({ statement }) => [
      statement.index,
      statement.action?.element === 'Action' ? statement.action.values.map((v) => v.value) : [],
    ]),
  );
  const found: FoundPattern[] = [];
  const layerAccounts = new Set<string>();
  for (const pattern of patterns) {
    const expansion = pattern.grant === 'resourceAccount' ? accountExpansion : arnExpansion;
    const patternValues = expansion.valuesByPattern.get(pattern.id);
    const present = values.get(`${pattern.statement}|${pattern.grant}`);
    if (!patternValues || patternValues.size === 0 || !present) continue;
    // One pass over the pattern's values: which the policy has, where, and which it lacks.
    const matched: string[] = [];
    const missing: string[] = [];
    const indexes = new Set<number>();
    for (const value of patternValues) {
      if (present.addStatementIndexes(value, indexes)) matched.push(value);
      else missing.push(value);
    }
    if (matched.length === 0) continue;
    const parameterFed = pattern.accounts !== undefined && 'parameter' in pattern.accounts;
    const statementIndexes = [...indexes].sort((a, b) => a - b);
    const granted = statementIndexes.flatMap((i) => actionsOf.get(i) ?? []);
    const missingActions = pattern.actions.filter((a) => !actionCovered(a, granted));
    const missingValues = parameterFed ? [] : missing;
    if (parameterFed)
      for (const value of matched) layerAccounts.add(splitArn(value)?.account ?? '');
    found.push({
      id: pattern.id,
      title: pattern.title,
      statement: pattern.statement,
      statementIndexes,
      complete: missingValues.length === 0 && missingActions.length === 0,
      presentValues: matched,
      missingValues,
      missingActions,
      indistinguishableFrom: [],
      signature: expansion.signatures.get(pattern.id) ?? pattern.id,
      defaultSelected: pattern.defaultSelected,
    });
  }
  const kept = keepDistinguishable(found, catalog);
  layerAccounts.delete('');
  // Values of patterns that were found, also of those dropped as indistinguishable (they share the values).
  const foundIds = new Set(found.map((m) => m.id));
  const isMapped = (value: string) =>
    (arnExpansion.patternsByValue.get(value) ?? []).some((id) => foundIds.has(id)) ||
    (accountExpansion.patternsByValue.get(value) ?? []).some((id) => foundIds.has(id));
  const bucketNames: BucketNames = Object.fromEntries(
    idEntries(bucketCandidates).filter(([id]) => foundIds.has(id)),
  );
  return { patterns: kept, layerAccounts: [...layerAccounts].sort(), bucketNames, isMapped };
}

/** Bucket names of the policy that have the shape of a pattern that takes exact names, per region. */
function candidateBucketNames(
  classified: readonly Classified[],
  patterns: readonly DataAccessPattern[],
  regions: readonly RegionCode[],
): BucketNames {
  const named = patterns.filter((p) => p.bucketNames);
  if (named.length === 0) return {};
  const buckets = new Set<string>();
  for (const { statement, recognized } of classified) {
    if (!recognized.grant || statement.resource?.element !== 'Resource') continue;
    for (const value of statement.resource.values) {
      if (!value.value.includes(':s3:::')) continue;
      const bucket = strangerOwnablePart(value.value);
      if (bucket && !hasWildcard(bucket) && !hasPlaceholder(bucket)) buckets.add(bucket);
    }
  }
  const out: BucketNames = {};
  for (const pattern of named) {
    for (const region of regions) {
      const names = [...buckets]
        .filter((b) => fitsBucketShape(b, pattern.bucketNames!, region))
        .sort()
        .slice(0, 20);
      if (names.length > 0) (out[pattern.id] ??= {})[region] = names;
    }
  }
  return out;
}

/** Accounts named in Lambda layer ARNs: candidates for the "layers of accounts you name" pattern. */
function candidateLayerAccounts(classified: readonly Classified[]): string[] {
  const out = new Set<string>();
  for (const { statement, recognized } of classified) {
    if (recognized.grant !== 'arn' || statement.resource?.element !== 'Resource') continue;
    for (const value of statement.resource.values) {
      const arn = value.value.includes(':lambda:') ? splitArn(value.value) : undefined;
      if (arn?.service === 'lambda' && ACCOUNT_ID_PATTERN.test(arn.account)) out.add(arn.account);
    }
  }
  return [...out].sort().slice(0, 100);
}

// ---------------------------------------------------------------------------------------------
// Service and regions

export function candidateServices(
  model: PolicyModel,
  context: RecognitionContext,
): { ids: ServiceId[]; fromNames: boolean } {
  const { catalog } = context;
  if (context.service && catalog.service(context.service))
    return { ids: [context.service], fromNames: true };
  const prefixes = new Set<string>();
  for (const statement of model.statements) {
    for (const value of statement.action?.values ?? []) {
      const prefix = /^([a-z0-9-]+):/i.exec(value.value)?.[1];
      if (prefix) prefixes.add(prefix.toLowerCase());
    }
    for (const value of statement.resource?.values ?? []) {
      const arn = splitArn(value.value);
      if (arn && arn.service && !hasWildcard(arn.service)) prefixes.add(arn.service);
    }
  }
  const byName = catalog.services
    .filter((s) => prefixes.has(s.id) || prefixes.has(s.id.split('.')[0]!))
    .map((s) => s.id);
  if (byName.length > 0) return { ids: byName, fromNames: true };
  return { ids: [...new Set(catalog.patterns.flatMap((p) => p.services))], fromNames: false };
}

export function regionsOfPolicy(model: PolicyModel, context: RecognitionContext): RegionCode[] {
  const found = new Set<RegionCode>(context.regions ?? []);
  for (const statement of model.statements) {
    for (const value of statement.resource?.values ?? []) {
      for (const region of context.regionFinder.find(value.value)) found.add(region.code);
    }
  }
  return canonicalRegions([...found], context.catalog);
}

/** Regions whose service-owned accounts (of the service's patterns) the policy lists in full. */
export function regionsOfAccounts(
  service: ServiceId,
  values: PolicyValues,
  context: RecognitionContext,
): RegionCode[] {
  const present = new Set<string>();
  for (const [key, map] of values)
    if (key.endsWith('|resourceAccount')) for (const value of map.texts()) present.add(value);
  if (present.size === 0) return [];
  const out = new Set<RegionCode>();
  for (const pattern of context.catalog.patternsForService(service)) {
    if (pattern.grant !== 'resourceAccount' || !pattern.accounts || !('table' in pattern.accounts))
      continue;
    const table = context.catalog.accountTable(pattern.accounts.table);
    for (const [region, accounts] of idEntries(table?.accounts ?? {})) {
      if (accounts.every((a) => present.has(a))) out.add(region);
    }
  }
  return canonicalRegions([...out], context.catalog);
}
