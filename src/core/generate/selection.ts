/** Which statements and data access patterns a configuration turns on for one endpoint service. */
import type { Catalog } from '../catalog/catalog';
import { endpointServiceId } from '../catalog/endpoint-service';
import { STATEMENT_SIDS, type RegionCode, type ServiceId, type StatementSid } from '../catalog/ids';
import type { DataAccessPattern } from '../catalog/schema';
import type { PerimeterConfig } from '../config/schema';

/**
 * A statement is on when the per-service toggle says so, else the global toggle, else the
 * service's template (the default one without a service). Returned in catalog order.
 */
export function selectedStatements(
  config: PerimeterConfig,
  serviceId: ServiceId | undefined,
  catalog: Catalog,
): StatementSid[] {
  const service = serviceId === undefined ? undefined : catalog.service(serviceId);
  const template = catalog.template(service?.template ?? 'default') ?? catalog.template('default');
  const defaults = new Set<string>(template?.statements ?? []);
  const perService = serviceId === undefined ? undefined : config.serviceStatements?.[serviceId];
  return STATEMENT_SIDS.filter(
    (sid) => perService?.[sid] ?? config.statements?.[sid] ?? defaults.has(sid),
  );
}

/** Whether the template of the service (the default one without a service) turns the statement on. */
export function isTemplateStatement(
  serviceId: ServiceId | undefined,
  sid: StatementSid,
  catalog: Catalog,
): boolean {
  const service = serviceId === undefined ? undefined : catalog.service(serviceId);
  const template = catalog.template(service?.template ?? 'default');
  return template?.statements.includes(sid) ?? false;
}

/** Data access patterns of the service that are on: the user's toggle, else the catalog default. */
export function selectedPatterns(
  config: PerimeterConfig,
  serviceId: ServiceId,
  catalog: Catalog,
): DataAccessPattern[] {
  return catalog
    .patternsForService(serviceId)
    .filter((p) => config.dataAccessPatterns?.[p.id] ?? p.defaultSelected);
}

/** Regions of the configuration that the catalog knows, in canonical (catalog) order, without repeats. */
export function canonicalRegions(regions: readonly RegionCode[], catalog: Catalog): RegionCode[] {
  return [...new Set(regions)]
    .filter((r) => catalog.region(r))
    .sort((a, b) => catalog.regionIndex(a) - catalog.regionIndex(b));
}

/**
 * Endpoint services of the configuration in canonical (catalog) order, without repeats: a service
 * named by another name of its endpoint counts once, under the endpoint's own id, so that one
 * endpoint never gets two policies.
 */
export function canonicalServices(services: readonly ServiceId[], catalog: Catalog): ServiceId[] {
  return [...new Set(services.map((id) => endpointServiceId(id, catalog)))].sort(
    (a, b) => catalog.serviceIndex(a) - catalog.serviceIndex(b) || a.localeCompare(b),
  );
}
