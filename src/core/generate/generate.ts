/**
 * The generator: one pure function from a perimeter configuration and an endpoint service to the
 * policy, the provenance of every value in it, and diagnostics. The same choices always give the
 * same bytes: regions, services, patterns and user lists are put in a canonical order first.
 */
import { catalog as bundledCatalog, type Catalog, type Region } from '../catalog/catalog';
import {
  DEFAULT_EXCLUSION_TAG,
  POLICY_SIZE_LIMIT,
  type SlotName,
  type StatementSid,
} from '../catalog/ids';
import type {
  AccountSource,
  BucketNameSource,
  DataAccessPattern,
  GrantKind,
  StatementTemplate,
} from '../catalog/schema';
import type { PerimeterConfig, PolicyFormat, ThirdPartyParameters } from '../config/schema';
import type { Diagnostic } from '../diagnostics';
import { countPolicyCharacters, renderPolicy } from './render';
import { canonicalRegions, selectedPatterns, selectedStatements } from './selection';
import { formatCount } from '../format';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: '*';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** Where one value of the policy comes from. */
export interface ValueProvenance {
  /** `Action`, `Resource` or `Condition.<operator>.<key>`. */
  element: string;
  value: string;
  /** Data access patterns that produced the value. */
  patterns: string[];
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

export interface StatementProvenance {
  sid: string;
  /** The catalog statement it renders. */
  statement: StatementSid;
  grant?: GrantKind;
  patterns: string[];
  values: ValueProvenance[];
}

export interface GeneratedPolicy {
  service: string;
  /** Regions covered, in canonical order. */
  regions: string[];
  policy: PolicyDocument;
  format: PolicyFormat;
  text: string;
  /** Characters of `text`, whitespace included, as counted against the quota. */
  size: number;
  statements: StatementProvenance[];
  diagnostics: Diagnostic[];
}

export interface GenerateOptions {
  /** Regions to cover; defaults to every region of the configuration (one policy for all). */
  regions?: readonly string[];
  format?: PolicyFormat;
  catalog?: Catalog;
  /** Skip the per-region size estimate that accompanies an over-limit diagnostic. */
  skipPerRegionHint?: boolean;
}

export const DEFAULT_FORMAT: PolicyFormat = 'pretty-2';

/** Placeholders of the upstream samples, shown where a value is missing. */
export const PLACEHOLDERS = {
  organizationId: '<my-org-id>',
  region: '<region>',
  regionNoDashes: '<RegionWithoutDashes>',
  thirdPartyAccounts: ['<third-party-account-a>', '<third-party-account-b>'],
  action: '<action>',
  thirdPartyResource: '<third-party-resource-arn>',
} as const;

interface RegionContext {
  code: string;
  partition: string;
  dnsSuffix: string;
  noDashes: string;
  /** True for the stand-in used when no region is selected. */
  pseudo: boolean;
}

const PSEUDO_REGION: RegionContext = {
  code: PLACEHOLDERS.region,
  partition: 'aws',
  dnsSuffix: 'amazonaws.com',
  noDashes: PLACEHOLDERS.regionNoDashes,
  pseudo: true,
};

function regionContext(region: Region): RegionContext {
  return {
    code: region.code,
    partition: region.partition,
    dnsSuffix: region.dnsSuffix,
    noDashes: region.noDashes,
    pseudo: false,
  };
}

/** An ordered set of values, each with the provenance accumulated from every source. */
class ValueBag {
  private readonly entries = new Map<string, Omit<ValueProvenance, 'element' | 'value'>>();

  add(
    value: string,
    from: {
      pattern?: string;
      parameter?: string;
      accountTable?: string;
      region?: string;
      quirk?: string;
      placeholder?: boolean;
    },
  ): void {
    let entry = this.entries.get(value);
    if (!entry) {
      entry = { patterns: [], regions: [], quirks: [], placeholder: false };
      this.entries.set(value, entry);
    }
    if (from.pattern && !entry.patterns.includes(from.pattern)) entry.patterns.push(from.pattern);
    if (from.parameter) entry.parameter = from.parameter;
    if (from.accountTable) entry.accountTable = from.accountTable;
    if (from.region && !entry.regions.includes(from.region)) entry.regions.push(from.region);
    if (from.quirk && !entry.quirks.includes(from.quirk)) entry.quirks.push(from.quirk);
    if (from.placeholder) entry.placeholder = true;
  }

  merge(other: ValueBag): void {
    for (const [value, entry] of other.entries) {
      const mine = this.entries.get(value);
      if (!mine) {
        this.entries.set(value, {
          ...entry,
          patterns: [...entry.patterns],
          regions: [...entry.regions],
          quirks: [...entry.quirks],
        });
        continue;
      }
      for (const pattern of entry.patterns)
        if (!mine.patterns.includes(pattern)) mine.patterns.push(pattern);
      for (const region of entry.regions)
        if (!mine.regions.includes(region)) mine.regions.push(region);
      for (const quirk of entry.quirks) if (!mine.quirks.includes(quirk)) mine.quirks.push(quirk);
      if (entry.parameter) mine.parameter = entry.parameter;
      if (entry.accountTable) mine.accountTable = entry.accountTable;
      if (entry.placeholder) mine.placeholder = true;
    }
  }

