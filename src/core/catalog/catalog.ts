/**
 * The bundled catalog: statements, data access patterns, endpoint services, regions and the
 * per-region account tables, indexed for the generator, the CLI and the UI. The data is checked
 * against its schema by `catalog.test.ts`, so it is only typed here, not parsed at run time.
 */
import accountTablesFile from './data/account-tables.json';
import patternsFile from './data/patterns.json';
import regionsFile from './data/regions.json';
import servicesFile from './data/services.json';
import statementsFile from './data/statements.json';
import { buildCatalog, type Catalog, type CatalogFiles } from './catalog-index';

export { buildCatalog, type Catalog, type CatalogFiles, type Region } from './catalog-index';

/** The raw catalog files, for tests and for tools that check them. */
export const catalogFiles = {
  statements: statementsFile,
  patterns: patternsFile,
  services: servicesFile,
  regions: regionsFile,
  accountTables: accountTablesFile,
} as unknown as CatalogFiles;

/** The catalog bundled with the product. */
export const catalog: Catalog = buildCatalog(catalogFiles);
