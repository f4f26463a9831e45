/**
 * Pure edits of a perimeter configuration, one per kind of choice. The store's actions apply them
 * to the user's choices; the fields apply them to a copy to validate what the user is typing
 * before it becomes a choice. Each keeps the configuration minimal: empty lists and objects are
 * removed, so that what is saved, shared and exported is exactly what the user chose.
 */
import type { PatternId, RegionCode, ServiceId, StatementSid } from '../catalog/ids';
import type {
  OutputShape,
  PerimeterConfig,
  PerimeterParameters,
  PolicyFormat,
  ThirdPartyParameters,
} from './schema';

/** The two third-party statements' parameter blocks. */
export type ThirdPartyBlock =
  'thirdPartyIdentitiesToThirdPartyResources' | 'orgIdentitiesToThirdPartyResources';

function withoutKey<T extends object>(record: T | undefined, key: string): T | undefined {
  if (!record || !(key in record)) return record;
  const copy = { ...record } as Record<string, unknown>;
  delete copy[key];
  return Object.keys(copy).length > 0 ? (copy as T) : undefined;
}

/** Sets or removes an optional field so that absent choices are absent, never empty. */
function assign<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): T {
  const copy = { ...target };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

function withParameter<K extends keyof PerimeterParameters>(
  config: PerimeterConfig,
  key: K,
  value: PerimeterParameters[K] | undefined,
): PerimeterConfig {
  const parameters = assign(config.parameters ?? {}, key, value);
  return assign(config, 'parameters', Object.keys(parameters).length > 0 ? parameters : undefined);
}

export const withServices = (
  config: PerimeterConfig,
  services: readonly ServiceId[],
): PerimeterConfig => ({ ...config, services: [...services] });

export const withRegions = (
  config: PerimeterConfig,
  regions: readonly RegionCode[],
): PerimeterConfig => ({ ...config, regions: [...regions] });

export const withOrganizationIds = (
  config: PerimeterConfig,
  organizationIds: readonly string[],
): PerimeterConfig => ({
  ...config,
  organizationIds: [...organizationIds],
});

/** A statement on or off for every service, or for one; `undefined` returns it to the template. */
export function withStatementToggle(
  config: PerimeterConfig,
  sid: StatementSid,
  enabled: boolean | undefined,
  serviceId?: ServiceId,
): PerimeterConfig {
  if (serviceId === undefined) {
    const statements =
      enabled === undefined
        ? withoutKey(config.statements, sid)
        : { ...config.statements, [sid]: enabled };
    return assign(config, 'statements', statements);
  }
  const current = config.serviceStatements?.[serviceId];
  const toggles = enabled === undefined ? withoutKey(current, sid) : { ...current, [sid]: enabled };
  const serviceStatements = toggles
    ? { ...config.serviceStatements, [serviceId]: toggles }
    : withoutKey(config.serviceStatements, serviceId);
  return assign(config, 'serviceStatements', serviceStatements);
}

/** A data access pattern on or off; `undefined` returns it to the catalog default. */
export function withPatternToggle(
  config: PerimeterConfig,
  patternId: PatternId,
  enabled: boolean | undefined,
): PerimeterConfig {
  return assign(
    config,
    'dataAccessPatterns',
    enabled === undefined
      ? withoutKey(config.dataAccessPatterns, patternId)
      : { ...config.dataAccessPatterns, [patternId]: enabled },
  );
}

export function withThirdPartyList(
  config: PerimeterConfig,
  block: ThirdPartyBlock,
  field: keyof ThirdPartyParameters,
  values: readonly string[],
): PerimeterConfig {
  const current = assign(
    config.parameters?.[block] ?? {},
    field,
    values.length > 0 ? [...values] : undefined,
  );
  return withParameter(config, block, Object.keys(current).length > 0 ? current : undefined);
}

/** `undefined` returns to the default exclusion tag. */
export function withExclusionTag(
  config: PerimeterConfig,
  tag: { key: string; value: string } | undefined,
): PerimeterConfig {
  return withParameter(
    config,
    'exclusionTag',
    tag ? { key: tag.key, value: tag.value } : undefined,
  );
}

/** Accounts of an account table in one region; an empty list returns to the table. */
export function withTableAccounts(
  config: PerimeterConfig,
  tableId: string,
  region: RegionCode,
  accounts: readonly string[],
): PerimeterConfig {
  const tables = config.parameters?.accountIds;
  const regions =
    accounts.length === 0
      ? withoutKey(tables?.[tableId], region)
      : { ...tables?.[tableId], [region]: accounts.length === 1 ? accounts[0]! : [...accounts] };
  return withParameter(
    config,
    'accountIds',
    regions ? { ...tables, [tableId]: regions } : withoutKey(tables, tableId),
  );
}

/** Exact bucket names of a data access pattern in one region; an empty list removes them. */
export function withBucketNames(
  config: PerimeterConfig,
  patternId: PatternId,
  region: RegionCode,
  names: readonly string[],
): PerimeterConfig {
  const patterns = config.parameters?.bucketNames;
  const regions =
    names.length === 0
      ? withoutKey(patterns?.[patternId], region)
      : { ...patterns?.[patternId], [region]: names.length === 1 ? names[0]! : [...names] };
  return withParameter(
    config,
    'bucketNames',
    regions ? { ...patterns, [patternId]: regions } : withoutKey(patterns, patternId),
  );
}

export function withLambdaLayerAccounts(
  config: PerimeterConfig,
  accounts: readonly string[],
): PerimeterConfig {
  return withParameter(
    config,
    'lambdaLayerAccounts',
    accounts.length > 0 ? [...accounts] : undefined,
  );
}

/** Output shape and format; a field given as `undefined` returns to the default. */
export function withOutput(
  config: PerimeterConfig,
  output: { shape?: OutputShape; format?: PolicyFormat },
): PerimeterConfig {
  const shape = 'shape' in output ? output.shape : config.output?.shape;
  const format = 'format' in output ? output.format : config.output?.format;
  const merged = { ...(shape ? { shape } : {}), ...(format ? { format } : {}) };
  return assign(config, 'output', Object.keys(merged).length > 0 ? merged : undefined);
}

/** The organization's accounts; an empty list removes the field. */
export function withOrganizationAccounts(
  config: PerimeterConfig,
  accounts: readonly string[],
): PerimeterConfig {
  return assign(config, 'organizationAccounts', accounts.length > 0 ? [...accounts] : undefined);
}

/** Appends values that are not yet in the list, keeping the list's order. */
function union(list: readonly string[] | undefined, additions: readonly string[]): string[] {
  const out = [...(list ?? [])];
  for (const value of additions) if (!out.includes(value)) out.push(value);
  return out;
}

/**
 * One change of choices as data, so that a suggestion can be shown, listed by the CLI, saved in a
 * report and applied by the browser in one click, all through the same functions.
 */
export type ConfigEdit =
  | {
      kind: 'statement';
      sid: StatementSid;
      enabled: boolean;
      /** For one service only; absent for every service. */
      service?: ServiceId;
    }
  | { kind: 'pattern'; patternId: PatternId; enabled: boolean }
  | {
      /** Adds accounts, actions and resources to a third-party statement's lists. */
      kind: 'third-party';
      block: ThirdPartyBlock;
      accounts: string[];
      actions: string[];
      resources: string[];
    }
  | { kind: 'organization-accounts'; add: string[] };

export function applyConfigEdit(config: PerimeterConfig, edit: ConfigEdit): PerimeterConfig {
  switch (edit.kind) {
    case 'statement':
      return withStatementToggle(config, edit.sid, edit.enabled, edit.service);
    case 'pattern':
      return withPatternToggle(config, edit.patternId, edit.enabled);
    case 'third-party': {
      const current = config.parameters?.[edit.block];
      let next = withThirdPartyList(
        config,
        edit.block,
        'accounts',
        union(current?.accounts, edit.accounts),
      );
      next = withThirdPartyList(next, edit.block, 'actions', union(current?.actions, edit.actions));
      return withThirdPartyList(
        next,
        edit.block,
        'resources',
        union(current?.resources, edit.resources),
      );
    }
    case 'organization-accounts':
      return withOrganizationAccounts(config, union(config.organizationAccounts, edit.add));
  }
}

export function applyConfigEdits(
  config: PerimeterConfig,
  edits: readonly ConfigEdit[],
): PerimeterConfig {
  return edits.reduce(applyConfigEdit, config);
}

const BLOCK_FIELD: Record<ThirdPartyBlock, string> = {
  thirdPartyIdentitiesToThirdPartyResources: 'parameters.thirdPartyIdentitiesToThirdPartyResources',
  orgIdentitiesToThirdPartyResources: 'parameters.orgIdentitiesToThirdPartyResources',
};

/** The edit in words, naming the configuration field it changes. */
export function describeConfigEdit(edit: ConfigEdit): string {
  switch (edit.kind) {
    case 'statement': {
      const verb = edit.enabled ? 'turn on' : 'turn off';
      return edit.service
        ? `${verb} the statement ${edit.sid} for ${edit.service} (serviceStatements.${edit.service}.${edit.sid} = ${edit.enabled})`
        : `${verb} the statement ${edit.sid} (statements.${edit.sid} = ${edit.enabled})`;
    }
    case 'pattern':
      return `${edit.enabled ? 'turn on' : 'turn off'} the data access pattern ${edit.patternId} (dataAccessPatterns.${edit.patternId} = ${edit.enabled})`;
    case 'third-party': {
      const parts = [
        edit.accounts.length > 0 ? `accounts ${edit.accounts.join(', ')}` : '',
        edit.actions.length > 0 ? `actions ${edit.actions.join(', ')}` : '',
        edit.resources.length > 0 ? `resources ${edit.resources.join(', ')}` : '',
      ].filter(Boolean);
      return `add ${parts.join('; ')} to ${BLOCK_FIELD[edit.block]}`;
    }
    case 'organization-accounts':
      return `list ${edit.add.join(', ')} as accounts of the organization (organizationAccounts)`;
  }
}
