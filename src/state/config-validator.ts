/**
 * The engine's configuration validator, loaded on demand: it needs the schema library and the
 * whole catalog, which the first screen does without. Every field validates what the user types
 * with it, so that the messages are the engine's own.
 */
import { useEffect, useState } from 'react';
import type { ConfigParseResult } from '@/core/config/parse';

export type ConfigValidator = (value: unknown) => ConfigParseResult;

let loading: Promise<ConfigValidator> | undefined;
let loaded: ConfigValidator | undefined;

export function loadConfigValidator(): Promise<ConfigValidator> {
  loading ??= import('@/core/config/parse').then(({ validateConfigValue }) => {
    loaded = (value) => validateConfigValue(value);
    return loaded;
  });
  return loading;
}

/** The validator once loaded (undefined until then); wanting it starts the load. */
export function useConfigValidator(wanted = true): ConfigValidator | undefined {
  const [validator, setValidator] = useState<ConfigValidator | undefined>(() => loaded);
  useEffect(() => {
    if (validator || !wanted) return;
    let active = true;
    void loadConfigValidator().then((v) => {
      if (active) setValidator(() => v);
    });
    return () => {
      active = false;
    };
  }, [validator, wanted]);
  return validator ?? loaded;
}
