/**
 * Checks a well-formed configuration against the catalog: names of services, regions, patterns
 * and account tables must exist; lists should not repeat themselves.
 */
import type { Catalog } from '../catalog/catalog';
import { endpointServiceId } from '../catalog/endpoint-service';
import type { Diagnostic, DiagnosticCode } from '../diagnostics';
import { catalogEndpointType } from '../catalog/endpoint-ids';
import { countOf, formatCount } from '../text/format-count';
import { formatJsonPath, type JsonPath } from '../text/json-path';
import { suggest } from '../text/suggest';
import { listInWords } from '../text/words';
import {
  MAX_INVENTORY_ENDPOINTS,
  type InventoryEndpointDocument,
  type PerimeterConfigDocument,
} from './schema';
import { SELECTION_LISTS, THIRD_PARTY_LISTS, type ListFieldName } from './list-fields';
import { patternNamed, regionNamed, serviceNamed, toRegionCode, toServiceId } from '../catalog/ids';
import { THIRD_PARTY_PARAMETERS } from '../catalog/statement-parameters';

export interface ConfigCheckDiagnostic extends Diagnostic {
  /** The field as a path, for locating it in a text. */
  configPath?: JsonPath;
  /** Whether the finding is about the key rather than the value. */
  atKey?: boolean;
}

export function checkConfigAgainstCatalog(
  config: PerimeterConfigDocument,
  catalog: Catalog,
): ConfigCheckDiagnostic[] {
  const out: ConfigCheckDiagnostic[] = [];
  const add = (
    severity: Diagnostic['severity'],
    code: DiagnosticCode,
    path: JsonPath,
    message: string,
    hint?: string,
    atKey = false,
  ) => {
    const d: ConfigCheckDiagnostic = {
      severity,
      code,
      message,
      path: formatJsonPath(path),
      configPath: path,
      atKey,
    };
    if (hint) d.hint = hint;
    out.push(d);
  };
  checkSelections(config, catalog, add);
  checkPatternsAndStatements(config, catalog, add);
  checkRegionTables(
    config.parameters?.accountIds ?? {},
    'accountIds',
    catalog.accountTables.map((t) => t.id),
    {
      code: 'config/unknown-account-table',
      message: (id) => `Unknown account table "${id}".`,
      known: 'Tables',
      regionsOf: 'the accounts of',
    },
    catalog,
    add,
  );
  // Bucket names belong to the patterns whose buckets AWS does not name.
  checkRegionTables(
    config.parameters?.bucketNames ?? {},
    'bucketNames',
    catalog.patterns.filter((p) => p.bucketNames).map((p) => p.id),
    {
      code: 'config/unknown-bucket-pattern',
      message: (id) => `"${id}" is not a data access pattern that takes bucket names.`,
      known: 'Patterns',
      regionsOf: 'the bucket names of',
    },
    catalog,
    add,
  );

  for (const name of THIRD_PARTY_PARAMETERS) {
    const block = config.parameters?.[name];
    if (!block) continue;
    for (const field of ['accounts', 'actions', 'resources'] as const)
      reportDuplicates(
        block[field] ?? [],
        ['parameters', name, field],
        THIRD_PARTY_LISTS[field],
        add,
      );
  }
  checkInventory(config, catalog, add);
  return out;
}

/**
 * A value listed more than once: one warning per value, at its first repeat, naming the field as
 * the page names it and the positions of the value (counted from 1, as the user counts them).
 */
function reportDuplicates(
  list: readonly string[],
  path: JsonPath,
  field: ListFieldName,
  add: AddDiagnostic,
): void {
  const positions = new Map<string, number[]>();
  list.forEach((value, i) => {
    const key = field.ignoreCase ? value.toLowerCase() : value;
    const seen = positions.get(key);
    if (seen) seen.push(i);
    else positions.set(key, [i]);
  });
  const repeated = [...positions.values()].filter((at) => at.length > 1);
  repeated.sort((a, b) => a[1]! - b[1]!);
  for (const at of repeated) {
    const items = listInWords(
      at.map((i) => String(i + 1)),
      'and',
      at.length,
    );
    const times = at.length === 2 ? 'twice' : countOf(at.length, 'time');
    const [first, ...others] = [...new Set(at.map((i) => list[i]!))];
    const spellings =
      others.length > 0 ? `, also written ${others.join(' and ')}: the case does not matter` : '';
    add(
      'warning',
      'config/duplicate-value',
      [...path, at[1]!],
      `${field.item} ${first!} is listed ${times} in ${field.label} (items ${items})${spellings}.`,
      'Remove the repeated entry.',
    );
  }
}

