/**
 * The audit of deployed endpoints: for every endpoint read from `describe-vpc-endpoints`, its
 * service and region, whether the service enforces endpoint policies, its deployed policy checked
 * by the validator and compared statement by statement with the policy the configuration
 * generates for it; and, for every designed service, the audited regions where no endpoint of it
 * was found. Pure and synchronous; `onProgress` lets a worker report how far it is.
 */
import { catalog as bundledCatalog, type Catalog } from '../catalog/catalog';
import { idEntries, type RegionCode, type ServiceId } from '../catalog/ids';
import type { PerimeterConfig } from '../config/schema';
import type { Diagnostic } from '../diagnostics';
import { generate, type GeneratedPolicy } from '../generate/generate';
import { policyFileName } from '../generate/outputs';
import { canonicalRegions, canonicalServices } from '../generate/selection';
import type { IamIndex } from '../iam/iam-index';
import { validate } from '../validate/validate';
import type { DeployedEndpoint } from './describe-endpoints';
import { catalogEndpointType, type VpcEndpointType } from '../catalog/endpoint-ids';
import {
  comparePolicies,
  isDefaultFullAccessPolicy,
  isOpenPolicy,
  type PolicyComparison,
  type StatementChange,
} from './policy-diff';

export const AUDIT_STATES = [
  'matches',
  'differs',
  'default-policy',
  'not-in-design',
  'missing',
] as const;
export type AuditState = (typeof AUDIT_STATES)[number];

/** How each state reads in a table. */
export const AUDIT_STATE_LABELS: Record<AuditState, string> = {
  matches: 'Matches the design',
  differs: 'Differs from the design',
  'default-policy': 'Default full-access policy',
  'not-in-design': 'Service not in the design',
  missing: 'Endpoint missing',
};

export interface AuditValidation {
  errors: number;
  warnings: number;
  /** The first findings (errors first), for a reader. */
  diagnostics: Diagnostic[];
}

export interface AuditRow {
  state: AuditState;
  /** Absent for a designed service with no endpoint in a region. */
  endpointId?: string;
  name?: string;
  region?: RegionCode;
  /** The catalog service. */
  service?: ServiceId;
  /** The endpoint service name as deployed. */
  serviceName?: string;
  type?: VpcEndpointType;
  vpcId?: string;
  ownerId?: string;
  /** Whether requests through the endpoint are held to its policy. */
  enforcesPolicies: 'yes' | 'no' | 'unknown';
  /** True when the deployed policy lets everyone do everything. */
  open: boolean;
  /** Why the state is what it is, in words. */
  note?: string;
  /** The statements that differ, for `differs`. */
  changes?: StatementChange[];
  /** Set when the policy Version differs. */
  version?: PolicyComparison['version'];
  /** The validator's findings on the deployed policy. */
  validation?: AuditValidation;
  /** The file of the designed policy, as the export names it. */
  designedPolicyFile?: string;
  /** Where the endpoint was read from. */
  source?: { file: string; path: string };
}

export interface AuditReport {
  rows: AuditRow[];
  counts: Record<AuditState, number>;
  /** Endpoints whose policy lets everyone do everything (default policy included). */
  open: number;
  /** Regions the describe outputs covered. */
  regions: RegionCode[];
  /** True when an endpoint differs or is open: the CLI then exits 1. */
  failed: boolean;
}

export interface AuditOptions {
  catalog?: Catalog;
  /** From `loadIamIndex()`; without it actions and condition keys are not checked. */
  iamIndex?: IamIndex;
  /** Called every few endpoints with how many are done out of how many. */
  onProgress?: (done: number, total: number) => void;
}

/** Findings kept per endpoint: enough to say what is wrong, small enough for thousands of rows. */
const KEPT_DIAGNOSTICS = 20;
const PROGRESS_EVERY = 100;

