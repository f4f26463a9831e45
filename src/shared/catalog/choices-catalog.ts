/**
 * The catalog as the first screen has it: statements, templates, endpoint services and regions,
 * without the explanations, patterns and account tables that load with the rest of the engine.
 * Use it to list and select; the full `catalog` of `@/core/catalog/catalog` is for everything else.
 */
import packedChoicesCatalog from 'virtual:choices-catalog';
import { buildCatalog, type Catalog, type Region } from '@/core/catalog/catalog-index';
import { unpackChoicesCatalog } from '@/core/catalog/choices-catalog';
import type { RegionCode } from '@/core/catalog/ids';
import type { EndpointService } from '@/core/catalog/schema';

export const choicesCatalog: Catalog = buildCatalog(unpackChoicesCatalog(packedChoicesCatalog));

export const SERVICE_GROUPS = [
  'Upstream sample policies',
  'With data-perimeter guidance',
  'Other PrivateLink services',
] as const;
export type ServiceGroup = (typeof SERVICE_GROUPS)[number];

/** Services with a sample policy of their own first, then those the guidance covers, then the rest. */
export function serviceGroup(service: EndpointService): ServiceGroup {
  if (service.template !== 'default') return SERVICE_GROUPS[0];
  if (service.guidance) return SERVICE_GROUPS[1];
  return SERVICE_GROUPS[2];
}

/** Services in group order, catalog order within a group, as the services field lists them. */
export const groupedServices: readonly EndpointService[] = [...choicesCatalog.services].sort(
  (a, b) =>
    SERVICE_GROUPS.indexOf(serviceGroup(a)) - SERVICE_GROUPS.indexOf(serviceGroup(b)) ||
    choicesCatalog.serviceIndex(a.id) - choicesCatalog.serviceIndex(b.id),
);

/** Regions in partition order (the catalog's partition list), catalog order within one. */
export const groupedRegions: readonly Region[] = [...choicesCatalog.regions].sort(
  (a, b) =>
    choicesCatalog.partitions.findIndex((p) => p.id === a.partition) -
      choicesCatalog.partitions.findIndex((p) => p.id === b.partition) ||
    choicesCatalog.regionIndex(a.code) - choicesCatalog.regionIndex(b.code),
);

/** Regions of the commercial partition (`aws`), for the "All commercial regions" shortcut. */
export const commercialRegions: readonly RegionCode[] = choicesCatalog.regions
  .filter((r) => r.partition === 'aws')
  .map((r) => r.code);
