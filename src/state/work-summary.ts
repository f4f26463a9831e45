/**
 * What a configuration holds, in the page's words, one line per kind of choice: what a reset or
 * an import would discard, listed before the user confirms. Pure; reads only the configuration.
 */
import type { PerimeterConfig } from '@/core/config/schema';

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/** The first few items of a list, then how many more. */
function listed(items: readonly string[], shown = 5): string {
  return items.length > shown
    ? `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`
    : items.join(', ');
}

export function describeWork(config: PerimeterConfig): string[] {
  const lines: string[] = [];
  lines.push(
    config.services.length > 0
      ? `Endpoint services: ${listed(config.services)}`
      : 'No endpoint service',
  );
  lines.push(config.regions.length > 0 ? `Regions: ${listed(config.regions)}` : 'No region');
  if (config.organizationIds.length > 0)
    lines.push(`Organization ID: ${listed(config.organizationIds)}`);
  const everyService = Object.keys(config.statements ?? {}).length;
  const perService = Object.values(config.serviceStatements ?? {}).reduce(
    (sum, toggles) => sum + Object.keys(toggles).length,
    0,
  );
  if (everyService + perService > 0)
    lines.push(
      `Statement switches: ${[
        everyService > 0 ? `${plural(everyService, 'setting')} for every service` : '',
        perService > 0 ? `${plural(perService, 'setting')} for one service` : '',
      ]
        .filter(Boolean)
        .join(', ')}`,
    );
  const patterns = Object.keys(config.dataAccessPatterns ?? {}).length;
  if (patterns > 0) lines.push(`Data access patterns: ${plural(patterns, 'setting')}`);
  const parameters = config.parameters ?? {};
  const thirdParty = [
    parameters.thirdPartyIdentitiesToThirdPartyResources,
    parameters.orgIdentitiesToThirdPartyResources,
  ].reduce(
    (sum, block) =>
      sum +
      (block?.accounts?.length ?? 0) +
      (block?.actions?.length ?? 0) +
      (block?.resources?.length ?? 0),
    0,
  );
  if (thirdParty > 0) lines.push(`Third-party lists: ${plural(thirdParty, 'value')}`);
  const accounts = Object.values(parameters.accountIds ?? {}).reduce(
    (sum, byRegion) => sum + Object.keys(byRegion).length,
    0,
  );
  if (accounts > 0) lines.push(`Account ids of your own: ${plural(accounts, 'region')}`);
  if (parameters.lambdaLayerAccounts?.length)
    lines.push(`Lambda layer publisher accounts: ${parameters.lambdaLayerAccounts.length}`);
  if (parameters.exclusionTag)
    lines.push(`Exclusion tag: ${parameters.exclusionTag.key} = ${parameters.exclusionTag.value}`);
  if (config.output?.shape || config.output?.format)
    lines.push(
      `Output: ${[
        config.output.shape === 'per-region' ? 'one policy per region' : '',
        config.output.format ?? '',
      ]
        .filter(Boolean)
        .join(', ')}`,
    );
  const saved = config.savedRequests?.length ?? 0;
  if (saved > 0) lines.push(`Saved requests of the request simulator: ${saved}`);
  return lines;
}