/** Selected services and regions: known to the catalog, each once, and in how many partitions. */
function checkSelections(
  config: PerimeterConfigDocument,
  catalog: Catalog,
  add: AddDiagnostic,
): void {
  const serviceIds = catalog.services.map((s) => s.id);
  config.services.forEach((id, i) => {
    const service = serviceNamed(id, catalog);
    if (!service) {
      const guess = suggest(id, serviceIds);
      add(
        'error',
        'config/unknown-service',
        ['services', i],
        `Unknown endpoint service "${id}".`,
        guess
          ? `Did you mean "${guess}"? Run "vpce-policy catalog" for the list.`
          : 'Run "vpce-policy catalog" for the list of endpoint services.',
      );
    } else if (service.endpointOf) {
      const owner = catalog.service(service.endpointOf);
      add(
        'info',
        'config/service-other-name',
        ['services', i],
        `"${id}" is another name of the ${service.endpointOf} endpoint (${owner?.serviceName?.replace('{region}', '<region>') ?? service.endpointOf}): it gets the ${service.endpointOf} policy, one policy for the one endpoint.`,
        `List "${service.endpointOf}" instead to say what is deployed.`,
      );
    }
  });
  reportDuplicates(config.services, ['services'], SELECTION_LISTS.services, add);

  const regionCodes = catalog.regions.map((r) => r.code);
  config.regions.forEach((code, i) => {
    if (!toRegionCode(code, catalog)) {
      const guess = suggest(code, regionCodes);
      add(
        'error',
        'config/unknown-region',
        ['regions', i],
        `Unknown region "${code}".`,
        guess ? `Did you mean "${guess}"?` : `Known regions: ${regionCodes.join(', ')}.`,
      );
    }
  });
  reportDuplicates(config.regions, ['regions'], SELECTION_LISTS.regions, add);
  reportDuplicates(
    config.organizationIds,
    ['organizationIds'],
    SELECTION_LISTS.organizationIds,
    add,
  );
  reportDuplicates(
    config.organizationAccounts ?? [],
    ['organizationAccounts'],
    SELECTION_LISTS.organizationAccounts,
    add,
  );

  const partitions = new Set(
    config.regions.map((r) => regionNamed(r, catalog)?.partition).filter(Boolean),
  );
  if (partitions.size > 1) {
    add(
      'info',
      'config/several-partitions',
      ['regions'],
      `The regions span ${partitions.size} partitions (${[...partitions].join(', ')}); each partition needs its own accounts and organization, so check that the organization ids fit every region.`,
    );
  }
}

/** Data access patterns and per-service statement settings: known, and about selected services. */
function checkPatternsAndStatements(
  config: PerimeterConfigDocument,
  catalog: Catalog,
  add: AddDiagnostic,
): void {
  const selected = selectedEndpoints(config, catalog);
  const serviceIds = catalog.services.map((s) => s.id);
  const patternIds = catalog.patterns.map((p) => p.id);
  for (const [id, on] of Object.entries(config.dataAccessPatterns ?? {})) {
    const pattern = patternNamed(id, catalog);
    if (!pattern) {
      const guess = suggest(id, patternIds);
      add(
        'error',
        'config/unknown-pattern',
        ['dataAccessPatterns', id],
        `Unknown data access pattern "${id}".`,
        guess
          ? `Did you mean "${guess}"?`
          : 'Run "vpce-policy catalog" for the list of data access patterns.',
        true,
      );
    } else if (on && config.services.length > 0 && !pattern.services.some((s) => selected.has(s))) {
      add(
        'info',
        'config/pattern-without-service',
        ['dataAccessPatterns', id],
        `The data access pattern "${id}" concerns ${pattern.services.join(', ')}, which is not among the selected services, so it has no effect.`,
        undefined,
        true,
      );
    }
  }

  for (const [serviceId, toggles] of Object.entries(config.serviceStatements ?? {})) {
    const service = serviceNamed(serviceId, catalog);
    if (!service) {
      const guess = suggest(serviceId, serviceIds);
      add(
        'error',
        'config/unknown-service',
        ['serviceStatements', serviceId],
        `Unknown endpoint service "${serviceId}" in serviceStatements.`,
        guess ? `Did you mean "${guess}"?` : undefined,
        true,
      );
    } else if (service.endpointOf && Object.keys(toggles).length > 0) {
      const owner = service.endpointOf;
      add(
        'warning',
        'config/settings-for-other-name',
        ['serviceStatements', serviceId],
        `Statement settings for "${serviceId}" have no effect: it is another name of the ${owner} endpoint, whose policy follows the settings for "${owner}".`,
        `Move these settings under serviceStatements.${owner}.`,
        true,
      );
    } else if (!selected.has(serviceId) && Object.keys(toggles).length > 0) {
      add(
        'info',
        'config/settings-for-unselected-service',
        ['serviceStatements', serviceId],
        `Statement settings for "${serviceId}" have no effect: the service is not selected.`,
        undefined,
        true,
      );
    }
  }
}

