/**
 * The endpoint inventory from `describe-vpc-endpoints` output: the endpoints of AWS services of
 * the catalog, per region. A region found in the output replaces that region's list (the output
 * is the whole list of a region); other regions keep theirs. What cannot be listed is said.
 */
import type { Catalog } from '../catalog/catalog';
import type { RegionCode } from '../catalog/ids';
import type { EndpointInventory, InventoryEndpoint } from '../config/schema';
import type { DeployedEndpoint } from './describe-endpoints';
import { VPC_ID_PATTERN } from '../catalog/endpoint-ids';

export interface SkippedEndpoint {
  id: string;
  reason: string;
}

export interface InventoryImport {
  inventory: EndpointInventory;
  /** Regions replaced, with how many endpoints each now lists. */
  regions: { region: RegionCode; endpoints: number }[];
  skipped: SkippedEndpoint[];
}

export function importInventory(
  endpoints: readonly DeployedEndpoint[],
  current: EndpointInventory | undefined,
  catalog: Catalog,
): InventoryImport {
  const byRegion = new Map<RegionCode, InventoryEndpoint[]>();
  const skipped: SkippedEndpoint[] = [];
  for (const endpoint of endpoints) {
    const reason = !endpoint.region
      ? 'its region is unknown'
      : endpoint.serviceKind === 'endpoint-service'
        ? 'it reaches an endpoint service of an account, not an AWS service'
        : !endpoint.service
          ? `"${endpoint.serviceName ?? '(no service name)'}" is not a service of the catalog`
          : endpoint.type !== 'Interface' && endpoint.type !== 'Gateway'
            ? `its type ${endpoint.type ?? '(none)'} does not take an AWS service's policy`
            : undefined;
    if (reason || !endpoint.region || !endpoint.service || !endpoint.type) {
      skipped.push({ id: endpoint.id, reason: reason ?? 'it is incomplete' });
      continue;
    }
    const entry: InventoryEndpoint = {
      id: endpoint.id,
      service: endpoint.service,
      type: endpoint.type,
    };
    if (endpoint.vpcId && VPC_ID_PATTERN.test(endpoint.vpcId)) entry.vpcId = endpoint.vpcId;
    if (endpoint.name) entry.name = endpoint.name;
    const list = byRegion.get(endpoint.region) ?? [];
    list.push(entry);
    byRegion.set(endpoint.region, list);
  }
  const inventory: EndpointInventory = { ...current };
  const regions: InventoryImport['regions'] = [];
  for (const region of [...byRegion.keys()].sort(
    (a, b) => catalog.regionIndex(a) - catalog.regionIndex(b),
  )) {
    const list = byRegion.get(region)!;
    inventory[region] = list;
    regions.push({ region, endpoints: list.length });
  }
  return { inventory, regions, skipped };
}
