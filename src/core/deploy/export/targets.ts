/**
 * What an export deploys: for every chosen service and region, the policy of that region, the
 * endpoint service name, and the endpoints of the inventory that receive it.
 */
import type { Catalog } from '../../catalog/catalog';
import type { RegionCode } from '../../catalog/ids';
import type { EndpointService } from '../../catalog/schema';
import type { InventoryEndpoint, PerimeterConfig, PolicyFormat } from '../../config/schema';
import { GenerationRun, generateInRun, type GeneratedPolicy } from '../../generate/generate';
import { policyFileName } from '../../generate/outputs';
import { canonicalRegions, canonicalServices } from '../../generate/selection';
import { endpointServiceName } from '../service-names';

export interface DeploymentTarget {
  service: EndpointService;
  region: RegionCode;
  /** The policy of this service in this region. */
  policy: GeneratedPolicy;
  /** The file name of the policy, as `build --per-region --out` writes it. */
  policyFile: string;
  /** The endpoint service name in this region; undefined when no source names it. */
  serviceName?: string;
  /** Endpoints of the inventory for this service and region (possibly none). */
  endpoints: InventoryEndpoint[];
  /** Whether the inventory lists this region at all: then an empty list means "no endpoint here". */
  regionInInventory: boolean;
}

export function deploymentTargets(
  config: PerimeterConfig,
  catalog: Catalog,
  format: PolicyFormat,
): DeploymentTarget[] {
  const targets: DeploymentTarget[] = [];
  const regions = canonicalRegions(config.regions, catalog);
  const run = new GenerationRun(config, catalog);
  for (const serviceId of canonicalServices(config.services, catalog)) {
    const service = catalog.service(serviceId);
    if (!service) continue;
    for (const region of regions) {
      const policy = generateInRun(run, serviceId, { regions: [region], format });
      const target: DeploymentTarget = {
        service,
        region,
        policy,
        policyFile: policyFileName(serviceId, region),
        endpoints: (config.inventory?.[region] ?? []).filter((e) => e.service === serviceId),
        regionInInventory: config.inventory?.[region] !== undefined,
      };
      const name = endpointServiceName(service, region);
      if (name) target.serviceName = name;
      targets.push(target);
    }
  }
  return targets;
}

/** The endpoint types a target's endpoints have, or the one its service is usually reached by. */
export function targetEndpointTypes(target: DeploymentTarget): ('Interface' | 'Gateway')[] {
  const fromInventory = new Set(
    target.endpoints
      .map((e) => e.type)
      .filter((t): t is 'Interface' | 'Gateway' => t === 'Interface' || t === 'Gateway'),
  );
  if (fromInventory.size > 0) return [...fromInventory].sort();
  // S3 and DynamoDB are most often reached through their free gateway endpoints.
  return target.service.endpointTypes.includes('gateway') ? ['Gateway'] : ['Interface'];
}

/** An identifier made of letters, digits and underscores: `ecr.api` in `eu-west-1` → `ecr_api_eu_west_1`. */
export function snakeIdentifier(...parts: string[]): string {
  const joined = parts.join('_');
  const id = /[^A-Za-z0-9_]/.test(joined) ? joined.replace(/[^A-Za-z0-9_]/g, '_') : joined;
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}

/** `ecr.api` → `EcrApi`, for CloudFormation logical ids. */
export function pascalIdentifier(...parts: string[]): string {
  return parts
    .flatMap((p) => p.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/** Makes names unique by numbering repeats: two services may collapse to the same identifier. */
export function uniqueNames(): (name: string) => string {
  const used = new Map<string, number>();
  return (name) => {
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    return n === 1 ? name : `${name}${n}`;
  };
}
