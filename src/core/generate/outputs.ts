/** The files a configuration produces: one policy per service, or per service and region. */
import { catalog as bundledCatalog, type Catalog } from '../catalog/catalog';
import type { RegionCode, ServiceId } from '../catalog/ids';
import type { OutputShape, PerimeterConfig, PolicyFormat } from '../config/schema';
import { GenerationRun, generateInRun, type GeneratedPolicy } from './generate';
import { canonicalRegions, canonicalServices } from './selection';

export interface PolicyOutput {
  service: ServiceId;
  /** Set in the per-region shape. */
  region?: RegionCode;
  fileName: string;
  result: GeneratedPolicy;
}

export function policyFileName(service: string, region?: string): string {
  return region ? `${service}-${region}-endpoint-policy.json` : `${service}-endpoint-policy.json`;
}

export interface PolicyOutputOptions {
  shape?: OutputShape;
  format?: PolicyFormat;
  catalog?: Catalog;
}

/**
 * Every policy of the configuration in canonical order. In the per-region shape each endpoint
 * gets the policy of its own region; in the all-regions shape one document covers them all.
 */
export function generatePolicies(
  config: PerimeterConfig,
  options: PolicyOutputOptions = {},
): PolicyOutput[] {
  const catalog = options.catalog ?? bundledCatalog;
  const shape = options.shape ?? config.output?.shape ?? 'all-regions';
  const format = options.format ?? config.output?.format;
  const services = canonicalServices(config.services, catalog);
  const regions = canonicalRegions(config.regions, catalog);
  const outputs: PolicyOutput[] = [];
  // Services of the same shape (most of them: the default template, no pattern) share one policy.
  const run = new GenerationRun(config, catalog);
  for (const service of services) {
    if (shape === 'per-region' && regions.length > 0) {
      for (const region of regions) {
        const result = generateInRun(run, service, {
          regions: [region],
          ...(format ? { format } : {}),
        });
        outputs.push({ service, region, fileName: policyFileName(service, region), result });
      }
    } else {
      const result = generateInRun(run, service, format ? { format } : {});
      outputs.push({ service, fileName: policyFileName(service), result });
    }
  }
  return outputs;
}
