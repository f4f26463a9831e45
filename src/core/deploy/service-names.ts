/**
 * Endpoint service names both ways: the name an endpoint of a catalog service has in a region
 * (`com.amazonaws.eu-west-1.s3`, `com.amazonaws.iam` for a global service), and the catalog service
 * behind a name that `describe-vpc-endpoints` reports, whatever its form (`com.amazonaws.*`,
 * `aws.api.*`, `aws.sagemaker.*`, FIPS names, China's `cn.com.amazonaws.*`).
 */
import type { Catalog } from '../catalog/catalog';
import { toRegionCode, type RegionCode, type ServiceId } from '../catalog/ids';
import type { EndpointService } from '../catalog/schema';

/** The service name of the endpoints of `service` in `region`; undefined when no source names it. */
export function endpointServiceName(service: EndpointService, region: string): string | undefined {
  return service.serviceName?.replace('{region}', region) ?? undefined;
}

export type ServiceNameResolution =
  /** An AWS service of the catalog; `region` is absent for a global service. */
  | { kind: 'aws-service'; service: ServiceId; region?: RegionCode }
  /** A PrivateLink endpoint service of an account (`com.amazonaws.vpce.<region>.vpce-svc-...`). */
  | { kind: 'endpoint-service'; region?: RegionCode }
  | { kind: 'unknown'; region?: RegionCode; message: string };

interface ServiceNameIndex {
  /** `prefix|suffix` around the region (`com.amazonaws.|.s3`) to the service id. */
  regional: Map<string, ServiceId>;
  /** Whole names of global services. */
  global: Map<string, ServiceId>;
}

const indexes = new WeakMap<Catalog, ServiceNameIndex>();

function indexFor(catalog: Catalog): ServiceNameIndex {
  let index = indexes.get(catalog);
  if (index) return index;
  index = { regional: new Map(), global: new Map() };
  for (const service of catalog.services) {
    const name = service.serviceName;
    if (!name) continue;
    const at = name.indexOf('{region}');
    const map = at < 0 ? index.global : index.regional;
    const key = at < 0 ? name : `${name.slice(0, at)}|${name.slice(at + '{region}'.length)}`;
    // Other names of an endpoint (docdb for rds, ses and sesv2 for email) share its name: the
    // endpoint belongs to the service they name.
    if (!service.endpointOf) map.set(key, service.id);
  }
  indexes.set(catalog, index);
  return index;
}

/** Where the region sits among the dot-separated labels of a name, if a known region is there. */
function regionLabel(labels: readonly string[], catalog: Catalog): number {
  return labels.findIndex((label) => toRegionCode(label, catalog) !== undefined);
}

/** The catalog service behind an endpoint service name, and the region in the name. */
export function resolveServiceName(name: string, catalog: Catalog): ServiceNameResolution {
  const index = indexFor(catalog);
  const global = index.global.get(name);
  if (global) return { kind: 'aws-service', service: global };
  const labels = name.split('.');
  const at = regionLabel(labels, catalog);
  const region = toRegionCode(labels[at] ?? '', catalog);
  if (region === undefined) {
    return {
      kind: 'unknown',
      message: `"${name.length > 120 ? `${name.slice(0, 117)}...` : name}" is not the name of an endpoint service of the catalog, and names no known region.`,
    };
  }
  const prefix = labels.slice(0, at).join('.');
  const rest = labels.slice(at + 1);
  if (rest[0] === 'vpce-svc' || rest[0]?.startsWith('vpce-svc-') || labels[at - 1] === 'vpce')
    return { kind: 'endpoint-service', region };
  // China names some interface endpoints `cn.com.amazonaws.<region>.<service>`, Transcribe with a
  // `.cn` suffix as well (partition-quirks.md, section 4): both map back to the catalog's name.
  const prefixes = prefix === 'cn.com.amazonaws' ? [prefix, 'com.amazonaws'] : [prefix];
  const suffixes = [rest.join('.')];
  if (region.startsWith('cn-') && rest.length > 1 && rest[rest.length - 1] === 'cn')
    suffixes.push(rest.slice(0, -1).join('.'));
  for (const p of prefixes) {
    for (const s of suffixes) {
      const service = index.regional.get(`${p}.|.${s}`);
      if (service) return { kind: 'aws-service', service, region };
    }
  }
  return {
    kind: 'unknown',
    region,
    message: `No endpoint service of the catalog is named "${name.length > 120 ? `${name.slice(0, 117)}...` : name}".`,
  };
}
