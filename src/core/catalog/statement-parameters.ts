/**
 * Reading a catalog statement by the parameters it declares and the slots its templates use, so
 * that the generator, recognition and the lints ask the catalog about a statement instead of
 * naming its Sid.
 */
import { SLOT_NAMES, type SlotName } from './ids';
import type { CatalogStatement, ParameterName, StatementTemplate } from './schema';

/** Parameters that list a third party's accounts, actions and resources. */
export const THIRD_PARTY_PARAMETERS = [
  'thirdPartyIdentitiesToThirdPartyResources',
  'orgIdentitiesToThirdPartyResources',
] as const satisfies readonly ParameterName[];
export type ThirdPartyParameter = (typeof THIRD_PARTY_PARAMETERS)[number];

export function isThirdPartyParameter(name: ParameterName): name is ThirdPartyParameter {
  return (THIRD_PARTY_PARAMETERS as readonly string[]).includes(name);
}

/** The third-party parameter a statement declares, if any. */
export function thirdPartyParameterOf(
  statement: Pick<CatalogStatement, 'parameters'>,
): ThirdPartyParameter | undefined {
  return statement.parameters.find(isThirdPartyParameter);
}

/** Whether the statement declares the parameter. */
export function declares(
  statement: Pick<CatalogStatement, 'parameters'>,
  parameter: ParameterName,
): boolean {
  return statement.parameters.includes(parameter);
}

const SLOT_MARKER = /\{\{(\w+)\}\}/g;

/** The `{{slots}}` a statement template uses, in keys and values. */
export function templateSlots(template: StatementTemplate): Set<SlotName> {
  const out = new Set<SlotName>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(SLOT_MARKER))
        if ((SLOT_NAMES as readonly string[]).includes(match[1]!)) out.add(match[1] as SlotName);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) {
        visit(key);
        visit(item);
      }
  };
  visit(template);
  return out;
}

/**
 * Whether a statement admits identities of a third party (its template names the principal's
 * account), as opposed to our identities reaching a third party's resources.
 */
export function admitsThirdPartyIdentities(statement: CatalogStatement): boolean {
  return Object.values(statement.templates).some(
    (template) => template !== undefined && templateSlots(template).has('principalAccounts'),
  );
}
