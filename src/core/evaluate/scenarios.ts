/**
 * Ready-made requests that matter to a data perimeter, built for a configuration, an endpoint
 * service and a region from the data in `ready-made-requests.json` (keyed by the catalog's
 * service templates). Each carries the verdict the choices call for and why: a request meant to be
 * let through is expected Allowed when the statement (or data access pattern) that admits it is on
 * and has what it needs; otherwise it is expected to be denied, and the reason says which choice
 * keeps it out, so a stricter choice never reads as a mistake.
 */
import { catalog as bundledCatalog, type Catalog } from '../catalog/catalog';
import {
  DEFAULT_EXCLUSION_TAG,
  patternNamed,
  regionNamed,
  toRegionCode,
  type ServiceId,
  type StatementSid,
} from '../catalog/ids';
import type { DataAccessPattern, Source } from '../catalog/schema';
import { isThirdPartyParameter, type ThirdPartyParameter } from '../catalog/statement-parameters';
import type { PerimeterConfig, ThirdPartyParameters } from '../config/schema';
import { patternAccounts } from '../generate/expansion';
import {
  canonicalRegions,
  canonicalServices,
  selectedPatterns,
  selectedStatements,
} from '../generate/selection';
import readyMadeFile from './ready-made-requests.json';
import {
  PLACEHOLDER_PATTERN,
  type Admission,
  type ReadyMadeFile,
  type ReadyMadePlaceholder,
  type ReadyMadeRequestSpec,
} from './ready-made-schema';
import type { Decision, SavedRequest, SimulatedRequest } from '../config/request-schema';

/** The ready-made requests file, checked against its schema by `scenarios.test.ts`. */
export const readyMadeRequestsFile = readyMadeFile as unknown as ReadyMadeFile;

export interface PerimeterScenario extends SavedRequest {
  /** Stable id, e.g. `org-role-writes-personal-bucket`. */
  id: string;
  /** Why the request matters to the perimeter, in one sentence. */
  why: string;
  /** The service template the request is written for. */
  template: string;
  /** Why the choices call for `expect`, in one sentence. */
  expectation: string;
  /** For an expected Allowed: the statement expected to decide it, and the pattern that feeds it. */
  admittedBy?: { statement: StatementSid; sid: string; pattern?: string };
  sources?: Source[];
}

/** Accounts standing for "one of ours", "another of ours", "someone else's", "a partner's" and "an AWS account". */
export const EXAMPLE_ACCOUNTS = {
  ours: '111122223333',
  oursToo: '444455556666',
  outside: '999988887777',
  partner: '210987654321',
  awsOwned: '123456789012',
} as const;
const EXAMPLE_ORGANIZATION = 'o-a1b2c3d4e5';
const FALLBACK_REGION = 'us-east-1';

/** The template an endpoint service uses: its own, or the default one. */
export function templateOf(service: ServiceId, catalog: Catalog = bundledCatalog): string {
  return catalog.service(service)?.template ?? 'default';
}

/** Ready-made request data for one endpoint service, in file order. */
export function readyMadeSpecsFor(
  service: ServiceId,
  catalog: Catalog = bundledCatalog,
): readonly ReadyMadeRequestSpec[] {
  return (readyMadeRequestsFile.templates[templateOf(service, catalog)] ?? []).filter(
    (spec) => spec.service === service,
  );
}

/** The ready-made request data with this id, whatever its template. */
export function readyMadeSpec(id: string): ReadyMadeRequestSpec | undefined {
  for (const specs of Object.values(readyMadeRequestsFile.templates)) {
    const spec = specs.find((s) => s.id === id);
    if (spec) return spec;
  }
  return undefined;
}

/** Endpoint services that have ready-made requests of their own, in catalog order. */
export function servicesWithReadyMadeRequests(catalog: Catalog = bundledCatalog): ServiceId[] {
  const services = Object.values(readyMadeRequestsFile.templates).flatMap((specs) =>
    specs.map((spec) => spec.service),
  );
  return canonicalServices(services, catalog);
}

/** The account a pattern names for the region: the configuration's, else the catalog's table. */
/** The first account the pattern names in the region, as the generator picks it; none when unknown. */
function patternAccount(
  pattern: DataAccessPattern,
  config: PerimeterConfig,
  region: string,
  catalog: Catalog,
): string | undefined {
  if (!pattern.accounts) return undefined;
  // A region the catalog does not know has no account, like a region without one.
  const code = toRegionCode(region, catalog);
  if (code === undefined) return undefined;
  const found = patternAccounts(pattern.accounts, code, config, catalog);
  return found.placeholder ? undefined : found.accounts[0];
}

const THIRD_PARTY_EXAMPLES: Record<ThirdPartyParameter, { action: string; resource: string }> = {
  thirdPartyIdentitiesToThirdPartyResources: {
    action: 's3:GetObject',
    resource: 's3:::partner-exchange/shared/file.csv',
  },
  orgIdentitiesToThirdPartyResources: {
    action: 's3:PutObject',
    resource: 's3:::partner-inbox/delivery.csv',
  },
};

