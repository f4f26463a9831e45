/**
 * Shapes of the identifiers a policy holds besides ARNs (`arn.ts`) and VPC ids
 * (`catalog/endpoint-ids.ts`): organization paths, service principals, addresses, dates, and the `<placeholders>` the upstream samples leave for the user to fill.
 */
import type { Catalog, Region } from '../catalog/catalog';
import { regionNamed } from '../catalog/ids';

/** `<my-org-id>`, `<region>`, `<CodeArtifact-Region-Account>`: a value still to be filled. */
export const PLACEHOLDER_PATTERN = /<[A-Za-z0-9][A-Za-z0-9_.:/-]{0,63}>/g;

export function hasPlaceholder(value: string): boolean {
  return value.includes('<') && new RegExp(PLACEHOLDER_PATTERN.source).test(value);
}

/** An organization path: `o-.../r-.../ou-.../`, possibly ending in a wildcard. */
export const ORGANIZATION_PATH_PATTERN =
  /^(?:o-[a-z0-9]{10,32}|\*)\/(?:[a-z0-9*?-]+\/)*[a-z0-9*?-]*$/;
/** An AWS service principal such as `cloudformation.amazonaws.com`. */
export const SERVICE_PRINCIPAL_PATTERN = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(?:\.cn)?$/;
/** IAM unique ids (`AROA...`, `AIDA...`) that AWS shows in place of a deleted principal's ARN. */
export const UNIQUE_ID_PATTERN = /^A[A-Z0-9]{15,127}$/;

const IPV4_CIDR =
  /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\/(?:3[0-2]|[12]?\d))?$/;
const IPV6_CIDR = /^[0-9a-fA-F]*:[0-9a-fA-F:.]*(?:\/(?:12[0-8]|1[01]\d|[1-9]?\d))?$/;

export function isIpAddressOrCidr(value: string): boolean {
  return IPV4_CIDR.test(value) || (value.includes(':') && IPV6_CIDR.test(value));
}

/** ISO 8601 dates and times (`2026-01-31`, `2026-01-31T12:00:00Z`) or epoch seconds. */
export function isPolicyDate(value: string): boolean {
  return (
    /^\d{1,12}$/.test(value) ||
    (/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(
      value,
    ) &&
      !Number.isNaN(Date.parse(value)))
  );
}

const MAX_REMEMBERED_VALUES = 50_000;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlphanumeric = (c: number) => isDigit(c) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);

/**
 * Finds region codes inside policy values, also in the dash-less form used in some bucket names.
 * Every region code ends in digits, so only the text before each run of digits is looked up.
 */
export class RegionFinder {
  private readonly byText = new Map<string, Region>();
  private readonly lengths: number[];
  /** Values seen before: an editor validates nearly the same text on every keystroke. */
  private readonly seen = new Map<string, Region[]>();

  constructor(readonly catalog: Catalog) {
    for (const region of catalog.regions) {
      this.byText.set(region.code, region);
      this.byText.set(region.noDashes, region);
    }
    this.lengths = [...new Set([...this.byText.keys()].map((t) => t.length))].sort((a, b) => b - a);
  }

  region(code: string): Region | undefined {
    return regionNamed(code, this.catalog);
  }

  /** Regions named in a value, each once; a letter or digit on either side makes a match part of a longer word. */
  find(value: string): Region[] {
    const known = this.seen.get(value);
    if (known) return known;
    const out = this.scan(value);
    if (this.seen.size >= MAX_REMEMBERED_VALUES) this.seen.clear();
    this.seen.set(value, out);
    return out;
  }

  private scan(value: string): Region[] {
    const out: Region[] = [];
    for (let i = 0; i < value.length; i++) {
      if (!isDigit(value.charCodeAt(i))) continue;
      let end = i;
      while (end + 1 < value.length && isDigit(value.charCodeAt(end + 1))) end++;
      i = end;
      if (end + 1 < value.length && isAlphanumeric(value.charCodeAt(end + 1))) continue;
      for (const length of this.lengths) {
        const start = end + 1 - length;
        if (start < 0 || (start > 0 && isAlphanumeric(value.charCodeAt(start - 1)))) continue;
        const region = this.byText.get(value.slice(start, end + 1));
        if (region && !out.includes(region)) out.push(region);
      }
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
