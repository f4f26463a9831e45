/**
 * Identifiers and shapes shared by the catalog, the configuration and the generator. Kept free of
 * the schema library at run time (only its brand type is imported) so that the browser can use
 * them without loading it.
 */
import type { z } from 'zod';
import type { Catalog, Region } from './catalog-index';
import type { DataAccessPattern, EndpointService } from './schema';

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

/**
 * An endpoint service's short name that the catalog knows (`s3`, `ecr.api`). Text becomes one only
 * through `toServiceId`, the catalog's own data, or a configuration that passed its catalog check;
 * the engine's look-ups take nothing else. The brand is zod's, so the catalog schema brands it.
 */
export type ServiceId = string & z.core.$brand<'ServiceId'>;
/** A region code that the catalog knows (`eu-west-1`); see `ServiceId`. */
export type RegionCode = string & z.core.$brand<'RegionCode'>;
/** The id of a data access pattern that the catalog knows (`amazon-linux-2023-repositories`); see `ServiceId`. */
export type PatternId = string & z.core.$brand<'PatternId'>;

/** The id a text names, or undefined when the catalog does not know it. */
export function toServiceId(text: string, catalog: Catalog): ServiceId | undefined {
  return catalog.knownServiceId(text);
}
export function toRegionCode(text: string, catalog: Catalog): RegionCode | undefined {
  return catalog.knownRegionCode(text);
}
export function toPatternId(text: string, catalog: Catalog): PatternId | undefined {
  return catalog.knownPatternId(text);
}

/** The catalog's entry for a name in text, if it knows one: `toServiceId` and the look-up in one. */
export function serviceNamed(text: string, catalog: Catalog): EndpointService | undefined {
  const id = toServiceId(text, catalog);
  return id === undefined ? undefined : catalog.service(id);
}
export function regionNamed(text: string, catalog: Catalog): Region | undefined {
  const code = toRegionCode(text, catalog);
  return code === undefined ? undefined : catalog.region(code);
}
export function patternNamed(text: string, catalog: Catalog): DataAccessPattern | undefined {
  const id = toPatternId(text, catalog);
  return id === undefined ? undefined : catalog.pattern(id);
}

/**
 * The choices a first visit starts from: S3 in us-east-1. Named by the product, not typed by a
 * user, and needed before any catalog is loaded, so they are branded here like the catalog's own
 * data; `ids.test.ts` checks that both catalogs know them.
 */
export const STARTING_SERVICE = 's3' as ServiceId;
export const STARTING_REGION = 'us-east-1' as RegionCode;

/** The entries of a record keyed by ids, with the keys keeping their brand. */
export function idEntries<K extends string, V>(record: Readonly<Partial<Record<K, V>>>): [K, V][] {
  return Object.entries(record) as [K, V][];
}