/** A concrete action and resource inside what a third-party statement lists (wildcards filled). */
function thirdPartyValues(
  parameter: ThirdPartyParameter,
  values: ThirdPartyParameters | undefined,
  partition: string,
): { account: string; action: string; resource: string } {
  const example = THIRD_PARTY_EXAMPLES[parameter];
  const actions = (values?.actions ?? []).filter((a) => a !== '*');
  const action =
    actions.find((a) => !/[*?]/.test(a)) ??
    actions[0]?.replaceAll('*', 'Any').replaceAll('?', 'X') ??
    example.action;
  const listed = (values?.resources ?? []).find((r) => r !== '*');
  return {
    account: values?.accounts?.[0] ?? EXAMPLE_ACCOUNTS.partner,
    action,
    resource:
      listed?.replaceAll('*', 'shared').replaceAll('?', 'x') ??
      `arn:${partition}:${example.resource}`,
  };
}

/** Fills `{placeholders}` in every string (and object key) of a value. */
function fillPlaceholders<T>(value: T, lookup: (name: string) => string): T {
  const fill = (text: string) =>
    text.replace(PLACEHOLDER_PATTERN, (_whole, name: string) => lookup(name));
  const walk = (inner: unknown): unknown => {
    if (typeof inner === 'string') return fill(inner);
    if (Array.isArray(inner)) return inner.map(walk);
    if (inner !== null && typeof inner === 'object')
      return Object.fromEntries(Object.entries(inner).map(([k, v]) => [fill(k), walk(v)]));
    return inner;
  };
  return walk(value) as T;
}

/** What one way of letting the request through needs, and what of it is missing under the choices. */
interface AdmissionCheck {
  statement?: StatementSid;
  pattern?: DataAccessPattern;
  /** Why it does not let the request through, in words; undefined when it does. */
  missing?: string;
}

function checkAdmission(
  admission: Admission,
  config: PerimeterConfig,
  service: ServiceId,
  region: string,
  catalog: Catalog,
): AdmissionCheck {
  let pattern: DataAccessPattern | undefined;
  let sid: StatementSid;
  if ('pattern' in admission) {
    pattern = patternNamed(admission.pattern, catalog);
    if (!pattern)
      return { missing: `the catalog has no data access pattern "${admission.pattern}" for it` };
    sid = pattern.statement;
    if (!pattern.services.includes(service))
      return {
        statement: sid,
        pattern,
        missing: `"${pattern.title}" does not apply to ${service}`,
      };
    if (!selectedPatterns(config, service, catalog).some((p) => p.id === pattern!.id))
      return {
        statement: sid,
        pattern,
        missing: `the data access pattern "${pattern.title}" is off`,
      };
  } else {
    sid = admission.statement;
  }
  const statement = catalog.statement(sid);
  const found = { statement: sid, ...(pattern ? { pattern } : {}) };
  if (!selectedStatements(config, service, catalog).includes(sid))
    return {
      ...found,
      missing: `the statement "${statement.title}" (${sid}) is off for ${service}`,
    };
  for (const parameter of statement.parameters) {
    if (parameter === 'organizationIds' && config.organizationIds.length === 0)
      return { ...found, missing: 'no organization id is set yet' };
    if (isThirdPartyParameter(parameter)) {
      const values = config.parameters?.[parameter];
      if (!values?.accounts?.length || !values.actions?.length || !values.resources?.length)
        return {
          ...found,
          missing: `the accounts, actions and resources of "${statement.title}" are not all listed yet (parameters.${parameter})`,
        };
    }
  }
  if (pattern?.accounts && patternAccount(pattern, config, region, catalog) === undefined)
    return {
      ...found,
      missing:
        'parameter' in pattern.accounts
          ? `"${pattern.title}" has no accounts listed yet (parameters.${pattern.accounts.parameter})`
          : `no account of "${pattern.title}" is known for ${region} (parameters.accountIds.${pattern.accounts.table}.${region})`,
    };
  return found;
}

export interface Expectation {
  decision: Decision;
  /** Why, in one sentence. */
  reason: string;
  /** The catalog statement, and `sid` as the policy writes it (with the pattern's Sid suffix). */
  admittedBy?: { statement: StatementSid; sid: string; pattern?: string };
}

/** The verdict the choices call for: Allowed when one of the admissions holds, else ImplicitDeny. */
export function expectationFor(
  admissions: readonly Admission[],
  config: PerimeterConfig,
  service: ServiceId,
  region: string,
  catalog: Catalog = bundledCatalog,
): Expectation {
  if (admissions.length === 0)
    return {
      decision: 'ImplicitDeny',
      reason: 'A data perimeter keeps this out: no statement is meant to let it through.',
    };
  const checks = admissions.map((a) => checkAdmission(a, config, service, region, catalog));
  const holding = checks.find((c) => c.missing === undefined && c.statement !== undefined);
  if (holding) {
    const title = catalog.statement(holding.statement!).title;
    return {
      decision: 'Allowed',
      reason: `Your choices let it through: "${title}" (${holding.statement})${holding.pattern ? ` with "${holding.pattern.title}"` : ''}.`,
      admittedBy: {
        statement: holding.statement!,
        sid: `${holding.statement!}${holding.pattern?.sidSuffix ?? ''}`,
        ...(holding.pattern ? { pattern: holding.pattern.id } : {}),
      },
    };
  }
  return {
    decision: 'ImplicitDeny',
    reason: `Denied with your choices: ${checks.map((c) => c.missing).join('; and ')}.`,
  };
}

