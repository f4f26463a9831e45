/**
 * The user's choices: one perimeter configuration in the engine's format. Every action keeps it
 * valid and minimal (empty lists and objects are removed) so that what is saved, shared and
 * exported is exactly what the user chose. Fields are validated by the engine before they reach
 * an action; the actions themselves only place values.
 */
import type { StatementSid } from '@/core/catalog/ids';
import type { OutputShape, PerimeterConfig, PerimeterParameters, PolicyFormat, ThirdPartyParameters } from '@/core/config/schema';
import { noteChoiceChange } from './choice-change-clock';
import { defaultConfig } from './defaults';
import type { SliceCreator } from './slice';

/** The two third-party statements' parameter blocks. */
export type ThirdPartyBlock = 'thirdPartyIdentitiesToThirdPartyResources' | 'orgIdentitiesToThirdPartyResources';

export interface ConfigState {
  /** The perimeter configuration: services, regions, organization, statements, patterns, parameters. */
  config: PerimeterConfig;
}

export interface ConfigActions {
  setServices(services: readonly string[]): void;
  setRegions(regions: readonly string[]): void;
  setOrganizationIds(organizationIds: readonly string[]): void;
  /** Sets a statement on or off for every service, or for one; `undefined` returns it to the template. */
  setStatementToggle(sid: StatementSid, enabled: boolean | undefined, serviceId?: string): void;
  /** Turns a data access pattern on or off; `undefined` returns it to the catalog default. */
  setPatternToggle(patternId: string, enabled: boolean | undefined): void;
  setThirdPartyList(block: ThirdPartyBlock, field: keyof ThirdPartyParameters, values: readonly string[]): void;
  /** `undefined` returns to the default exclusion tag. */
  setExclusionTag(tag: { key: string; value: string } | undefined): void;
  /** Accounts of an account table in one region; an empty list returns to the table. */
  setTableAccounts(tableId: string, region: string, accounts: readonly string[]): void;
  setLambdaLayerAccounts(accounts: readonly string[]): void;
  setOutput(output: { shape?: OutputShape; format?: PolicyFormat }): void;
  /** Replaces every choice (import); the value must be validated. */
  replaceConfig(config: PerimeterConfig): void;
  /** Replaces every choice with restored or default ones: not a change the user made. */
  restoreConfig(config: PerimeterConfig): void;
  resetConfig(): void;
}

export type ConfigSlice = ConfigState & { actions: ConfigActions };

function withoutKey<T extends object>(record: T | undefined, key: string): T | undefined {
  if (!record || !(key in record)) return record;
  const copy = { ...record } as Record<string, unknown>;
  delete copy[key];
  return Object.keys(copy).length > 0 ? (copy as T) : undefined;
}

/** Sets or removes an optional field so that absent choices are absent, never empty. */
function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): T {
  const copy = { ...target };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

function setParameter<K extends keyof PerimeterParameters>(config: PerimeterConfig, key: K, value: PerimeterParameters[K] | undefined): PerimeterConfig {
  const parameters = assign(config.parameters ?? {}, key, value);
  return assign(config, 'parameters', Object.keys(parameters).length > 0 ? parameters : undefined);
}

export const createConfigSlice =
  (initial: PerimeterConfig): SliceCreator<ConfigSlice> =>
  (set) => {
    const update = (change: (config: PerimeterConfig) => PerimeterConfig) => {
      noteChoiceChange();
      set((state) => ({ config: change(state.config) }));
    };
    return {
      config: initial,
      actions: {
        setServices: (services) => update((config) => ({ ...config, services: [...services] })),
        setRegions: (regions) => update((config) => ({ ...config, regions: [...regions] })),
        setOrganizationIds: (organizationIds) => update((config) => ({ ...config, organizationIds: [...organizationIds] })),
        setStatementToggle: (sid, enabled, serviceId) =>
          update((config) => {
            if (serviceId === undefined) {
              const statements = enabled === undefined ? withoutKey(config.statements, sid) : { ...config.statements, [sid]: enabled };
              return assign(config, 'statements', statements);
            }
            const current = config.serviceStatements?.[serviceId];
            const toggles = enabled === undefined ? withoutKey(current, sid) : { ...current, [sid]: enabled };
            const serviceStatements = toggles ? { ...config.serviceStatements, [serviceId]: toggles } : withoutKey(config.serviceStatements, serviceId);
            return assign(config, 'serviceStatements', serviceStatements);
          }),
        setPatternToggle: (patternId, enabled) =>
          update((config) =>
            assign(
              config,
              'dataAccessPatterns',
              enabled === undefined ? withoutKey(config.dataAccessPatterns, patternId) : { ...config.dataAccessPatterns, [patternId]: enabled },
            ),
          ),
        setThirdPartyList: (block, field, values) =>
          update((config) => {
            const current = assign(config.parameters?.[block] ?? {}, field, values.length > 0 ? [...values] : undefined);
            return setParameter(config, block, Object.keys(current).length > 0 ? current : undefined);
          }),
        setExclusionTag: (tag) => update((config) => setParameter(config, 'exclusionTag', tag ? { ...tag } : undefined)),
        setTableAccounts: (tableId, region, accounts) =>
          update((config) => {
            const tables = config.parameters?.accountIds;
            const regions = accounts.length === 0 ? withoutKey(tables?.[tableId], region) : { ...tables?.[tableId], [region]: accounts.length === 1 ? accounts[0]! : [...accounts] };
            return setParameter(config, 'accountIds', regions ? { ...tables, [tableId]: regions } : withoutKey(tables, tableId));
          }),
        setLambdaLayerAccounts: (accounts) => update((config) => setParameter(config, 'lambdaLayerAccounts', accounts.length > 0 ? [...accounts] : undefined)),
        setOutput: (output) =>
          update((config) => {
            const shape = 'shape' in output ? output.shape : config.output?.shape;
            const format = 'format' in output ? output.format : config.output?.format;
            const merged = { ...(shape ? { shape } : {}), ...(format ? { format } : {}) };
            return assign(config, 'output', Object.keys(merged).length > 0 ? merged : undefined);
          }),
        replaceConfig: (config) => update(() => config),
        restoreConfig: (config) => set({ config }),
        resetConfig: () => update(() => defaultConfig()),
      },
    };
  };
