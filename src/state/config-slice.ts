/**
 * The user's choices: one perimeter configuration in the engine's format. Values are validated
 * by the engine before they reach an action; the actions place them with the edits of
 * `core/config/config-edits.ts`, which keep the configuration minimal.
 */
import type { PatternId, RegionCode, ServiceId, StatementSid } from '@/core/catalog/ids';
import type {
  OutputShape,
  PerimeterConfig,
  PolicyFormat,
  ThirdPartyParameters,
} from '@/core/config/schema';
import type { SavedRequest } from '@/core/config/request-schema';
import { noteChoiceChange } from './choice-change-clock';
import {
  withBucketNames,
  applyConfigEdits,
  withExclusionTag,
  withLambdaLayerAccounts,
  withOrganizationIds,
  withOutput,
  withPatternToggle,
  withRegions,
  withServices,
  withStatementToggle,
  withTableAccounts,
  withThirdPartyList,
  type ConfigEdit,
  type ThirdPartyBlock,
} from '@/core/config/config-edits';
import { defaultConfig } from './defaults';
import type { SliceCreator } from './slice';

export interface ConfigState {
  /** The perimeter configuration: services, regions, organization, statements, patterns, parameters. */
  config: PerimeterConfig;
}

export interface ConfigActions {
  setServices(services: readonly ServiceId[]): void;
  setRegions(regions: readonly RegionCode[]): void;
  setOrganizationIds(organizationIds: readonly string[]): void;
  /** Sets a statement on or off for every service, or for one; `undefined` returns it to the template. */
  setStatementToggle(sid: StatementSid, enabled: boolean | undefined, serviceId?: ServiceId): void;
  /** Turns a data access pattern on or off; `undefined` returns it to the catalog default. */
  setPatternToggle(patternId: PatternId, enabled: boolean | undefined): void;
  setThirdPartyList(
    block: ThirdPartyBlock,
    field: keyof ThirdPartyParameters,
    values: readonly string[],
  ): void;
  /** `undefined` returns to the default exclusion tag. */
  setExclusionTag(tag: { key: string; value: string } | undefined): void;
  /** Accounts of an account table in one region; an empty list returns to the table. */
  setTableAccounts(tableId: string, region: RegionCode, accounts: readonly string[]): void;
  setLambdaLayerAccounts(accounts: readonly string[]): void;
  /** Exact bucket names of a data access pattern in one region; an empty list removes them. */
  setBucketNames(patternId: PatternId, region: RegionCode, names: readonly string[]): void;
  setOutput(output: { shape?: OutputShape; format?: PolicyFormat }): void;
  /** Applies edits given as data (a suggested fix), as one change. */
  applyConfigEdits(edits: readonly ConfigEdit[]): void;
  /** The request simulator's saved suite; an empty list removes the field. */
  setSavedRequests(requests: readonly SavedRequest[]): void;
  /** Replaces every choice (import); the value must be validated. */
  replaceConfig(config: PerimeterConfig): void;
  /** Replaces every choice with restored or default ones: not a change the user made. */
  restoreConfig(config: PerimeterConfig): void;
  resetConfig(): void;
}

export type ConfigSlice = ConfigState & { actions: ConfigActions };

export const createConfigSlice =
  (initial: PerimeterConfig): SliceCreator<ConfigSlice> =>
  (set) => {
    const update = (edit: (config: PerimeterConfig) => PerimeterConfig) => {
      noteChoiceChange();
      set((state) => ({ config: edit(state.config) }));
    };
    return {
      config: initial,
      actions: {
        setServices: (services) => update((config) => withServices(config, services)),
        setRegions: (regions) => update((config) => withRegions(config, regions)),
        setOrganizationIds: (ids) => update((config) => withOrganizationIds(config, ids)),
        setStatementToggle: (sid, enabled, serviceId) =>
          update((config) => withStatementToggle(config, sid, enabled, serviceId)),
        setPatternToggle: (patternId, enabled) =>
          update((config) => withPatternToggle(config, patternId, enabled)),
        setThirdPartyList: (block, field, values) =>
          update((config) => withThirdPartyList(config, block, field, values)),
        setExclusionTag: (tag) => update((config) => withExclusionTag(config, tag)),
        setTableAccounts: (tableId, region, accounts) =>
          update((config) => withTableAccounts(config, tableId, region, accounts)),
        setLambdaLayerAccounts: (accounts) =>
          update((config) => withLambdaLayerAccounts(config, accounts)),
        setBucketNames: (patternId, region, names) =>
          update((config) => withBucketNames(config, patternId, region, names)),
        setOutput: (output) => update((config) => withOutput(config, output)),
        applyConfigEdits: (edits) => update((config) => applyConfigEdits(config, edits)),
        setSavedRequests: (requests) =>
          update(({ savedRequests: _previous, ...config }) =>
            requests.length > 0 ? { ...config, savedRequests: [...requests] } : config,
          ),
        replaceConfig: (config) => update(() => config),
        restoreConfig: (config) => set({ config }),
        resetConfig: () => update(() => defaultConfig()),
      },
    };
  };
