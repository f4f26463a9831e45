/**
 * Which account ids the user has to supply: for the selected data access patterns whose resources
 * carry a per-region account from a table, the selected regions the table does not cover, and the
 * regions where the user set an account of their own. Catalog lookups only; the generator reports
 * the same gaps as `generate/missing-account`.
 */
import type { Catalog } from '@/core/catalog/catalog';
import type { RegionCode, StatementSid } from '@/core/catalog/ids';
import type { AccountTable, DataAccessPattern } from '@/core/catalog/schema';
import type { PerimeterConfig } from '@/core/config/schema';
import { canonicalRegions, canonicalServices, selectedPatterns } from '@/core/generate/selection';

export interface RegionAccount {
  region: RegionCode;
  /** Accounts the table holds for the region. */
  known: readonly string[] | undefined;
  /** Accounts the user set for the region. */
  own: readonly string[] | undefined;
}

export interface AccountNeed {
  table: AccountTable;
  /** Selected patterns that take their account from the table. */
  patterns: DataAccessPattern[];
  /** Selected regions without an account in the table and without one of the user's. */
  missing: string[];
  /** Selected regions, with what the table and the user have for each. */
  regions: RegionAccount[];
}

/** The selected patterns of the selected services that feed a statement, each once, in catalog order. */
export function selectedPatternsOfStatement(
  config: PerimeterConfig,
  sid: StatementSid,
  catalog: Catalog,
): DataAccessPattern[] {
  const seen = new Map<string, DataAccessPattern>();
  for (const service of canonicalServices(config.services, catalog)) {
    for (const pattern of selectedPatterns(config, service, catalog))
      if (pattern.statement === sid) seen.set(pattern.id, pattern);
  }
  return [...seen.values()].sort((a, b) => catalog.patternIndex(a.id) - catalog.patternIndex(b.id));
}

export function accountNeeds(
  config: PerimeterConfig,
  sid: StatementSid,
  catalog: Catalog,
): AccountNeed[] {
  const byTable = new Map<string, DataAccessPattern[]>();
  for (const pattern of selectedPatternsOfStatement(config, sid, catalog)) {
    const source = pattern.accounts;
    if (!source || !('table' in source)) continue;
    byTable.set(source.table, [...(byTable.get(source.table) ?? []), pattern]);
  }
  const regions = canonicalRegions(config.regions, catalog);
  const needs: AccountNeed[] = [];
  for (const [tableId, patterns] of byTable) {
    const table = catalog.accountTable(tableId);
    if (!table) continue;
    const rows = regions.map((region) => {
      const own = config.parameters?.accountIds?.[tableId]?.[region];
      return {
        region,
        known: table.accounts[region],
        own: own === undefined ? undefined : typeof own === 'string' ? [own] : own,
      };
    });
    needs.push({
      table,
      patterns,
      regions: rows,
      missing: rows.filter((r) => !r.known && !r.own).map((r) => r.region),
    });
  }
  return needs;
}

export interface BucketNameNeed {
  pattern: DataAccessPattern;
  /** Selected regions, with the names the user set for each. */
  regions: { region: RegionCode; own: readonly string[] | undefined }[];
  /** Selected regions without a name. */
  missing: string[];
}

/** Selected patterns of a statement whose buckets AWS does not name, with what the user has filled. */
export function bucketNameNeeds(
  config: PerimeterConfig,
  sid: StatementSid,
  catalog: Catalog,
): BucketNameNeed[] {
  const regions = canonicalRegions(config.regions, catalog);
  return selectedPatternsOfStatement(config, sid, catalog)
    .filter((pattern) => pattern.bucketNames)
    .map((pattern) => {
      const rows = regions.map((region) => {
        const own = config.parameters?.bucketNames?.[pattern.id]?.[region];
        return {
          region,
          own: own === undefined ? undefined : typeof own === 'string' ? [own] : own,
        };
      });
      return { pattern, regions: rows, missing: rows.filter((r) => !r.own).map((r) => r.region) };
    });
}
