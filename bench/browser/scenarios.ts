/**
 * The configurations the browser benchmark opens the app with, shared by the benchmark and by the
 * reference pages' build (which shows the same policy text as the app's cold load).
 */
import type { Catalog } from '../../src/core/catalog/catalog';
import { CONFIG_VERSION, type PerimeterConfig } from '../../src/core/config/schema';
import { encodeConfigForUrl } from '../../src/core/config/share';
import { testRegionCode, testServiceId } from '../../src/core/catalog/ids.testing';

/** What a newcomer picks first: S3 in two regions for one organization (a policy of about 9 KB). */
export const newcomerConfig: PerimeterConfig = {
  version: CONFIG_VERSION,
  organizationIds: ['o-a1b2c3d4e5'],
  regions: [testRegionCode('us-east-1'), testRegionCode('eu-west-1')],
  services: [testServiceId('s3')],
};

/** The heaviest choice the form allows: every endpoint service in every region of the catalog. */
export function everythingConfig(catalog: Catalog): PerimeterConfig {
  return {
    version: CONFIG_VERSION,
    organizationIds: ['o-a1b2c3d4e5'],
    regions: catalog.regions.map((region) => region.code),
    services: catalog.services.map((service) => service.id),
  };
}

/** The app's URL for a configuration: the share-link fragment, so no saved state is needed. */
export function appUrlFor(origin: string, config: PerimeterConfig): string {
  return `${origin}/#${encodeConfigForUrl(config)}`;
}