function summarize(diagnostics: readonly Diagnostic[]): AuditValidation {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const kept = diagnostics
    .filter((d) => d.severity !== 'info')
    .sort((a, b) => rank[a.severity] - rank[b.severity])
    .slice(0, KEPT_DIAGNOSTICS);
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    diagnostics: kept,
  };
}

function enforcement(
  service: ServiceId | undefined,
  catalog: Catalog,
): AuditRow['enforcesPolicies'] {
  const support = service ? catalog.service(service)?.endpointPolicy : undefined;
  return support === 'supported' ? 'yes' : support === 'unsupported' ? 'no' : 'unknown';
}

/** A deployed policy text as checked once per context: the same text recurs across endpoints. */
interface CheckedText {
  validation: AuditValidation;
  parsed: unknown;
  isDefault: boolean;
  open: boolean;
  /** Comparisons with designed policies, by `service|region`. */
  comparisons: Map<string, PolicyComparison>;
}

/** The design an endpoint is audited against, with the caches shared by all the endpoints. */
interface AuditDesign {
  catalog: Catalog;
  designedServices: ReadonlySet<ServiceId>;
  designedRegions: ReadonlySet<RegionCode>;
  /** The generated policy of a service in a region, generated once. */
  designedPolicy: (
    service: ServiceId,
    region: RegionCode,
  ) => { policy: GeneratedPolicy; parsed: unknown };
  /** The deployed text validated and classified, once per text and context. */
  checkText: (
    text: string,
    service: ServiceId | undefined,
    region: RegionCode | undefined,
    type: VpcEndpointType | undefined,
  ) => CheckedText;
}

