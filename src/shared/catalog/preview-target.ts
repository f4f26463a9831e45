/**
 * Which policy the preview shows: the service of the selected tab (the first selected service
 * when none is picked or the picked one was removed), the output shape and format of the
 * configuration, and in the per-region shape the region picked in the preview.
 */
import type { Catalog } from '@/core/catalog/catalog';
import type { RegionCode, ServiceId } from '@/core/catalog/ids';
import type { OutputShape, PerimeterConfig, PolicyFormat } from '@/core/config/schema';
import { canonicalRegions, canonicalServices } from '@/core/generate/selection';
import type { ViewPreferences } from '@/state/defaults';

export interface PreviewTarget {
  /** Selected services in canonical order: one tab each. */
  services: ServiceId[];
  /** The service shown, or undefined when none is selected. */
  service: ServiceId | undefined;
  shape: OutputShape;
  format: PolicyFormat;
  /** Selected regions in canonical order. */
  regions: RegionCode[];
  /** The region shown in the per-region shape; undefined in the all-regions shape or without regions. */
  region: RegionCode | undefined;
}

export function previewedService(
  config: PerimeterConfig,
  view: Pick<ViewPreferences, 'previewService'>,
  catalog: Catalog,
): ServiceId | undefined {
  const services = canonicalServices(config.services, catalog);
  return services.find((id) => id === view.previewService) ?? services[0];
}

export function previewTarget(
  config: PerimeterConfig,
  view: Pick<ViewPreferences, 'previewService' | 'previewRegion'>,
  catalog: Catalog,
): PreviewTarget {
  const services = canonicalServices(config.services, catalog);
  const regions = canonicalRegions(config.regions, catalog);
  const shape = config.output?.shape ?? 'all-regions';
  const region =
    shape === 'per-region'
      ? (regions.find((code) => code === view.previewRegion) ?? regions[0])
      : undefined;
  return {
    services,
    service: previewedService(config, view, catalog),
    shape,
    format: config.output?.format ?? 'pretty-2',
    regions,
    region,
  };
}