  /** Collapses to `*` when `*` is among the values: it already covers the rest. */
  collapseWildcard(): void {
    const star = this.entries.get('*');
    if (!star || this.entries.size === 1) return;
    for (const [value, entry] of this.entries) {
      if (value === '*') continue;
      for (const pattern of entry.patterns)
        if (!star.patterns.includes(pattern)) star.patterns.push(pattern);
    }
    for (const value of [...this.entries.keys()]) if (value !== '*') this.entries.delete(value);
  }

  remove(value: string): void {
    this.entries.delete(value);
  }

  get size(): number {
    return this.entries.size;
  }

  values(): string[] {
    return [...this.entries.keys()];
  }

  provenance(element: string): ValueProvenance[] {
    return [...this.entries].map(([value, entry]) => ({
      element,
      value,
      ...entry,
      patterns: [...entry.patterns],
      regions: [...entry.regions],
      quirks: [...entry.quirks],
    }));
  }
}

/** Collects diagnostics, keeping one per code and subject. */
class DiagnosticSink {
  readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  /** Every call, kept when a pattern expansion is recorded for the cache. */
  readonly calls: Array<[string, Diagnostic]> = [];

  constructor(private readonly record = false) {}

  add(key: string, diagnostic: Diagnostic): void {
    if (this.record) this.calls.push([key, diagnostic]);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push(diagnostic);
  }
}

interface CompiledTemplate {
  /** Literal text and variable names, alternating: even indexes are text, odd are names. */
  parts: string[];
  /** Variable names, each once. */
  names: string[];
  usesAccount: boolean;
  usesBucket: boolean;
  regionDependent: boolean;
}

const compiledTemplates = new Map<string, CompiledTemplate>();
/** Variables whose value depends on the region (besides a pattern's `regionValues`). */
const REGION_VARIABLES = new Set(['region', 'regionNoDashes', 'dnsSuffix', 'bucket']);

/** Splits a resource template once; expanding it for many regions then only joins strings. */
function compileTemplate(
  template: string,
  regionValueNames: readonly string[] = [],
): CompiledTemplate {
  const key = `${template}|${regionValueNames.join(',')}`;
  let compiled = compiledTemplates.get(key);
  if (!compiled) {
    const parts = template.split(/\{([A-Za-z]+)\}/);
    const names = [...new Set(parts.filter((_, i) => i % 2 === 1))];
    compiled = {
      parts,
      names,
      usesAccount: names.includes('account'),
      usesBucket: names.includes('bucket'),
      regionDependent: names.some((n) => REGION_VARIABLES.has(n) || regionValueNames.includes(n)),
    };
    compiledTemplates.set(key, compiled);
  }
  return compiled;
}

function fill(template: CompiledTemplate, vars: Record<string, string>): string {
  let out = '';
  for (let i = 0; i < template.parts.length; i++)
    out +=
      i % 2 === 0 ? template.parts[i]! : (vars[template.parts[i]!] ?? `{${template.parts[i]!}}`);
  return out;
}

/** Whether an ARN is an S3 bucket or object whose bucket name no region or account qualifies. */
function isGlobalBucketTemplate(template: CompiledTemplate, raw: string): boolean {
  return (
    raw.startsWith('arn:{partition}:s3:::') && !template.regionDependent && !template.usesAccount
  );
}

/**
 * The part of an ARN that a stranger could register or own: the bucket name of an S3 ARN, the
 * account of any other. A wildcard there, in a statement that admits any principal, would admit
 * resources of whoever creates a matching name.
 */
export function strangerOwnablePart(arn: string): string | undefined {
  if (arn === '*') return arn;
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  if (parts[2] === 's3') return parts.slice(5).join(':').split('/')[0];
  return parts[4];
}

const hasWildcardCharacter = (text: string) => text.includes('*') || text.includes('?');

/** Whether a supplied bucket name has one of the pattern's shapes for the region. */
export function fitsBucketShape(name: string, source: BucketNameSource, region: string): boolean {
  if (hasWildcardCharacter(name)) return false;
  return source.shapes.some((shape) => {
    const [before, after = ''] = shape.replaceAll('{region}', region).split('{id}');
    if (before === undefined || !name.startsWith(before) || !name.endsWith(after)) return false;
    const id = name.slice(before.length, name.length - after.length);
    return name.length >= before.length + after.length + 1 && /^[a-z0-9][a-z0-9.-]*$/.test(id);
  });
}

interface BucketLookup {
  names: string[];
  placeholder: boolean;
  parameter: string;
}

/** The bucket names the user supplied for a pattern and region, or the placeholders that stand for them. */
function lookupBucketNames(
  source: BucketNameSource,
  region: RegionContext,
  config: PerimeterConfig,
  pattern: DataAccessPattern,
  sink: DiagnosticSink,
): BucketLookup {
  const parameter = `parameters.bucketNames.${pattern.id}.${region.code}`;
  const placeholders = source.shapes.map((shape) =>
    shape.replaceAll('{region}', region.code).replaceAll('{id}', source.placeholder),
  );
  const given = region.pseudo
    ? undefined
    : config.parameters?.bucketNames?.[pattern.id]?.[region.code];
  const supplied = [
    ...new Set(given === undefined ? [] : typeof given === 'string' ? [given] : given),
  ].sort();
  const names = supplied.filter((name) => fitsBucketShape(name, source, region.code));
  for (const name of supplied) {
    if (names.includes(name)) continue;
    sink.add(`bad-bucket:${pattern.id}:${region.code}:${name}`, {
      severity: 'error',
      code: 'generate/invalid-parameter',
      message: `"${name}" is not a bucket name of "${pattern.title}" in ${region.code} (expected ${placeholders.join(' or ')}, without wildcards); it is left out.`,
      hint: source.howToFind,
      path: parameter,
    });
  }
  if (names.length > 0) return { names, placeholder: false, parameter };
  if (!region.pseudo) {
    sink.add(`missing-bucket:${pattern.id}:${region.code}`, {
      severity: 'error',
      code: 'generate/missing-parameter',
      message: `"${pattern.title}" needs the exact bucket names of ${region.code}: AWS does not publish them, and a wildcard would admit buckets anyone can create. ${placeholders.join(', ')} ${placeholders.length > 1 ? 'are' : 'is'} left in the policy.`,
      hint: source.howToFind,
      path: parameter,
    });
  }
  return { names: placeholders, placeholder: true, parameter };
}

interface AccountLookup {
  accounts: string[];
  placeholder: boolean;
  table?: string;
  parameter?: string;
}

function lookupAccounts(
  source: AccountSource,
  region: RegionContext,
  config: PerimeterConfig,
  catalog: Catalog,
  pattern: DataAccessPattern,
  sink: DiagnosticSink,
): AccountLookup {
  if ('parameter' in source) {
    const accounts = [...new Set(config.parameters?.lambdaLayerAccounts ?? [])].sort();
    if (accounts.length > 0)
      return { accounts, placeholder: false, parameter: 'parameters.lambdaLayerAccounts' };
    sink.add(`missing-parameter:lambdaLayerAccounts`, {
      severity: 'error',
      code: 'generate/missing-parameter',
      message: `"${pattern.title}" needs the accounts that publish the layers; ${source.placeholder} is left in the policy.`,
      hint: 'List them under parameters.lambdaLayerAccounts, or turn this pattern off and pick the patterns of specific extensions.',
      path: 'parameters.lambdaLayerAccounts',
    });
    return {
      accounts: [source.placeholder],
      placeholder: true,
      parameter: 'parameters.lambdaLayerAccounts',
    };
  }
  const table = catalog.accountTable(source.table);
  if (region.pseudo)
    return { accounts: [source.placeholder], placeholder: true, table: source.table };
  const override = config.parameters?.accountIds?.[source.table]?.[region.code];
  if (override !== undefined) {
    const accounts = [...new Set(typeof override === 'string' ? [override] : override)].sort();
    return {
      accounts,
      placeholder: false,
      table: source.table,
      parameter: `parameters.accountIds.${source.table}.${region.code}`,
    };
  }
  const known = table?.accounts[region.code];
  if (known && known.length > 0) {
    if (table && !table.verified) {
      sink.add(`unverified:${table.id}`, {
        severity: 'warning',
        code: 'generate/unverified-account',
        message: `The accounts of "${table.title}" come from public third-party material, not from AWS documentation.`,
        hint: `Confirm them and set them under parameters.accountIds.${table.id} to make the choice yours.`,
        path: `parameters.accountIds.${table.id}`,
      });
    }
    for (const entry of table?.unverified ?? []) {
      if (entry.region !== region.code || !known.includes(entry.account)) continue;
      sink.add(`unverified:${source.table}:${region.code}:${entry.account}`, {
        severity: 'warning',
        code: 'generate/unverified-account',
        message: `${table!.title}: no primary source confirms ${entry.account} for ${region.code}. ${entry.reason}`,
        hint: `${entry.toVerify} Set parameters.accountIds.${source.table}.${region.code} to make the choice yours.`,
        path: `parameters.accountIds.${source.table}.${region.code}`,
      });
    }
    return { accounts: [...known], placeholder: false, table: source.table };
  }
  sink.add(`missing-account:${source.table}:${region.code}`, {
    severity: 'error',
    code: 'generate/missing-account',
    message: `No ${table?.title ?? source.table} account is known for ${region.code}; ${source.placeholder} is left in the policy.`,
    hint: `Set parameters.accountIds.${source.table}.${region.code} to the account that AWS documents for that region, or turn off "${pattern.title}".`,
    path: `parameters.accountIds.${source.table}.${region.code}`,
  });
  return { accounts: [source.placeholder], placeholder: true, table: source.table };
}

interface PatternExpansion {
  resources: ValueBag;
  accounts: ValueBag;
}

/**
 * Whether a resource names something no source documents in the region: a name missing from the
 * pattern's region table, or a region-independent bucket name outside the partitions where AWS
 * owns it. Such a resource is left out rather than guessed, and the diagnostic says why.
 */
function leftOutHere(
  pattern: DataAccessPattern,
  template: CompiledTemplate,
  raw: string,
  region: RegionContext,
  undocumented: ReadonlySet<string>,
  sink: DiagnosticSink,
): boolean {
  const missing = template.names.find((n) => undocumented.has(n));
  if (missing !== undefined) {
    sink.add(`undocumented:${pattern.id}:${region.code}`, {
      severity: 'info',
      code: 'generate/no-documented-resource',
      message: `${pattern.title}: AWS documents no bucket for ${region.code}, so none is named there rather than a guessed one. ${pattern.regionValues![missing]!.note}`,
      hint: 'If AWS publishes the name for this region later, update the catalog; until then requests of this use case in that region fail at the endpoint.',
    });
    return true;
  }
  const owners = pattern.globalNames?.ownedIn as readonly string[] | undefined;
  if (
    owners === undefined ||
    region.pseudo ||
    owners.includes(region.partition) ||
    !isGlobalBucketTemplate(template, raw)
  )
    return false;
  sink.add(`not-owned:${pattern.id}:${region.partition}`, {
    severity: 'info',
    code: 'generate/no-documented-resource',
    message: `${pattern.title}: left out for ${region.partition} (${region.code}). ${pattern.globalNames!.note}`,
    hint: `Bucket names are unique only within a partition, and no source shows that AWS owns these names in ${region.partition}; naming them there could admit a bucket someone else owns.`,
  });
  return true;
}

/** Expands a pattern's resources (or accounts) for every region, applying region quirks. */
function expandPattern(
  pattern: DataAccessPattern,
  regions: readonly RegionContext[],
  config: PerimeterConfig,
  catalog: Catalog,
  sink: DiagnosticSink,
): PatternExpansion {
  const resources = new ValueBag();
  const accounts = new ValueBag();
  const regionValueNames = Object.keys(pattern.regionValues ?? {});
  for (const region of regions) {
    const vars: Record<string, string> = {
      partition: region.partition,
      region: region.code,
      regionNoDashes: region.noDashes,
      dnsSuffix: region.dnsSuffix,
    };
    const undocumented = new Set<string>();
    for (const [name, table] of Object.entries(pattern.regionValues ?? {})) {
      const value = region.pseudo ? `<${name}>` : table.values[region.code];
      if (value === undefined) undocumented.add(name);
      else vars[name] = value;
    }
    let templates = pattern.resources ?? [];
    const quirks: string[] = [];
    for (const quirk of pattern.regionQuirks ?? []) {
      if (!quirk.regions.includes(region.code)) continue;
      quirks.push(quirk.note);
      if (quirk.variables) Object.assign(vars, quirk.variables);
      if (quirk.resource !== undefined) {
        const replacement = quirk.replaceWith ?? [];
        templates = templates.flatMap((t) => (t === quirk.resource ? replacement : [t]));
      }
      sink.add(`quirk:${pattern.id}:${region.code}:${quirk.note}`, {
        severity: 'info',
        code: 'generate/region-quirk',
        message: `${pattern.title} in ${region.code}: ${quirk.note}`,
      });
    }
    const lookup = pattern.accounts
      ? lookupAccounts(pattern.accounts, region, config, catalog, pattern, sink)
      : undefined;
    const regionTag = region.pseudo ? undefined : region.code;
    if (pattern.grant === 'resourceAccount') {
      for (const account of lookup?.accounts ?? []) {
        accounts.add(account, {
          pattern: pattern.id,
          ...(regionTag ? { region: regionTag } : {}),
          ...(lookup?.table ? { accountTable: lookup.table } : {}),
          ...(lookup?.parameter ? { parameter: lookup.parameter } : {}),
          placeholder: lookup?.placeholder ?? false,
        });
      }
      continue;
    }
    let buckets: BucketLookup | undefined;
    for (const raw of templates) {
      const template = compileTemplate(raw, regionValueNames);
      if (leftOutHere(pattern, template, raw, region, undocumented, sink)) continue;
      if (template.usesBucket && pattern.bucketNames)
        buckets ??= lookupBucketNames(pattern.bucketNames, region, config, pattern, sink);
      const bucketNames = template.usesBucket ? (buckets?.names ?? []) : [undefined];
      const accountList = template.usesAccount ? (lookup?.accounts ?? []) : [undefined];
      const values: string[] = [];
      for (const bucket of bucketNames)
        for (const account of accountList)
          values.push(
            fill(template, {
              ...vars,
              ...(bucket !== undefined ? { bucket } : {}),
              ...(account !== undefined ? { account } : {}),
            }),
          );
      const parameter = template.usesBucket ? buckets?.parameter : lookup?.parameter;
      const from = {
        pattern: pattern.id,
        ...(regionTag && template.regionDependent ? { region: regionTag } : {}),
        ...(quirks.length > 0 && template.regionDependent ? { quirk: quirks.join(' ') } : {}),
        ...(lookup?.table ? { accountTable: lookup.table } : {}),
        ...(parameter ? { parameter } : {}),
        placeholder:
          ((lookup?.placeholder ?? false) && template.usesAccount) ||
          ((buckets?.placeholder ?? false) && template.usesBucket),
      };
      for (const value of values) resources.add(value, from);
    }
  }
  return { resources, accounts };
}

interface CachedExpansion {
  expansion: PatternExpansion;
  diagnostics: Array<[string, Diagnostic]>;
}

/** Bounded: a session touches a few hundred pattern and region combinations at most. */
const MAX_CACHED_EXPANSIONS = 4_000;
const expansionCache = new WeakMap<Catalog, Map<string, CachedExpansion>>();

/**
 * Expansions depend only on the pattern, the regions and the accounts the configuration gives for
 * the pattern, so a change elsewhere (a statement toggle, the organization id) reuses them: the
 * preview regenerates on every change, and expansion is most of the work for many regions.
 * Cached bags are never mutated: `ValueBag.merge` copies what it takes.
 */
function expandPatternCached(
  pattern: DataAccessPattern,
  regions: readonly RegionContext[],
  config: PerimeterConfig,
  catalog: Catalog,
  sink: DiagnosticSink,
): PatternExpansion {
  let cache = expansionCache.get(catalog);
  if (!cache) {
    cache = new Map();
    expansionCache.set(catalog, cache);
  }
  const source = pattern.accounts;
  const accountsKey = !source
    ? ''
    : 'table' in source
      ? JSON.stringify(config.parameters?.accountIds?.[source.table] ?? null)
      : JSON.stringify(config.parameters?.lambdaLayerAccounts ?? null);
  const bucketsKey = pattern.bucketNames
    ? JSON.stringify(config.parameters?.bucketNames?.[pattern.id] ?? null)
    : '';
  const key = `${pattern.id}|${regions.map((r) => r.code).join(',')}|${accountsKey}|${bucketsKey}`;
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
  for (const [diagnosticKey, diagnostic] of entry.diagnostics) sink.add(diagnosticKey, diagnostic);
  return entry.expansion;
}

/** Values for the slots of one statement. */
type SlotValues = Partial<Record<SlotName, ValueBag | string>>;

function renderTemplate(
  sid: string,
  template: StatementTemplate,
  slots: SlotValues,
): { statement: PolicyStatement; values: ValueProvenance[] } {
  const values: ValueProvenance[] = [];
  const slotOf = (text: string): SlotName | undefined =>
    /^\{\{(\w+)\}\}$/.exec(text)?.[1] as SlotName | undefined;
  const resolve = (raw: string, element: string): string | string[] => {
    const slot = slotOf(raw);
    if (!slot) {
      values.push({
        element,
        value: raw,
        patterns: [],
        regions: [],
        quirks: [],
        placeholder: false,
      });
      return raw;
    }
    const bag = slots[slot];
    if (typeof bag === 'string') {
      values.push({
        element,
        value: bag,
        patterns: [],
        regions: [],
        quirks: [],
        placeholder: false,
        parameter: slot === 'exclusionTagValue' ? 'parameters.exclusionTag.value' : slot,
      });
      return bag;
    }
    if (!bag || bag.size === 0) throw new Error(`slot ${slot} of ${sid} has no value`);
    values.push(...bag.provenance(element));
    const list = bag.values();
    return list.length === 1 ? list[0]! : list;
  };
  const resolveList = (raw: string | string[], element: string): string | string[] => {
    if (typeof raw === 'string') return resolve(raw, element);
    const out = raw.flatMap((r) => {
      const v = resolve(r, element);
      return typeof v === 'string' ? [v] : v;
    });
    return out.length === 1 ? out[0]! : out;
  };
  const statement: PolicyStatement = {
    Sid: sid,
    Effect: template.Effect,
    Principal: template.Principal,
    Action: resolveList(template.Action, 'Action'),
    Resource: resolveList(template.Resource, 'Resource'),
  };
  if (template.Condition) {
    const condition: Record<string, Record<string, string | string[]>> = {};
    for (const [operator, entries] of Object.entries(template.Condition)) {
      const block: Record<string, string | string[]> = {};
      for (const [rawKey, rawValue] of Object.entries(entries)) {
        const tagKey = slots.exclusionTagKey;
        const key = rawKey.replace(
          '{{exclusionTagKey}}',
          typeof tagKey === 'string' ? tagKey : DEFAULT_EXCLUSION_TAG.key,
        );
        block[key] = resolveList(rawValue as string | string[], `Condition.${operator}.${key}`);
      }
      condition[operator] = block;
    }
    statement.Condition = condition;
  }
  return { statement, values };
}

function thirdPartySlots(
  block: ThirdPartyParameters | undefined,
  parameterName: string,
  sid: StatementSid,
  sink: DiagnosticSink,
): SlotValues {
  const bag = (
    list: readonly string[] | undefined,
    field: string,
    placeholders: readonly string[],
    what: string,
  ): ValueBag => {
    const out = new ValueBag();
    const values = [...new Set(list ?? [])].sort();
    const parameter = `parameters.${parameterName}.${field}`;
    if (values.length === 0) {
      for (const p of placeholders) out.add(p, { parameter, placeholder: true });
      sink.add(`missing:${parameter}`, {
        severity: 'error',
        code: 'generate/missing-parameter',
        message: `${sid} needs ${what}; ${placeholders.join(' and ')} ${placeholders.length > 1 ? 'are' : 'is'} left in the policy.`,
        hint: `Fill ${parameter}, or turn the statement off if you have no such integration.`,
        path: parameter,
        sid,
      });
    } else {
      for (const v of values) out.add(v, { parameter });
    }
    return out;
  };
  const accounts = bag(
    block?.accounts,
    'accounts',
    PLACEHOLDERS.thirdPartyAccounts,
    'the third-party account ids',
  );
  return {
    actions: bag(block?.actions, 'actions', [PLACEHOLDERS.action], 'the actions to allow'),
    resources: bag(
      block?.resources,
      'resources',
      [PLACEHOLDERS.thirdPartyResource],
      'the third-party resource ARNs',
    ),
    principalAccounts: accounts,
    resourceAccounts: accounts,
  };
}

/** Keys whose condition ties a request to our organization, an account or a service principal. */
const NARROWING_CONDITION_KEYS = new Set([
  'aws:principalorgid',
  'aws:resourceorgid',
  'aws:principalaccount',
  'aws:resourceaccount',
  'aws:principalisawsservice',
]);

/** Whether a statement template lets any principal through (no condition on who or whose). */
export function admitsAnyPrincipal(template: StatementTemplate): boolean {
  return !Object.values(template.Condition ?? {}).some((entries) =>
    Object.keys(entries).some((key) => NARROWING_CONDITION_KEYS.has(key.toLowerCase())),
  );
}

/**
 * Drops every resource whose bucket name (or account) holds a wildcard from a statement that
 * admits any principal: such a name matches buckets that anyone can create, and reading from or
 * writing to them through our endpoint is exactly what the perimeter is for preventing.
 */
function refuseOpenWildcards(resources: ValueBag, sid: string, sink: DiagnosticSink): void {
  for (const value of resources.values()) {
    const part = strangerOwnablePart(value);
    if (part === undefined || !hasWildcardCharacter(part)) continue;
    const patterns =
      resources.provenance('Resource').find((p) => p.value === value)?.patterns ?? [];
    resources.remove(value);
    sink.add(`open-wildcard:${sid}:${value}`, {
      severity: 'error',
      code: 'generate/open-wildcard-refused',
      message: `${value} is left out of ${sid}: this statement admits any principal, and a wildcard in ${value.startsWith('arn:') && value.split(':')[2] === 's3' ? 'a bucket name' : 'the account'} would admit resources that anyone can create under a matching name.`,
      hint: `Give the exact names${patterns.length > 0 ? ` of ${patterns.join(', ')}` : ''}, or move the resource to a statement that requires your organization's principals.`,
      sid,
    });
  }
}

/** Generates the endpoint policy of one service for the configuration's regions (or the given ones). */
export function generate(
  config: PerimeterConfig,
  serviceId: string,
  options: GenerateOptions = {},
): GeneratedPolicy {
  const catalog = options.catalog ?? bundledCatalog;
  const format = options.format ?? config.output?.format ?? DEFAULT_FORMAT;
  const sink = new DiagnosticSink();
  const requested = options.regions ?? config.regions;
  for (const code of requested) {
    if (!catalog.region(code)) {
      sink.add(`unknown-region:${code}`, {
        severity: 'error',
        code: 'generate/unknown-region',
        message: `Unknown region "${code}"; it is left out.`,
        path: 'regions',
      });
    }
  }
  const regionCodes = canonicalRegions(requested, catalog);
  const regionContexts =
    regionCodes.length > 0
      ? regionCodes.map((c) => regionContext(catalog.region(c)!))
      : [PSEUDO_REGION];
  if (regionCodes.length === 0) {
    sink.add('no-region', {
      severity: 'error',
      code: 'generate/missing-region',
      message: `No region is selected; ${PLACEHOLDERS.region} is left in region-specific resources.`,
      hint: 'Select the regions where the endpoints live.',
      path: 'regions',
    });
  }

  const service = catalog.service(serviceId);
  if (!service) {
    sink.add('unknown-service', {
      severity: 'error',
      code: 'generate/unknown-service',
      message: `Unknown endpoint service "${serviceId}".`,
      path: 'services',
    });
    return finish(serviceId, regionCodes, [], [], format, sink, config, options, catalog);
  }
  if (service.discontinued) {
    sink.add('discontinued', {
      severity: 'warning',
      code: 'generate/discontinued-service',
      message: `${service.id} is discontinued: ${service.discontinued.note}`,
      hint: 'Remove it from the services unless you still run such an endpoint.',
      path: 'services',
    });
  }
  if (service.endpointPolicy === 'unsupported') {
    sink.add('unsupported', {
      severity: 'warning',
      code: 'service/policy-unsupported',
      message: `${service.title} endpoints do not enforce endpoint policies: any request through the endpoint is allowed, whatever this policy says.`,
      hint: 'Enforce the perimeter for this service with a service control policy on aws:ResourceOrgID or an inspecting proxy.',
    });
  } else if (service.endpointPolicy === 'unknown') {
    sink.add('support-unknown', {
      severity: 'info',
      code: 'service/policy-support-unknown',
      message: `No source we rely on says whether ${service.title} endpoints enforce endpoint policies.`,
      hint: `Check with: aws ec2 describe-vpc-endpoint-services --service-names ${(service.serviceName ?? service.id).replace('{region}', regionCodes[0] ?? 'us-east-1')} (VpcEndpointPolicySupported).`,
    });
  }
  for (const partitionId of new Set(
    regionContexts.filter((r) => !r.pseudo).map((r) => r.partition),
  )) {
    const partition = catalog.partitions.find((p) => p.id === partitionId);
    if (partition?.caveat) {
      sink.add(`partition:${partitionId}`, {
        severity: 'info',
        code: 'generate/partition-caveat',
        message: `${partition.name}: ${partition.caveat}`,
      });
    }
  }

  const organizationIds = new ValueBag();
  const orgs = [...new Set(config.organizationIds)].sort();
  for (const org of orgs) organizationIds.add(org, { parameter: 'organizationIds' });
  const statementSids = selectedStatements(config, serviceId, catalog);
  const needsOrg = statementSids.some((sid) =>
    catalog.statement(sid).parameters.includes('organizationIds'),
  );
  if (orgs.length === 0) {
    organizationIds.add(PLACEHOLDERS.organizationId, {
      parameter: 'organizationIds',
      placeholder: true,
    });
    if (needsOrg) {
      sink.add('missing-org', {
        severity: 'error',
        code: 'generate/missing-parameter',
        message: `No organization id is set; ${PLACEHOLDERS.organizationId} is left in the policy.`,
        hint: 'Set the id of your AWS Organizations organization (o-...), found in the Organizations console.',
        path: 'organizationIds',
      });
    }
  }
  const tag = config.parameters?.exclusionTag ?? DEFAULT_EXCLUSION_TAG;

  const statements: PolicyStatement[] = [];
  const provenance: StatementProvenance[] = [];
  const patterns = selectedPatterns(config, serviceId, catalog);

  /** Renders the patterns of one statement: those with a Sid suffix get a statement of their own. */
  const renderPatternGroups = (sid: StatementSid, feeding: readonly DataAccessPattern[]): void => {
    const entry = catalog.statement(sid);
    const groups = new Map<string, DataAccessPattern[]>();
    for (const pattern of feeding) {
      const key = pattern.sidSuffix ?? '';
      groups.set(key, [...(groups.get(key) ?? []), pattern]);
    }
    for (const [suffix, members] of groups) {
      const groupSid = `${sid}${suffix}`;
      const grant = members[0]!.grant;
      const template = entry.templates[grant];
      if (!template) throw new Error(`catalog statement ${sid} has no ${grant} template`);
      const actions = new ValueBag();
      const resources = new ValueBag();
      const resourceAccounts = new ValueBag();
      for (const pattern of members) {
        for (const action of pattern.actions) actions.add(action, { pattern: pattern.id });
        const expansion = expandPatternCached(pattern, regionContexts, config, catalog, sink);
        resources.merge(expansion.resources);
        resourceAccounts.merge(expansion.accounts);
      }
      actions.collapseWildcard();
      if (admitsAnyPrincipal(template)) refuseOpenWildcards(resources, groupSid, sink);
      // Every resource of the group may be undocumented in these regions, or refused.
      if ((grant === 'resourceAccount' ? resourceAccounts : resources).size === 0) continue;
      const { statement, values } = renderTemplate(groupSid, template, {
        organizationIds,
        actions,
        resources,
        resourceAccounts,
      });
      statements.push(statement);
      provenance.push({
        sid: groupSid,
        statement: sid,
        grant,
        patterns: members.map((p) => p.id),
        values,
      });
    }
  };

  for (const sid of statementSids) {
    const entry = catalog.statement(sid);
    const feeding = patterns.filter((p) => p.statement === sid);
    if (!entry.fedByPatterns) {
      let slots: SlotValues = {
        organizationIds,
        exclusionTagKey: tag.key,
        exclusionTagValue: tag.value,
      };
      if (sid === 'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources') {
        slots = {
          ...slots,
          ...thirdPartySlots(
            config.parameters?.thirdPartyIdentitiesToThirdPartyResources,
            'thirdPartyIdentitiesToThirdPartyResources',
            sid,
            sink,
          ),
        };
      } else if (sid === 'AllowRequestsByOrgsIdentitiesToThirdPartyResources') {
        slots = {
          ...slots,
          ...thirdPartySlots(
            config.parameters?.orgIdentitiesToThirdPartyResources,
            'orgIdentitiesToThirdPartyResources',
            sid,
            sink,
          ),
        };
      }
      const template = entry.templates.fixed;
      if (!template) throw new Error(`catalog statement ${sid} has no fixed template`);
      const { statement, values } = renderTemplate(sid, template, slots);
      statements.push(statement);
      provenance.push({ sid, statement: sid, patterns: [], values });
      // Patterns of a fixed statement extend it with statements of their own (e.g. STS federation).
      renderPatternGroups(sid, feeding);
      continue;
    }
    if (feeding.length === 0) {
      sink.add(`empty:${sid}`, {
        severity: 'info',
        code: 'generate/statement-without-patterns',
        message: `${sid} is on, but no data access pattern of ${serviceId} feeds it, so it is left out.`,
        hint: catalog.patternsForService(serviceId).some((p) => p.statement === sid)
          ? 'Turn on one of its data access patterns.'
          : `The catalog has no data access pattern of ${serviceId} for this statement.`,
        sid,
      });
      continue;
    }
    renderPatternGroups(sid, feeding);
  }
  return finish(
    serviceId,
    regionCodes,
    statements,
    provenance,
    format,
    sink,
    config,
    options,
    catalog,
  );
}

function finish(
  serviceId: string,
  regions: string[],
  statements: PolicyStatement[],
  provenance: StatementProvenance[],
  format: PolicyFormat,
  sink: DiagnosticSink,
  config: PerimeterConfig,
  options: GenerateOptions,
  catalog: Catalog,
): GeneratedPolicy {
  const policy: PolicyDocument = { Version: '2012-10-17', Statement: statements };
  const text = renderPolicy(policy, format);
  const size = countPolicyCharacters(text);
  if (size > POLICY_SIZE_LIMIT) {
    const minifiedSize =
      format === 'minified' ? size : countPolicyCharacters(renderPolicy(policy, 'minified'));
    const hints: string[] = [];
    if (minifiedSize <= POLICY_SIZE_LIMIT)
      hints.push(`The minified form is ${formatCount(minifiedSize)} characters and fits.`);
    if (regions.length > 1 && !options.skipPerRegionHint) {
      const largest = Math.max(
        ...regions.map(
          (region) =>
            generate(config, serviceId, {
              format,
              catalog,
              regions: [region],
              skipPerRegionHint: true,
            }).size,
        ),
      );
      hints.push(
        `One policy per region fits ${largest <= POLICY_SIZE_LIMIT ? '' : 'only partly '}: the largest is ${formatCount(largest)} characters. An endpoint lives in one region, so it only needs the policy of its region.`,
      );
    }
    sink.add('size', {
      severity: 'error',
      code: 'size/over-limit',
      message: `The policy is ${formatCount(size)} characters, ${formatCount(size - POLICY_SIZE_LIMIT)} over the ${formatCount(POLICY_SIZE_LIMIT)}-character limit of an endpoint policy (whitespace counts).`,
      hint: hints.join(' ') || 'Remove data access patterns or regions you do not need.',
    });
  } else if (size > POLICY_SIZE_LIMIT * 0.9) {
    sink.add('size-near', {
      severity: 'warning',
      code: 'size/near-limit',
      message: `The policy is ${formatCount(size)} characters, within ${formatCount(POLICY_SIZE_LIMIT - size)} of the ${formatCount(POLICY_SIZE_LIMIT)}-character limit.`,
    });
  }
  return {
    service: serviceId,
    regions,
    policy,
    format,
    text,
    size,
    statements: provenance,
    diagnostics: sink.list,
  };
}
