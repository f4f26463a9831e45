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
  usesAccount: boolean;
  regionDependent: boolean;
}

const compiledTemplates = new Map<string, CompiledTemplate>();

/** Splits a resource template once; expanding it for many regions then only joins strings. */
function compileTemplate(template: string): CompiledTemplate {
  let compiled = compiledTemplates.get(template);
  if (!compiled) {
    const parts = template.split(/\{(partition|region|regionNoDashes|dnsSuffix|account)\}/);
    const names = parts.filter((_, i) => i % 2 === 1);
    compiled = {
      parts,
      usesAccount: names.includes('account'),
      regionDependent: names.some(
        (n) => n === 'region' || n === 'regionNoDashes' || n === 'dnsSuffix',
      ),
    };
    compiledTemplates.set(template, compiled);
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
  for (const region of regions) {
    const vars: Record<string, string> = {
      partition: region.partition,
      region: region.code,
      regionNoDashes: region.noDashes,
      dnsSuffix: region.dnsSuffix,
    };
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
    for (const raw of templates) {
      const template = compileTemplate(raw);
      const values = template.usesAccount
        ? (lookup?.accounts ?? []).map((account) => fill(template, { ...vars, account }))
        : [fill(template, vars)];
      const from = {
        pattern: pattern.id,
        ...(regionTag && template.regionDependent ? { region: regionTag } : {}),
        ...(quirks.length > 0 && template.regionDependent ? { quirk: quirks.join(' ') } : {}),
        ...(lookup?.table ? { accountTable: lookup.table } : {}),
        ...(lookup?.parameter ? { parameter: lookup.parameter } : {}),
        placeholder: (lookup?.placeholder ?? false) && template.usesAccount,
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
  const key = `${pattern.id}|${regions.map((r) => r.code).join(',')}|${accountsKey}`;
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

  for (const sid of statementSids) {
    const entry = catalog.statement(sid);
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
      continue;
    }
    const feeding = patterns.filter((p) => p.statement === sid);
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
    // Patterns with a Sid suffix get a statement of their own; the others share the base Sid.
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
