/**
 * The configuration's lists as the page names them: the field's label and what one of its items
 * is called. Messages about an item use these words, so that they read the same beside the field
 * and in the command-line tool.
 */
import type { ThirdPartyParameters } from './schema';

export interface ListFieldName {
  /** The field's label on the page. */
  label: string;
  /** One item of the list, at the start of a sentence. */
  item: string;
  /** Items that differ only in case are the same (IAM action names). */
  ignoreCase?: boolean;
}

/** The lists of the choices at the top of the page (and the organization's accounts). */
export const SELECTION_LISTS = {
  services: { label: 'Endpoint services', item: 'Service' },
  regions: { label: 'Regions', item: 'Region' },
  organizationIds: { label: 'Organization ID', item: 'Organization id' },
  organizationAccounts: { label: "the organization's accounts", item: 'Account' },
} as const satisfies Record<string, ListFieldName>;

/** The lists of a third-party statement's parameters. */
export const THIRD_PARTY_LISTS = {
  accounts: { label: 'Third-party account ids', item: 'Account' },
  actions: { label: 'Actions', item: 'Action', ignoreCase: true },
  resources: { label: 'Resource ARNs', item: 'Resource ARN' },
} as const satisfies Record<keyof ThirdPartyParameters, ListFieldName>;
