/**
 * The values of a generated policy and where each comes from. The provenance of a value is kept
 * as the list of places that produced it and folded into a `ValueProvenance` only when someone
 * asks (a hover, an explanation, recognition): exporting thousands of policies never reads it,
 * and building it eagerly was most of the generator's time and garbage.
 */
import type { PatternId } from '../catalog/ids';

/** Where one value of the policy comes from. */
export interface ValueProvenance {
  /** `Action`, `Resource` or `Condition.<operator>.<key>`. */
  element: string;
  value: string;
  /** Data access patterns that produced the value. */
  patterns: PatternId[];
  /** The configuration field that supplied it, e.g. `organizationIds`. */
  parameter?: string;
  /** The account table that supplied it. */
  accountTable?: string;
  /** Regions the value was expanded for (empty when it does not depend on a region). */
  regions: string[];
  /** Region quirks that shaped the value. */
  quirks: string[];
  /** A visible `<placeholder>` standing for a missing value. */
  placeholder: boolean;
}

/** One place that produced a value; shared by every value that place produced. */
export interface ValueOrigin {
  pattern?: PatternId;
  parameter?: string;
  accountTable?: string;
  region?: string;
  quirk?: string;
  placeholder?: boolean;
}

/** An ordered set of values, each with the places that produced it. */
export class ValueBag {
  private readonly origins = new Map<string, ValueOrigin[]>();

  add(value: string, origin: ValueOrigin): void {
    const list = this.origins.get(value);
    if (list) list.push(origin);
    else this.origins.set(value, [origin]);
  }

  has(value: string): boolean {
    return this.origins.has(value);
  }

  get size(): number {
    return this.origins.size;
  }

  keys(): IterableIterator<string> {
    return this.origins.keys();
  }

  originsOf(value: string): readonly ValueOrigin[] {
    return this.origins.get(value) ?? [];
  }
}

/** Folds the places that produced a value into its provenance, in the order they were added. */
function foldOrigins(
  element: string,
  value: string,
  origins: Iterable<readonly ValueOrigin[]>,
): ValueProvenance {
  const out: ValueProvenance = {
    element,
    value,
    patterns: [],
    regions: [],
    quirks: [],
    placeholder: false,
  };
  for (const list of origins) {
    for (const from of list) {
      if (from.pattern && !out.patterns.includes(from.pattern)) out.patterns.push(from.pattern);
      if (from.parameter) out.parameter = from.parameter;
      if (from.accountTable) out.accountTable = from.accountTable;
      if (from.region && !out.regions.includes(from.region)) out.regions.push(from.region);
      if (from.quirk && !out.quirks.includes(from.quirk)) out.quirks.push(from.quirk);
      if (from.placeholder) out.placeholder = true;
    }
  }
  return out;
}

/**
 * The values of one slot: the union of some bags in first-seen order, less the values left out.
 * The bags are read, never changed, so cached expansions can feed any number of policies.
 */
export class ValueList {
  readonly values: readonly string[];

  private constructor(
    values: readonly string[],
    private readonly bags: readonly ValueBag[],
    /** `*` stands for every value of the bags: it already covers them. */
    private readonly collapsed: boolean,
  ) {
    this.values = values;
  }

  static of(bags: readonly ValueBag[], leftOut?: ReadonlySet<string>): ValueList {
    if (bags.length === 1 && !leftOut?.size)
      return new ValueList([...bags[0]!.keys()], bags, false);
    const seen = new Set<string>();
    for (const bag of bags) for (const value of bag.keys()) seen.add(value);
    if (leftOut) for (const value of leftOut) seen.delete(value);
    return new ValueList([...seen], bags, false);
  }

  /** The values, or `*` alone when it is among them (it already covers the rest). */
  static collapsingWildcard(bags: readonly ValueBag[]): ValueList {
    const all = ValueList.of(bags);
    if (all.values.length > 1 && all.values.includes('*')) return new ValueList(['*'], bags, true);
    return all;
  }

  get size(): number {
    return this.values.length;
  }

  provenance(element: string): ValueProvenance[] {
    return this.values.map((value) => this.provenanceOf(element, value));
  }

  provenanceOf(element: string, value: string): ValueProvenance {
    const out = foldOrigins(
      element,
      value,
      this.bags.map((bag) => bag.originsOf(value)),
    );
    if (this.collapsed) {
      // The patterns of every value the wildcard replaced, after its own.
      for (const bag of this.bags)
        for (const other of bag.keys())
          for (const from of bag.originsOf(other))
            if (from.pattern && !out.patterns.includes(from.pattern))
              out.patterns.push(from.pattern);
    }
    return out;
  }
}
