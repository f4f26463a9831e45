/**
 * Sizes of the per-region policies of a service, computed in idle time one region at a time, so
 * that "does not fit" can say how large each region's own policy would be without slowing down
 * the preview. Starts over when the choices change; stops when not wanted.
 */
import type { RegionCode, ServiceId } from '@/core/catalog/ids';
import { useEffect, useState } from 'react';
import type { PerimeterConfig, PolicyFormat } from '@/core/config/schema';
import { previewPolicy } from '@/state/preview-policy';

export interface RegionSize {
  region: RegionCode;
  size: number;
}

const whenIdle: (callback: () => void) => () => void =
  typeof requestIdleCallback === 'function'
    ? (callback) => {
        const handle = requestIdleCallback(callback, { timeout: 500 });
        return () => cancelIdleCallback(handle);
      }
    : (callback) => {
        const handle = setTimeout(callback, 16);
        return () => clearTimeout(handle);
      };

/** The largest per-region policy, once every region has been measured; undefined until then. */
export function useLargestRegionPolicy(
  config: PerimeterConfig,
  service: ServiceId | undefined,
  regions: readonly RegionCode[],
  format: PolicyFormat,
  wanted: boolean,
): RegionSize | undefined {
  const [result, setResult] = useState<{ key: unknown; largest: RegionSize } | undefined>();
  useEffect(() => {
    if (!wanted || service === undefined || regions.length === 0) return;
    let index = 0;
    let largest: RegionSize | undefined;
    let cancel = whenIdle(function step() {
      const region = regions[index++]!;
      const size = previewPolicy(config, service, region, format).size;
      if (!largest || size > largest.size) largest = { region, size };
      if (index < regions.length) cancel = whenIdle(step);
      else setResult({ key: config, largest });
    });
    return () => cancel();
  }, [config, service, regions, format, wanted]);
  return wanted && result?.key === config ? result.largest : undefined;
}
