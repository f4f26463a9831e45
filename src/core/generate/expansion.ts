/**
 * Expansion: a data access pattern's resources (or accounts) for a list of regions, with the
 * account tables, the bucket names the user supplied, region quirks and the places where no
 * source documents a resource. Pure; `cache.ts` keeps the results.
 */
import type { Catalog, Region } from '../catalog/catalog';
import type { RegionCode } from '../catalog/ids';
import type { AccountSource, BucketNameSource, DataAccessPattern } from '../catalog/schema';
import type { PerimeterConfig } from '../config/schema';
import { hasWildcard, strangerOwnablePart } from '../policy/arn';
import type { DiagnosticSink } from './sink';
import { compileTemplate, fill, type CompiledTemplate } from './template';
import { ValueBag, type ValueOrigin } from './values';

/** Placeholders of the upstream samples, shown where a value is missing. */
export const PLACEHOLDERS = {
  organizationId: '<my-org-id>',
  region: '<region>',
  regionNoDashes: '<RegionWithoutDashes>',
  thirdPartyAccounts: ['<third-party-account-a>', '<third-party-account-b>'],
  action: '<action>',
  thirdPartyResource: '<third-party-resource-arn>',
} as const;

interface RegionFacts {
  partition: string;
  dnsSuffix: string;
  noDashes: string;
}
/** A region of the policy, or the stand-in (`pseudo`) used when no region is selected. */
export type RegionContext =
  | (RegionFacts & { code: RegionCode; pseudo: false })
  | (RegionFacts & { code: string; pseudo: true });

export const PSEUDO_REGION: RegionContext = {
  code: PLACEHOLDERS.region,
  partition: 'aws',
  dnsSuffix: 'amazonaws.com',
  noDashes: PLACEHOLDERS.regionNoDashes,
  pseudo: true,
};

export function regionContext(region: Region): RegionContext {
  return {
    code: region.code,
    partition: region.partition,
    dnsSuffix: region.dnsSuffix,
    noDashes: region.noDashes,
    pseudo: false,
  };
}

/** Whether an ARN is an S3 bucket or object whose bucket name no region or account qualifies. */
function isGlobalBucketTemplate(template: CompiledTemplate, raw: string): boolean {
  return (
    raw.startsWith('arn:{partition}:s3:::') && !template.regionDependent && !template.usesAccount
  );
}

/** Whether a supplied bucket name has one of the pattern's shapes for the region. */
export function fitsBucketShape(name: string, source: BucketNameSource, region: string): boolean {
  if (hasWildcard(name)) return false;
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

/** The accounts a pattern names in one region, and where they come from. */
export interface PatternAccounts {
  accounts: string[];
  /** No account is known: `accounts` holds the pattern's placeholder. */
  placeholder: boolean;
  table?: string;
  parameter?: string;
}

/**
 * The accounts of a pattern in a region: the configuration's (Lambda layer publishers, or an
 * override of the account table), else the catalog's table; the placeholder when neither has
 * one. `region` undefined stands for "no region selected". The single source of "which account
 * does this pattern use here", for the generator and for the simulator's example requests.
 */
export function patternAccounts(
  source: AccountSource,
  region: RegionCode | undefined,
  config: PerimeterConfig,
  catalog: Catalog,
): PatternAccounts {
  if ('parameter' in source) {
    const parameter = 'parameters.lambdaLayerAccounts';
    const accounts = [...new Set(config.parameters?.lambdaLayerAccounts ?? [])].sort();
    if (accounts.length > 0) return { accounts, placeholder: false, parameter };
    return { accounts: [source.placeholder], placeholder: true, parameter };
  }
  const unknown = { accounts: [source.placeholder], placeholder: true, table: source.table };
  if (region === undefined) return unknown;
  const override = config.parameters?.accountIds?.[source.table]?.[region];
  if (override !== undefined) {
    return {
      accounts: [...new Set(typeof override === 'string' ? [override] : override)].sort(),
      placeholder: false,
      table: source.table,
      parameter: `parameters.accountIds.${source.table}.${region}`,
    };
  }
  const known = catalog.accountTable(source.table)?.accounts[region];
  if (known && known.length > 0)
    return { accounts: [...known], placeholder: false, table: source.table };
  return unknown;
}

/** The accounts of a pattern in a region, with a diagnostic where they are missing or unverified. */
function lookupAccounts(
  source: AccountSource,
  region: RegionContext,
  config: PerimeterConfig,
  catalog: Catalog,
  pattern: DataAccessPattern,
  sink: DiagnosticSink,
): PatternAccounts {
  const found = patternAccounts(source, region.pseudo ? undefined : region.code, config, catalog);
  if ('parameter' in source) {
    if (found.placeholder)
      sink.add(`missing-parameter:lambdaLayerAccounts`, {
        severity: 'error',
        code: 'generate/missing-parameter',
        message: `"${pattern.title}" needs the accounts that publish the layers; ${source.placeholder} is left in the policy.`,
        hint: 'List them under parameters.lambdaLayerAccounts, or turn this pattern off and pick the patterns of specific extensions.',
        path: 'parameters.lambdaLayerAccounts',
      });
    return found;
  }
  if (region.pseudo || found.parameter !== undefined) return found;
  const table = catalog.accountTable(source.table);
  if (!found.placeholder) {
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
      if (entry.region !== region.code || !found.accounts.includes(entry.account)) continue;
      sink.add(`unverified:${source.table}:${region.code}:${entry.account}`, {
        severity: 'warning',
        code: 'generate/unverified-account',
        message: `${table!.title}: no primary source confirms ${entry.account} for ${region.code}. ${entry.reason}`,
        hint: `${entry.toVerify} Set parameters.accountIds.${source.table}.${region.code} to make the choice yours.`,
        path: `parameters.accountIds.${source.table}.${region.code}`,
      });
    }
    return found;
  }
  sink.add(`missing-account:${source.table}:${region.code}`, {
    severity: 'error',
    code: 'generate/missing-account',
    message: `No ${table?.title ?? source.table} account is known for ${region.code}; ${source.placeholder} is left in the policy.`,
    hint: `Set parameters.accountIds.${source.table}.${region.code} to the account that AWS documents for that region, or turn off "${pattern.title}".`,
    path: `parameters.accountIds.${source.table}.${region.code}`,
  });
  return found;
}

