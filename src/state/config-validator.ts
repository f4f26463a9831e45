/**
 * The engine's configuration validator, loaded on demand: it needs the schema library and the
 * whole catalog, which the first screen does without. Every field validates what the user types
 * with it, so that the messages are the engine's own.
 */
import type { ConfigParseResult } from '@/core/config/parse';
import { lazyModule, useLazyModule } from '@/shared/react/lazy-module';

export type ConfigValidator = (value: unknown) => ConfigParseResult;

const configValidator = lazyModule<ConfigValidator>(() =>
  import('@/core/config/parse').then(
    ({ validateConfigValue }) =>
      (value: unknown) =>
        validateConfigValue(value),
  ),
);

export const loadConfigValidator = configValidator.load;

/** The validator once loaded (undefined until then); wanting it starts the load. */
export function useConfigValidator(wanted = true): ConfigValidator | undefined {
  return useLazyModule(configValidator, wanted).module ?? configValidator.loaded();
}