/**
 * A parameter table keyed by an id, then by region (account tables, bucket names): each id one
 * that takes such a table, each region one the catalog knows.
 */
function checkRegionTables(
  tables: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  field: 'accountIds' | 'bucketNames',
  ids: readonly string[],
  unknownId: {
    code: DiagnosticCode;
    message: (id: string) => string;
    known: string;
    regionsOf: string;
  },
  catalog: Catalog,
  add: AddDiagnostic,
): void {
  for (const [id, byRegion] of Object.entries(tables)) {
    if (!ids.includes(id)) {
      const guess = suggest(id, ids);
      const list = `${unknownId.known}: ${ids.join(', ')}.`;
      add(
        'error',
        unknownId.code,
        ['parameters', field, id],
        unknownId.message(id),
        guess ? `Did you mean "${guess}"? ${list}` : list,
        true,
      );
      continue;
    }
    for (const region of Object.keys(byRegion)) {
      if (toRegionCode(region, catalog)) continue;
      const guess = suggest(
        region,
        catalog.regions.map((r) => r.code),
      );
      add(
        'error',
        'config/unknown-region',
        ['parameters', field, id, region],
        `Unknown region "${region}" in ${unknownId.regionsOf} ${id}.`,
        guess ? `Did you mean "${guess}"?` : undefined,
        true,
      );
    }
  }
}

type AddDiagnostic = (
  severity: Diagnostic['severity'],
  code: DiagnosticCode,
  path: JsonPath,
  message: string,
  hint?: string,
  atKey?: boolean,
) => void;

/**
 * The endpoint inventory: known regions and services, endpoint types the service offers, each id
 * once, and endpoints that no policy of the design reaches.
 */
/** Findings of one kind reported one by one; past this, they are counted in one more finding. */
const INVENTORY_FINDINGS_PER_CODE = 20;

function checkInventory(
  config: PerimeterConfigDocument,
  catalog: Catalog,
  report: AddDiagnostic,
): void {
  const inventory = config.inventory;
  if (!inventory) return;
  // Thousands of endpoints may share one mistake: list a few, count the rest, and skip the
  // suggestions nobody will read (each costs a distance to every catalog name).
  const counts = new Map<DiagnosticCode, number>();
  const wanted = (code: DiagnosticCode) => (counts.get(code) ?? 0) < INVENTORY_FINDINGS_PER_CODE;
  const add: AddDiagnostic = (severity, code, path, message, hint, atKey) => {
    const n = (counts.get(code) ?? 0) + 1;
    counts.set(code, n);
    if (n <= INVENTORY_FINDINGS_PER_CODE) report(severity, code, path, message, hint, atKey);
  };
  const serviceIds = catalog.services.map((s) => s.id);
  const selected = selectedEndpoints(config, catalog);
  const regionCodes = catalog.regions.map((r) => r.code);
  const firstSeen = new Map<string, string>();
  let total = 0;
  for (const [region, endpoints] of Object.entries(inventory)) {
    total += endpoints.length;
    if (!toRegionCode(region, catalog)) {
      const guess = wanted('config/unknown-region') ? suggest(region, regionCodes) : undefined;
      add(
        'error',
        'config/unknown-region',
        ['inventory', region],
        `Unknown region "${region}" in the endpoint inventory.`,
        guess ? `Did you mean "${guess}"?` : undefined,
        true,
      );
    } else if (!config.regions.includes(region) && endpoints.length > 0) {
      add(
        'warning',
        'inventory/region-not-designed',
        ['inventory', region],
        `The inventory lists endpoints in ${region}, which is not among the chosen regions: no policy is exported for them.`,
        `Add ${region} to the regions, or remove its endpoints from the inventory.`,
        true,
      );
    }
    endpoints.forEach((endpoint, i) =>
      checkInventoryEndpoint(endpoint, region, i, {
        catalog,
        selected,
        serviceIds,
        firstSeen,
        add,
        wanted,
      }),
    );
  }
  for (const [code, n] of counts) {
    if (n <= INVENTORY_FINDINGS_PER_CODE) continue;
    report(
      code === 'inventory/service-not-designed' || code === 'inventory/region-not-designed'
        ? 'warning'
        : 'error',
      code,
      ['inventory'],
      `${formatCount(n - INVENTORY_FINDINGS_PER_CODE)} more endpoints of the inventory have the same problem (${code}).`,
    );
  }
  if (total > MAX_INVENTORY_ENDPOINTS) {
    add(
      'error',
      'inventory/too-many-endpoints',
      ['inventory'],
      `The inventory lists ${formatCount(total)} endpoints; the limit is ${formatCount(MAX_INVENTORY_ENDPOINTS)}.`,
      'Split the perimeter into several configurations, for example one per account or organizational unit.',
    );
  }
}

