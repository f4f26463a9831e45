/**
 * Shapes of the identifiers a policy holds: ARNs and their fields, account and organization ids,
 * VPC ids, and the `<placeholders>` the upstream samples leave for the user to fill.
 */
import type { Catalog, Region } from '../catalog/catalog';

/** `<my-org-id>`, `<region>`, `<CodeArtifact-Region-Account>`: a value still to be filled. */
export const PLACEHOLDER_PATTERN = /<[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}>/g;

export function hasPlaceholder(value: string): boolean {
  return value.includes('<') && new RegExp(PLACEHOLDER_PATTERN.source).test(value);
}

export const hasWildcard = (value: string): boolean => value.includes('*') || value.includes('?');

/** Partitions an ARN may name (the isolated ones too, which the catalog does not cover). */
export const ARN_PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-eusc', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f'] as const;

export interface ArnFields {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Splits `arn:partition:service:region:account:resource`; the resource keeps any further colons. */
export function splitArn(value: string): ArnFields | undefined {
  if (!value.startsWith('arn:')) return undefined;
  const parts = value.split(':');
  if (parts.length < 6) return undefined;
  return { partition: parts[1]!, service: parts[2]!, region: parts[3]!, account: parts[4]!, resource: parts.slice(5).join(':') };
}

/** A VPC id (`vpc-0abc...`), as aws:SourceVpc holds it. */
export const VPC_ID_PATTERN = /^vpc-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;
/** A VPC endpoint id (`vpce-0abc...`), as aws:SourceVpce holds it. */
export const VPC_ENDPOINT_ID_PATTERN = /^vpce-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;
/** An organization path: `o-.../r-.../ou-.../`, possibly ending in a wildcard. */
export const ORGANIZATION_PATH_PATTERN = /^(?:o-[a-z0-9]{10,32}|\*)\/(?:[a-z0-9*?-]+\/)*[a-z0-9*?-]*$/;
/** An AWS service principal such as `cloudformation.amazonaws.com`. */
export const SERVICE_PRINCIPAL_PATTERN = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(?:\.cn)?$/;
/** IAM unique ids (`AROA...`, `AIDA...`) that AWS shows in place of a deleted principal's ARN. */
export const UNIQUE_ID_PATTERN = /^A[A-Z0-9]{15,127}$/;

const IPV4_CIDR = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\/(?:3[0-2]|[12]?\d))?$/;
const IPV6_CIDR = /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*(?:\/(?:12[0-8]|1[01]\d|[1-9]?\d))?$/;

export function isIpAddressOrCidr(value: string): boolean {
  return IPV4_CIDR.test(value) || (value.includes(':') && IPV6_CIDR.test(value));
}

/** ISO 8601 dates and times (`2026-01-31`, `2026-01-31T12:00:00Z`) or epoch seconds. */
export function isPolicyDate(value: string): boolean {
  return /^\d{1,12}$/.test(value) || (/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value) && !Number.isNaN(Date.parse(value)));
}

/** Finds region codes inside policy values, also in the dash-less form used in some bucket names. */
export class RegionFinder {
  private readonly pattern: RegExp;
  private readonly byText = new Map<string, Region>();

  constructor(readonly catalog: Catalog) {
    for (const region of catalog.regions) {
      this.byText.set(region.code, region);
      this.byText.set(region.noDashes, region);
    }
    const alternatives = [...this.byText.keys()].sort((a, b) => b.length - a.length).map((t) => t.replace(/-/g, '\\-'));
    // Letters or digits on either side would make the match part of a longer word.
    this.pattern = new RegExp(`(?<![a-z0-9])(?:${alternatives.join('|')})(?![a-z0-9])`, 'g');
  }

  region(code: string): Region | undefined {
    return this.catalog.region(code);
  }

  /** Regions named in a value, each once. */
  find(value: string): Region[] {
    if (!/\d/.test(value)) return [];
    const out: Region[] = [];
    for (const match of value.matchAll(this.pattern)) {
      const region = this.byText.get(match[0]);
      if (region && !out.includes(region)) out.push(region);
    }
    return out;
  }
}

const regionFinders = new WeakMap<Catalog, RegionFinder>();

export function regionFinderFor(catalog: Catalog): RegionFinder {
  let finder = regionFinders.get(catalog);
  if (!finder) {
    finder = new RegionFinder(catalog);
    regionFinders.set(catalog, finder);
  }
  return finder;
}