/** Validates a deployed policy text in its endpoint's context and says whether it is open. */
function checkDeployedText(
  text: string,
  service: ServiceId | undefined,
  region: RegionCode | undefined,
  type: VpcEndpointType | undefined,
  catalog: Catalog,
  iamIndex: IamIndex | undefined,
): CheckedText {
  const endpointType = type ? catalogEndpointType(type) : undefined;
  const validation = validate(text, {
    catalog,
    ...(service && catalog.service(service) ? { service } : {}),
    ...(region ? { regions: [region] } : {}),
    ...(endpointType ? { endpointType } : {}),
    ...(iamIndex ? { iamIndex } : {}),
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const isDefault = parsed !== undefined && isDefaultFullAccessPolicy(parsed);
  return {
    validation: summarize(validation.diagnostics),
    parsed,
    isDefault,
    open: isDefault || (parsed !== undefined && isOpenPolicy(parsed)),
    comparisons: new Map(),
  };
}

function auditDesign(config: PerimeterConfig, options: AuditOptions): AuditDesign {
  const catalog = options.catalog ?? bundledCatalog;
  const generated = new Map<string, { policy: GeneratedPolicy; parsed: unknown }>();
  // Organizations deploy the same text to many endpoints: each text is checked once per context.
  const checked = new Map<string, CheckedText>();
  return {
    catalog,
    designedServices: new Set(canonicalServices(config.services, catalog)),
    designedRegions: new Set(canonicalRegions(config.regions, catalog)),
    designedPolicy: (service, region) => {
      const key = `${service}|${region}`;
      let entry = generated.get(key);
      if (!entry) {
        const policy = generate(config, service, { catalog, regions: [region] });
        entry = { policy, parsed: policy.policy };
        generated.set(key, entry);
      }
      return entry;
    },
    checkText: (text, service, region, type) => {
      const key = `${service ?? ''}|${region ?? ''}|${type ?? ''}|${text}`;
      let entry = checked.get(key);
      if (!entry) {
        entry = checkDeployedText(text, service, region, type, catalog, options.iamIndex);
        checked.set(key, entry);
      }
      return entry;
    },
  };
}

export function auditEndpoints(
  config: PerimeterConfig,
  endpoints: readonly DeployedEndpoint[],
  options: AuditOptions = {},
): AuditReport {
  const design = auditDesign(config, options);
  const { catalog, designedServices, designedRegions } = design;
  const rows: AuditRow[] = [];
  const present = new Set<string>();
  const auditedRegions = new Set<RegionCode>();
  endpoints.forEach((endpoint, i) => {
    if (options.onProgress && i % PROGRESS_EVERY === 0) options.onProgress(i, endpoints.length);
    if (endpoint.region) auditedRegions.add(endpoint.region);
    if (endpoint.service) present.add(`${endpoint.service}|${endpoint.region ?? ''}`);
    present.add(`id|${endpoint.id}`);
    rows.push(auditEndpoint(endpoint, design));
  });
  options.onProgress?.(endpoints.length, endpoints.length);

  rows.push(
    ...missingRows(config, catalog, designedServices, designedRegions, auditedRegions, present),
  );
  const counts = Object.fromEntries(AUDIT_STATES.map((s) => [s, 0])) as Record<AuditState, number>;
  for (const row of rows) counts[row.state]++;
  const open = rows.filter((r) => r.open).length;
  return {
    rows,
    counts,
    open,
    regions: canonicalRegions([...auditedRegions], catalog),
    failed: counts.differs > 0 || open > 0,
  };
}

/** The row of an endpoint before it is compared: what it is and where, as deployed. */
function endpointRow(endpoint: DeployedEndpoint, catalog: Catalog): AuditRow {
  const row: AuditRow = {
    state: 'not-in-design',
    endpointId: endpoint.id,
    enforcesPolicies: enforcement(endpoint.service, catalog),
    open: false,
    source: endpoint.source,
  };
  if (endpoint.name !== undefined) row.name = endpoint.name;
  if (endpoint.region !== undefined) row.region = endpoint.region;
  if (endpoint.service !== undefined) row.service = endpoint.service;
  if (endpoint.serviceName !== undefined) row.serviceName = endpoint.serviceName;
  if (endpoint.type !== undefined) row.type = endpoint.type;
  if (endpoint.vpcId !== undefined) row.vpcId = endpoint.vpcId;
  if (endpoint.ownerId !== undefined) row.ownerId = endpoint.ownerId;
  return row;
}

/**
 * The service and region whose designed policy applies to the endpoint, or why none does.
 */
function designedPlace(
  endpoint: DeployedEndpoint,
  design: AuditDesign,
): { service: ServiceId; region: RegionCode } | { outsideNote: string } {
  if (endpoint.serviceKind === 'endpoint-service')
    return {
      outsideNote:
        'An endpoint of an endpoint service of an account (PrivateLink), not of an AWS service.',
    };
  if (!endpoint.service)
    return {
      outsideNote: endpoint.serviceName
        ? `"${endpoint.serviceName}" is not an endpoint service of the catalog.`
        : 'The endpoint names no service.',
    };
  if (!design.designedServices.has(endpoint.service))
    return { outsideNote: `${endpoint.service} is not among the services of the configuration.` };
  if (!endpoint.region)
    return { outsideNote: 'The region of the endpoint is unknown, so no designed policy applies.' };
  if (!design.designedRegions.has(endpoint.region))
    return { outsideNote: `${endpoint.region} is not among the regions of the configuration.` };
  return { service: endpoint.service, region: endpoint.region };
}

/** The differences of a deployed policy from its design, counted in one sentence. */
function differencesNote(comparison: PolicyComparison): string {
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const change of comparison.statements) counts[change.change]++;
  const parts = [
    counts.changed > 0 ? `${counts.changed} changed` : '',
    counts.removed > 0 ? `${counts.removed} missing on the endpoint` : '',
    counts.added > 0 ? `${counts.added} not in the design` : '',
    comparison.version
      ? `Version ${comparison.version.deployed ?? '(none)'} instead of ${comparison.version.designed ?? '(none)'}`
      : '',
  ].filter(Boolean);
  return `Statements: ${parts.join(', ')}.`;
}

function auditEndpoint(endpoint: DeployedEndpoint, design: AuditDesign): AuditRow {
  const row = endpointRow(endpoint, design.catalog);
  const text = endpoint.policyDocument;
  const deployed =
    text === undefined
      ? undefined
      : design.checkText(text, endpoint.service, endpoint.region, endpoint.type);
  if (deployed) row.validation = deployed.validation;
  const isDefault = text === undefined || (deployed?.isDefault ?? false);
  row.open = isDefault || (deployed?.open ?? false);

  const place = designedPlace(endpoint, design);
  if ('outsideNote' in place) {
    row.note = place.outsideNote;
    return row;
  }
  const { service, region } = place;
  row.designedPolicyFile = policyFileName(service, region);
  if (isDefault) {
    row.state = 'default-policy';
    row.note =
      text === undefined
        ? 'No policy is attached: AWS applies the default full-access policy.'
        : 'The endpoint still has the default full-access policy.';
    return row;
  }
  if (deployed?.parsed === undefined) {
    row.state = 'differs';
    row.note = 'The deployed policy is not valid JSON.';
    return row;
  }
  const designedKey = `${service}|${region}`;
  let comparison = deployed.comparisons.get(designedKey);
  if (!comparison) {
    comparison = comparePolicies(deployed.parsed, design.designedPolicy(service, region).parsed);
    deployed.comparisons.set(designedKey, comparison);
  }
  if (comparison.same) {
    row.state = 'matches';
    return row;
  }
  row.state = 'differs';
  row.changes = comparison.statements;
  if (comparison.version) row.version = comparison.version;
  row.note = differencesNote(comparison);
  return row;
}

/**
 * Designed services without an endpoint in an audited region of the design, and inventory
 * endpoints that the describe outputs of their region do not list. A global service counts as
 * present when it has an endpoint in any audited region.
 */
function missingRows(
  config: PerimeterConfig,
  catalog: Catalog,
  designedServices: ReadonlySet<ServiceId>,
  designedRegions: ReadonlySet<RegionCode>,
  auditedRegions: ReadonlySet<RegionCode>,
  present: ReadonlySet<string>,
): AuditRow[] {
  const rows: AuditRow[] = [];
  const regions = canonicalRegions(
    [...auditedRegions].filter((r) => designedRegions.has(r)),
    catalog,
  );
  for (const service of designedServices) {
    const entry = catalog.service(service);
    if (!entry) continue;
    if (entry.global) {
      if (regions.length > 0 && !regions.some((r) => present.has(`${service}|${r}`)))
        rows.push({
          state: 'missing',
          service,
          enforcesPolicies: enforcement(service, catalog),
          open: false,
          note: `No endpoint of the global service ${service} in any audited region (${regions.join(', ')}).`,
        });
      continue;
    }
    for (const region of regions) {
      if (present.has(`${service}|${region}`)) continue;
      rows.push({
        state: 'missing',
        service,
        region,
        enforcesPolicies: enforcement(service, catalog),
        open: false,
        designedPolicyFile: policyFileName(service, region),
        note: `The design covers ${service} in ${region}, and the describe output of ${region} has no endpoint of it.`,
      });
    }
  }
  for (const [region, endpoints] of idEntries(config.inventory ?? {})) {
    if (!auditedRegions.has(region)) continue;
    for (const endpoint of endpoints) {
      if (present.has(`id|${endpoint.id}`)) continue;
      const row: AuditRow = {
        state: 'missing',
        endpointId: endpoint.id,
        service: endpoint.service,
        region,
        type: endpoint.type,
        enforcesPolicies: enforcement(endpoint.service, catalog),
        open: false,
        note: `The inventory lists ${endpoint.id}, and the describe output of ${region} does not.`,
      };
      if (endpoint.name !== undefined) row.name = endpoint.name;
      if (endpoint.vpcId !== undefined) row.vpcId = endpoint.vpcId;
      rows.push(row);
    }
  }
  return rows;
}