/** What the check of one inventory endpoint reads and writes, shared by all of them. */
interface InventoryCheck {
  catalog: Catalog;
  /** The endpoint services of the design (other names counted as their endpoint). */
  selected: ReadonlySet<string>;
  serviceIds: readonly string[];
  /** Where each endpoint id was first listed. */
  firstSeen: Map<string, string>;
  add: AddDiagnostic;
  /** Whether a finding of this code is still listed (suggestions are skipped once it is not). */
  wanted: (code: DiagnosticCode) => boolean;
}

/** One endpoint of the inventory: listed once, a known service, a type it offers, designed. */
function checkInventoryEndpoint(
  endpoint: InventoryEndpointDocument,
  region: string,
  i: number,
  check: InventoryCheck,
): void {
  const { catalog, selected, serviceIds, firstSeen, add, wanted } = check;
  const path = ['inventory', region, i];
  const where = `${endpoint.id} in ${region}`;
  const previous = firstSeen.get(endpoint.id);
  if (previous !== undefined) {
    add(
      'error',
      'inventory/duplicate-endpoint',
      [...path, 'id'],
      `The endpoint ${endpoint.id} is listed twice (also at ${previous}).`,
      'An endpoint has one policy: keep one entry.',
    );
  } else firstSeen.set(endpoint.id, `inventory.${region}[${i}]`);
  const service = serviceNamed(endpoint.service, catalog);
  if (!service) {
    const short = /^(?:cn\.)?com\.amazonaws\.(?:[a-z0-9-]+\.)?(.+)$/.exec(endpoint.service)?.[1];
    const guess = wanted('inventory/unknown-service')
      ? suggest(short ?? endpoint.service, serviceIds)
      : undefined;
    add(
      'error',
      'inventory/unknown-service',
      [...path, 'service'],
      `Unknown endpoint service "${endpoint.service}" for ${where}.`,
      guess
        ? `The inventory names services by their short name: did you mean "${guess}"?`
        : 'The inventory names services by their short name, as "vpce-policy catalog" lists them.',
    );
    return;
  }
  const type = catalogEndpointType(endpoint.type);
  if (!type || !service.endpointTypes.includes(type)) {
    const offered = service.endpointTypes
      .map((t) => (t === 'interface' ? 'Interface' : 'Gateway'))
      .join(' or ');
    add(
      'error',
      'inventory/endpoint-type',
      [...path, 'type'],
      `${service.title} is reached through ${offered} endpoints, not ${endpoint.type} (${where}).`,
    );
  }
  if (!selected.has(endpoint.service)) {
    add(
      'warning',
      'inventory/service-not-designed',
      [...path, 'service'],
      `${where} is an endpoint of ${endpoint.service}, which is not among the chosen services: no policy is exported for it.`,
      `Add ${endpoint.service} to the services, or remove the endpoint from the inventory.`,
    );
  }
}

/** The endpoints the services name: other names (ses, docdb) count as their endpoint's service. */
function selectedEndpoints(config: PerimeterConfigDocument, catalog: Catalog): Set<string> {
  return new Set(
    config.services.map((text) => {
      const id = toServiceId(text, catalog);
      return id ? endpointServiceId(id, catalog) : text;
    }),
  );
}