/** The request of a ready-made entry for the configuration, the service's endpoint and the region. */
export function buildReadyMadeRequest(
  spec: ReadyMadeRequestSpec,
  config: PerimeterConfig,
  region: string,
  catalog: Catalog = bundledCatalog,
): PerimeterScenario {
  const partition = regionNamed(region, catalog)?.partition ?? 'aws';
  const tag = config.parameters?.exclusionTag ?? DEFAULT_EXCLUSION_TAG;
  const thirdParty = (parameter: ThirdPartyParameter) =>
    thirdPartyValues(parameter, config.parameters?.[parameter], partition);
  const values: Record<ReadyMadePlaceholder, () => string> = {
    partition: () => partition,
    region: () => region,
    regionNoDashes: () => region.replaceAll('-', ''),
    organizationId: () => config.organizationIds[0] ?? EXAMPLE_ORGANIZATION,
    ourAccount: () => EXAMPLE_ACCOUNTS.ours,
    ourOtherAccount: () => EXAMPLE_ACCOUNTS.oursToo,
    outsideAccount: () => EXAMPLE_ACCOUNTS.outside,
    awsOwnedAccount: () => EXAMPLE_ACCOUNTS.awsOwned,
    exclusionTagKey: () => tag.key,
    exclusionTagValue: () => tag.value,
    'thirdPartyIdentitiesToThirdPartyResources.account': () =>
      thirdParty('thirdPartyIdentitiesToThirdPartyResources').account,
    'thirdPartyIdentitiesToThirdPartyResources.action': () =>
      thirdParty('thirdPartyIdentitiesToThirdPartyResources').action,
    'thirdPartyIdentitiesToThirdPartyResources.resource': () =>
      thirdParty('thirdPartyIdentitiesToThirdPartyResources').resource,
    'orgIdentitiesToThirdPartyResources.account': () =>
      thirdParty('orgIdentitiesToThirdPartyResources').account,
    'orgIdentitiesToThirdPartyResources.action': () =>
      thirdParty('orgIdentitiesToThirdPartyResources').action,
    'orgIdentitiesToThirdPartyResources.resource': () =>
      thirdParty('orgIdentitiesToThirdPartyResources').resource,
  };
  const request = fillPlaceholders(spec.request, (name) => {
    if (name.startsWith('account:')) {
      const pattern = patternNamed(name.slice('account:'.length), catalog);
      // An account the catalog does not know is stood in for; the expectation says it is missing.
      return (
        (pattern && patternAccount(pattern, config, region, catalog)) ?? EXAMPLE_ACCOUNTS.awsOwned
      );
    }
    const value = values[name as ReadyMadePlaceholder] as (() => string) | undefined;
    if (!value) throw new Error(`ready-made request ${spec.id}: unknown placeholder {${name}}`);
    return value();
  }) as SimulatedRequest;
  const expectation = expectationFor(spec.allowedBy, config, spec.service, region, catalog);
  return {
    id: spec.id,
    name: spec.name,
    why: spec.why,
    template: templateOf(spec.service, catalog),
    service: spec.service,
    region,
    request,
    expect: expectation.decision,
    expectation: expectation.reason,
    ...(expectation.admittedBy ? { admittedBy: expectation.admittedBy } : {}),
    ...(spec.sources ? { sources: spec.sources } : {}),
  };
}

/**
 * The ready-made requests of one endpoint service, or of every selected service (in canonical
 * order) when none is named, built for a region (by default the first selected one).
 */
export function perimeterScenarios(
  config: PerimeterConfig,
  options: { region?: string; service?: ServiceId; catalog?: Catalog } = {},
): PerimeterScenario[] {
  const catalog = options.catalog ?? bundledCatalog;
  const region = options.region ?? canonicalRegions(config.regions, catalog)[0] ?? FALLBACK_REGION;
  const services =
    options.service !== undefined ? [options.service] : canonicalServices(config.services, catalog);
  return services.flatMap((service) =>
    readyMadeSpecsFor(service, catalog).map((spec) =>
      buildReadyMadeRequest(spec, config, region, catalog),
    ),
  );
}

/** The scenario as a saved request, without what only the ready-made list shows (the saved form is strict). */
export function savedRequestOf(scenario: PerimeterScenario): SavedRequest {
  const { name, service, region, request, expect } = scenario;
  return { name, service, ...(region !== undefined ? { region } : {}), request, expect };
}
