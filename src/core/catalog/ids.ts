/**
 * Identifiers and shapes shared by the catalog, the configuration and the generator. Kept free of
 * the schema library so that the browser can use them without loading it.
 */

/** The seven statements of a data-perimeter endpoint policy, keyed by their fixed Sids, in order. */
export const STATEMENT_SIDS = [
  'AllowRequestsByOrgsIdentitiesToOrgsResources',
  'AllowRequestsByAWSServicePrincipals',
  'AllowRequestsToAWSOwnedResources',
  'AllowRequestsByOrgsIdentitiesToAWSResources',
  'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources',
  'AllowRequestsByOrgsIdentitiesToThirdPartyResources',
  'AllowRequestsByOrgsIdentitiesToAnyResources',
] as const;
export type StatementSid = (typeof STATEMENT_SIDS)[number];

export function isStatementSid(value: string): value is StatementSid {
  return (STATEMENT_SIDS as readonly string[]).includes(value);
}

/** Names of the values a statement template can take; `{{name}}` in a template is a slot. */
export const SLOT_NAMES = [
  'organizationIds',
  'actions',
  'resources',
  'resourceAccounts',
  'principalAccounts',
  'exclusionTagKey',
  'exclusionTagValue',
] as const;
export type SlotName = (typeof SLOT_NAMES)[number];

/** AWS Organizations organization id, e.g. `o-a1b2c3d4e5`. */
export const ORGANIZATION_ID_PATTERN = /^o-[a-z0-9]{10,32}$/;
/** 12-digit AWS account id. */
export const ACCOUNT_ID_PATTERN = /^\d{12}$/;
/** Region code such as `us-east-1` or `us-gov-west-1`. */
export const REGION_CODE_PATTERN = /^[a-z]{2,4}(?:-[a-z]+)+-\d+$/;

/** The endpoint policy quota: characters, whitespace included; it cannot be raised. */
export const POLICY_SIZE_LIMIT = 20_480;

/** The exclusion tag of the upstream samples. */
export const DEFAULT_EXCLUSION_TAG = { key: 'dp:exclude:resource', value: 'true' } as const;
