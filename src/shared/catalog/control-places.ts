/**
 * Which control of the page edits a configuration path, in the words the page shows: a finding
 * about `parameters.orgIdentitiesToThirdPartyResources.accounts` is about the field "Third-party
 * account ids" under the statement "Our identities to trusted third-party resources". Used to
 * name what is left to fill and to move the focus there.
 */
import type { Catalog } from '@/core/catalog/catalog-index';
import type { StatementSid } from '@/core/catalog/ids';
import { SELECTION_LISTS, THIRD_PARTY_LISTS } from '@/core/config/list-fields';

export interface ControlPlace {
  /** The control's label, as the page shows it. */
  label: string;
  /** The statement whose details hold the control, when it is one of its parameters. */
  statement?: StatementSid;
  /** The statement's title, for "under …". */
  statementTitle?: string;
}

function statementPlace(
  catalog: Catalog,
  sid: StatementSid | undefined,
  label: string,
): ControlPlace {
  const statement = sid ? catalog.statements.find((s) => s.sid === sid) : undefined;
  return statement
    ? { label, statement: statement.sid, statementTitle: statement.title }
    : { label };
}

/** The statement that takes a parameter, as the catalog declares it. */
const statementTaking = (catalog: Catalog, parameter: string) =>
  catalog.statements.find((s) => (s.parameters as readonly string[]).includes(parameter))?.sid;

/** The control of a configuration path, or undefined for a path no control edits. */
export function controlPlace(path: string, catalog: Catalog): ControlPlace | undefined {
  const [head, block, field, ...rest] = path.split('.');
  if (head === 'organizationIds' || path.startsWith('organizationIds['))
    return { label: SELECTION_LISTS.organizationIds.label };
  if (head === 'regions' || path.startsWith('regions['))
    return { label: SELECTION_LISTS.regions.label };
  if (head === 'services' || path.startsWith('services['))
    return { label: SELECTION_LISTS.services.label };
  if (head === 'statements' && block !== undefined && rest.length === 0 && field === undefined) {
    const statement = catalog.statements.find((s) => s.sid === block);
    return statement && { label: `Switch “${statement.title}”` };
  }
  if (head === 'dataAccessPatterns' && block !== undefined && field === undefined) {
    const pattern = catalog.patterns.find((p) => p.id === block);
    return pattern && statementPlace(catalog, pattern.statement, `Pattern “${pattern.title}”`);
  }
  if (head !== 'parameters' || block === undefined) return undefined;
  if (
    block === 'thirdPartyIdentitiesToThirdPartyResources' ||
    block === 'orgIdentitiesToThirdPartyResources'
  ) {
    const label =
      field !== undefined && Object.hasOwn(THIRD_PARTY_LISTS, field)
        ? THIRD_PARTY_LISTS[field as keyof typeof THIRD_PARTY_LISTS].label
        : undefined;
    return statementPlace(catalog, statementTaking(catalog, block), label ?? 'Third-party lists');
  }
  if (block === 'exclusionTag')
    return statementPlace(
      catalog,
      statementTaking(catalog, block),
      field === 'value' ? 'Exclusion tag value' : 'Exclusion tag key',
    );
  if (block === 'lambdaLayerAccounts') {
    const pattern = catalog.patterns.find((p) => p.accounts && 'parameter' in p.accounts);
    return statementPlace(catalog, pattern?.statement, 'Lambda layer publisher accounts');
  }
  if (block === 'accountIds' && field !== undefined) {
    const region = rest[0];
    const pattern = catalog.patterns.find(
      (p) => p.accounts && 'table' in p.accounts && p.accounts.table === field,
    );
    const table = catalog.accountTable(field);
    const label = region ? `${region} account` : 'Accounts';
    return statementPlace(
      catalog,
      pattern?.statement,
      table ? `${label} of ${table.title}` : label,
    );
  }
  return undefined;
}

/** The place in words: `Actions, under "Trusted third parties to their own resources"`. */
export function describeControlPlace(place: ControlPlace): string {
  return place.statementTitle ? `${place.label}, under “${place.statementTitle}”` : place.label;
}

/** The control of a configuration path in words, or the path itself where no control edits it. */
export function describePath(path: string, catalog: Catalog): string {
  const place = controlPlace(path, catalog);
  return place ? describeControlPlace(place) : path;
}
