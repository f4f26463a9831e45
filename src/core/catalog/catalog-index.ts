/**
 * The catalog indexer: turns the catalog files into the lookups the generator, the CLI and the UI
 * use. Kept apart from the bundled data (catalog.ts) so that code which only indexes a part of
 * the catalog (the browser's first screen) can be bundled without the data.
 */
import type { PatternId, RegionCode, ServiceId, StatementSid } from './ids';
import type {
  AccountTable,
  CatalogStatement,
  DataAccessPattern,
  EndpointService,
  Partition,
  RegionEntry,
  ServiceTemplate,
  Source,
} from './schema';

/** A region with the facts of its partition resolved. */
export interface Region extends RegionEntry {
  dnsSuffix: string;
  /** The region code without dashes, as in `cloudformation-custom-resource-response-uswest2`. */
  noDashes: string;
  partitionName: string;
}

/** The raw content of the catalog files, as they are on disk. */
export interface CatalogFiles {
  statements: { statements: CatalogStatement[] };
  patterns: { patterns: DataAccessPattern[] };
  services: {
    sources: Record<string, Source>;
    templates: ServiceTemplate[];
    services: EndpointService[];
  };
  regions: { partitions: Partition[]; regions: RegionEntry[]; sources: Source[] };
  accountTables: { tables: AccountTable[] };
}

export interface Catalog {
  readonly statements: readonly CatalogStatement[];
  readonly patterns: readonly DataAccessPattern[];
  readonly services: readonly EndpointService[];
  readonly templates: readonly ServiceTemplate[];
  readonly regions: readonly Region[];
  readonly partitions: readonly Partition[];
  readonly accountTables: readonly AccountTable[];
  /** Sources shared by services, by key. */
  readonly serviceSources: Readonly<Record<string, Source>>;
  readonly regionSources: readonly Source[];
  statement(sid: StatementSid): CatalogStatement;
  pattern(id: PatternId): DataAccessPattern | undefined;
  service(id: ServiceId): EndpointService | undefined;
  template(id: string): ServiceTemplate | undefined;
  region(code: RegionCode): Region | undefined;
  accountTable(id: string): AccountTable | undefined;
  /** Data access patterns that concern an endpoint service, in catalog order. */
  patternsForService(serviceId: ServiceId): readonly DataAccessPattern[];
  /** Position of a region in the canonical order (catalog order). */
  regionIndex(code: RegionCode): number;
  serviceIndex(id: ServiceId): number;
  patternIndex(id: PatternId): number;
  /** The catalog's own id for a text, when it knows one: how `toServiceId` and the like check text. */
  knownServiceId(text: string): ServiceId | undefined;
  knownRegionCode(text: string): RegionCode | undefined;
  knownPatternId(text: string): PatternId | undefined;
}

function indexBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) map.set(key(item), item);
  return map;
}

function positions<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const map = new Map<string, number>();
  items.forEach((item, i) => map.set(key(item), i));
  return map;
}

export function buildCatalog(files: CatalogFiles): Catalog {
  const statements = [...files.statements.statements].sort((a, b) => a.order - b.order);
  const partitionsById = indexBy(files.regions.partitions, (p) => p.id);
  const regions: Region[] = files.regions.regions.map((r) => {
    const partition = partitionsById.get(r.partition);
    return {
      ...r,
      dnsSuffix: partition?.dnsSuffix ?? 'amazonaws.com',
      partitionName: partition?.name ?? r.partition,
      noDashes: r.code.replaceAll('-', ''),
    };
  });
  const statementsBySid = indexBy(statements, (s) => s.sid);
  const patternsById = indexBy(files.patterns.patterns, (p) => p.id);
  const servicesById = indexBy(files.services.services, (s) => s.id);
  const templatesById = indexBy(files.services.templates, (t) => t.id);
  const regionsByCode = indexBy(regions, (r) => r.code);
  const tablesById = indexBy(files.accountTables.tables, (t) => t.id);
  const regionPos = positions(regions, (r) => r.code);
  const servicePos = positions(files.services.services, (s) => s.id);
  const patternPos = positions(files.patterns.patterns, (p) => p.id);
  const patternsByService = new Map<string, DataAccessPattern[]>();
  for (const pattern of files.patterns.patterns) {
    for (const service of pattern.services) {
      const list = patternsByService.get(service) ?? [];
      list.push(pattern);
      patternsByService.set(service, list);
    }
  }
  return {
    statements,
    patterns: files.patterns.patterns,
    services: files.services.services,
    templates: files.services.templates,
    regions,
    partitions: files.regions.partitions,
    accountTables: files.accountTables.tables,
    serviceSources: files.services.sources,
    regionSources: files.regions.sources,
    statement(sid) {
      const statement = statementsBySid.get(sid);
      if (!statement) throw new Error(`the catalog has no statement ${sid}`);
      return statement;
    },
    pattern: (id) => patternsById.get(id),
    service: (id) => servicesById.get(id),
    template: (id) => templatesById.get(id),
    region: (code) => regionsByCode.get(code),
    accountTable: (id) => tablesById.get(id),
    patternsForService: (serviceId) => patternsByService.get(serviceId) ?? [],
    regionIndex: (code) => regionPos.get(code) ?? Number.MAX_SAFE_INTEGER,
    serviceIndex: (id) => servicePos.get(id) ?? Number.MAX_SAFE_INTEGER,
    patternIndex: (id) => patternPos.get(id) ?? Number.MAX_SAFE_INTEGER,
    knownServiceId: (text) => servicesById.get(text)?.id,
    knownRegionCode: (text) => regionsByCode.get(text)?.code,
    knownPatternId: (text) => patternsById.get(text)?.id,
  };
}