export interface PatternExpansion {
  resources: ValueBag;
  accounts: ValueBag;
  /**
   * Resources whose bucket name (or account) holds a wildcard: a statement that admits any
   * principal refuses them. Found once here, since expansions are cached and reused.
   */
  openWildcards: readonly string[];
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

/** A pattern's variables and resource templates in one region, after its quirks. */
interface RegionTemplates {
  vars: Record<string, string>;
  undocumented: Set<string>;
  templates: readonly string[];
  quirks: string[];
}

function regionTemplates(
  pattern: DataAccessPattern,
  region: RegionContext,
  sink: DiagnosticSink,
): RegionTemplates {
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
    if (region.pseudo || !quirk.regions.includes(region.code)) continue;
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
  return { vars, undocumented, templates, quirks };
}

/** Expands a pattern's resources (or accounts) for every region, applying region quirks. */
export function expandPattern(
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
    const { vars, undocumented, templates, quirks } = regionTemplates(pattern, region, sink);
    const lookup = pattern.accounts
      ? lookupAccounts(pattern.accounts, region, config, catalog, pattern, sink)
      : undefined;
    const regionTag = region.pseudo ? undefined : region.code;
    if (pattern.grant === 'resourceAccount') {
      const from: ValueOrigin = { pattern: pattern.id, placeholder: lookup?.placeholder ?? false };
      if (regionTag) from.region = regionTag;
      if (lookup?.table) from.accountTable = lookup.table;
      if (lookup?.parameter) from.parameter = lookup.parameter;
      for (const account of lookup?.accounts ?? []) accounts.add(account, from);
      continue;
    }
    let buckets: BucketLookup | undefined;
    for (const raw of templates) {
      const template = compileTemplate(raw, regionValueNames);
      if (leftOutHere(pattern, template, raw, region, undocumented, sink)) continue;
      if (template.usesBucket && pattern.bucketNames)
        buckets ??= lookupBucketNames(pattern.bucketNames, region, config, pattern, sink);
      const parameter = template.usesBucket ? buckets?.parameter : lookup?.parameter;
      const from: ValueOrigin = { pattern: pattern.id };
      if (regionTag && template.regionDependent) from.region = regionTag;
      if (quirks.length > 0 && template.regionDependent) from.quirk = quirks.join(' ');
      if (lookup?.table) from.accountTable = lookup.table;
      if (parameter) from.parameter = parameter;
      from.placeholder =
        ((lookup?.placeholder ?? false) && template.usesAccount) ||
        ((buckets?.placeholder ?? false) && template.usesBucket);
      const bucketNames = template.usesBucket ? (buckets?.names ?? []) : [undefined];
      const accountList = template.usesAccount ? (lookup?.accounts ?? []) : [undefined];
      for (const bucket of bucketNames)
        for (const account of accountList)
          resources.add(fill(template, vars, bucket, account), from);
    }
  }
  const openWildcards: string[] = [];
  for (const value of resources.keys()) {
    const part = strangerOwnablePart(value);
    if (part !== undefined && hasWildcard(part)) openWildcards.push(value);
  }
  return { resources, accounts, openWildcards };
}
