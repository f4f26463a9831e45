/** Which catalog service an endpoint belongs to, when a service is another name of its endpoint. */
import type { Catalog } from './catalog';
import type { ServiceId } from './ids';

/**
 * The service whose endpoint `serviceId` is: itself, or the service it is another name of
 * (docdb is the rds endpoint, ses and sesv2 the email endpoint).
 */
export function endpointServiceId(serviceId: ServiceId, catalog: Catalog): ServiceId {
  return catalog.service(serviceId)?.endpointOf ?? serviceId;
}
