/**
 * Checks a well-formed configuration against the catalog: names of services, regions, patterns
 * and account tables must exist; lists should not repeat themselves.
 */
import type { Catalog } from '../catalog/catalog';
import { endpointServiceId } from '../catalog/endpoint-service';
import type { Diagnostic } from '../diagnostics';
import { catalogEndpointType } from '../deploy/endpoint-ids';
import { formatCount } from '../format';
import { formatConfigPath, type ConfigPath } from './path';
import { MAX_INVENTORY_ENDPOINTS, type PerimeterConfig } from './schema';

export interface ConfigCheckDiagnostic extends Diagnostic {
  /** The field as a path, for locating it in a text. */
  configPath?: ConfigPath;
  /** Whether the finding is about the key rather than the value. */
  atKey?: boolean;
}

/** Levenshtein distance, for "did you mean" suggestions on short names. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

export function suggest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    const score = candidate.startsWith(lower) ? 0.5 : distance(lower, candidate);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(name.length / 3))
    ? best
    : undefined;
}

export function checkConfigAgainstCatalog(
  config: PerimeterConfig,
  catalog: Catalog,
): ConfigCheckDiagnostic[] {
  const out: ConfigCheckDiagnostic[] = [];
  const add = (
    severity: Diagnostic['severity'],
    code: string,
    path: ConfigPath,
    message: string,
    hint?: string,
    atKey = false,
  ) => {
    const d: ConfigCheckDiagnostic = {
      severity,
      code,
      message,
      path: formatConfigPath(path),
      configPath: path,
      atKey,
    };
    if (hint) d.hint = hint;
    out.push(d);
  };
  const duplicates = (list: readonly string[], field: string, what: string) => {
    const seen = new Set<string>();
    list.forEach((value, i) => {
      if (seen.has(value))
        add(
          'warning',
          'config/duplicate-value',
          [field, i],
          `${what} "${value}" is listed twice in ${field}.`,
          'Remove the repeated entry.',
        );
      seen.add(value);
    });
  };

  const serviceIds = catalog.services.map((s) => s.id);
  // The endpoints the services name: other names (ses, docdb) count as their endpoint's service.
  const selected = new Set(config.services.map((id) => endpointServiceId(id, catalog)));
  config.services.forEach((id, i) => {
    const service = catalog.service(id);
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
  duplicates(config.services, 'services', 'Service');

  const regionCodes = catalog.regions.map((r) => r.code);
  config.regions.forEach((code, i) => {
    if (!catalog.region(code)) {
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
  duplicates(config.regions, 'regions', 'Region');
  duplicates(config.organizationIds, 'organizationIds', 'Organization id');
  duplicates(config.organizationAccounts ?? [], 'organizationAccounts', 'Account');

  const partitions = new Set(
    config.regions.map((r) => catalog.region(r)?.partition).filter(Boolean),
  );
  if (partitions.size > 1) {
    add(
      'info',
      'config/several-partitions',
      ['regions'],
      `The regions span ${partitions.size} partitions (${[...partitions].join(', ')}); each partition needs its own accounts and organization, so check that the organization ids fit every region.`,
    );
  }

  const patternIds = catalog.patterns.map((p) => p.id);
  for (const [id, on] of Object.entries(config.dataAccessPatterns ?? {})) {
    const pattern = catalog.pattern(id);
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
    if (!catalog.service(serviceId)) {
      const guess = suggest(serviceId, serviceIds);
      add(
        'error',
        'config/unknown-service',
        ['serviceStatements', serviceId],
        `Unknown endpoint service "${serviceId}" in serviceStatements.`,
        guess ? `Did you mean "${guess}"?` : undefined,
        true,
      );
    } else if (catalog.service(serviceId)?.endpointOf && Object.keys(toggles).length > 0) {
      const owner = catalog.service(serviceId)!.endpointOf!;
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

  const tableIds = catalog.accountTables.map((t) => t.id);
  for (const [tableId, byRegion] of Object.entries(config.parameters?.accountIds ?? {})) {
    if (!catalog.accountTable(tableId)) {
      const guess = suggest(tableId, tableIds);
      add(
        'error',
        'config/unknown-account-table',
        ['parameters', 'accountIds', tableId],
        `Unknown account table "${tableId}".`,
        guess
          ? `Did you mean "${guess}"? Tables: ${tableIds.join(', ')}.`
          : `Tables: ${tableIds.join(', ')}.`,
        true,
      );
      continue;
    }
    for (const region of Object.keys(byRegion)) {
      if (!catalog.region(region)) {
        const guess = suggest(region, regionCodes);
        add(
          'error',
          'config/unknown-region',
          ['parameters', 'accountIds', tableId, region],
          `Unknown region "${region}" in the accounts of ${tableId}.`,
          guess ? `Did you mean "${guess}"?` : undefined,
          true,
        );
      }
    }
  }

  // Bucket names belong to the patterns whose buckets AWS does not name.
  const namedPatterns = catalog.patterns.filter((p) => p.bucketNames).map((p) => p.id);
  for (const [patternId, byRegion] of Object.entries(config.parameters?.bucketNames ?? {})) {
    if (!namedPatterns.includes(patternId)) {
      const guess = suggest(patternId, namedPatterns);
      add(
        'error',
        'config/unknown-bucket-pattern',
        ['parameters', 'bucketNames', patternId],
        `"${patternId}" is not a data access pattern that takes bucket names.`,
        guess
          ? `Did you mean "${guess}"? Patterns: ${namedPatterns.join(', ')}.`
          : `Patterns: ${namedPatterns.join(', ')}.`,
        true,
      );
      continue;
    }
    for (const region of Object.keys(byRegion)) {
      if (!catalog.region(region)) {
        const guess = suggest(region, regionCodes);
        add(
          'error',
          'config/unknown-region',
          ['parameters', 'bucketNames', patternId, region],
          `Unknown region "${region}" in the bucket names of ${patternId}.`,
          guess ? `Did you mean "${guess}"?` : undefined,
          true,
        );
      }
    }
  }

  const thirdParty = [
    [
      'thirdPartyIdentitiesToThirdPartyResources',
      config.parameters?.thirdPartyIdentitiesToThirdPartyResources,
    ],
    ['orgIdentitiesToThirdPartyResources', config.parameters?.orgIdentitiesToThirdPartyResources],
  ] as const;
  for (const [name, block] of thirdParty) {
    if (!block) continue;
    for (const field of ['accounts', 'actions', 'resources'] as const) {
      const list = block[field] ?? [];
      const seen = new Set<string>();
      list.forEach((value, i) => {
        if (seen.has(value))
          add(
            'warning',
            'config/duplicate-value',
            ['parameters', name, field, i],
            `"${value}" is listed twice in parameters.${name}.${field}.`,
            'Remove the repeated entry.',
          );
        seen.add(value);
      });
    }
  }
  checkInventory(config, catalog, add);
  return out;
}

type AddDiagnostic = (
  severity: Diagnostic['severity'],
  code: string,
  path: ConfigPath,
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

function checkInventory(config: PerimeterConfig, catalog: Catalog, report: AddDiagnostic): void {
  const inventory = config.inventory;
  if (!inventory) return;
  // Thousands of endpoints may share one mistake: list a few, count the rest, and skip the
  // suggestions nobody will read (each costs a distance to every catalog name).
  const counts = new Map<string, number>();
  const wanted = (code: string) => (counts.get(code) ?? 0) < INVENTORY_FINDINGS_PER_CODE;
  const add: AddDiagnostic = (severity, code, path, message, hint, atKey) => {
    const n = (counts.get(code) ?? 0) + 1;
    counts.set(code, n);
    if (n <= INVENTORY_FINDINGS_PER_CODE) report(severity, code, path, message, hint, atKey);
  };
  const serviceIds = catalog.services.map((s) => s.id);
  // The endpoints the services name: other names (ses, docdb) count as their endpoint's service.
  const selected = new Set(config.services.map((id) => endpointServiceId(id, catalog)));
  const regionCodes = catalog.regions.map((r) => r.code);
  const firstSeen = new Map<string, string>();
  let total = 0;
  for (const [region, endpoints] of Object.entries(inventory)) {
    total += endpoints.length;
    if (!catalog.region(region)) {
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
    endpoints.forEach((endpoint, i) => {
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
      const service = catalog.service(endpoint.service);
      if (!service) {
        const short = /^(?:cn\.)?com\.amazonaws\.(?:[a-z0-9-]+\.)?(.+)$/.exec(
          endpoint.service,
        )?.[1];
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
    });
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
