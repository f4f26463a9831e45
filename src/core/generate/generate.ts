/**
 * The generator: one pure function from a perimeter configuration and an endpoint service to the
 * policy, the provenance of every value in it, and diagnostics. The same choices always give the
 * same bytes: regions, services, patterns and user lists are put in a canonical order first.
 *
 * Most endpoint services share one shape (the default template, no data access pattern), so a
 * generation run builds each distinct policy body once and every service of that shape shares it;
 * only the diagnostics about the service itself are its own.
 */
import { catalog as bundledCatalog, type Catalog } from '../catalog/catalog';
import {
  toRegionCode,
  toServiceId,
  type PatternId,
  type RegionCode,
  type ServiceId,
  type StatementSid,
} from '../catalog/ids';
import type { DataAccessPattern, GrantKind, StatementTemplate } from '../catalog/schema';
import type { PerimeterConfig, PolicyFormat } from '../config/schema';
import type { Diagnostic, EngineDiagnostic } from '../diagnostics';
import { expandPatternCached } from './cache';
import {
  PLACEHOLDERS,
  PSEUDO_REGION,
  regionContext,
  type PatternExpansion,
  type RegionContext,
} from './expansion';
import { organizationIdList, statementSlots, type SlotContext } from './parameters';
import { countPolicyCharacters, renderPolicy } from '../policy/render';
import { sizeDiagnostics } from './size';
import { canonicalRegions, selectedPatterns, selectedStatements } from './selection';
import { serviceDiagnostics } from './service-diagnostics';
import {
  statementChoiceFindings,
  stsFederationFindings,
  thirdPartyResourceFindings,
} from './perimeter-findings';
import { DiagnosticSink, type RecordedDiagnostic } from './sink';
import { renderTemplate, type PolicyStatement, type RenderedStatement } from './template';
import { ValueBag, ValueList, type ValueProvenance } from './values';

export { PLACEHOLDERS } from './expansion';
export type { PolicyStatement } from './template';
export type { ValueProvenance } from './values';

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface StatementProvenance {
  sid: string;
  /** The catalog statement it renders. */
  statement: StatementSid;
  grant?: GrantKind;
  patterns: PatternId[];
  /** Computed on first read. */
  values: ValueProvenance[];
}

export interface GeneratedPolicy {
  /** The service as asked for: a name the catalog may not know (`generateForNames`). */
  service: string;
  /** Regions covered, in canonical order. */
  regions: RegionCode[];
  policy: PolicyDocument;
  format: PolicyFormat;
  text: string;
  /** Characters of `text`, whitespace included, as counted against the quota. */
  size: number;
  statements: StatementProvenance[];
  diagnostics: Diagnostic[];
}

export interface GenerateOptions {
  /** Regions to cover; defaults to every region of the configuration (one policy for all). */
  regions?: readonly RegionCode[];
  format?: PolicyFormat;
  catalog?: Catalog;
  /** Skip the per-region size estimate that accompanies an over-limit diagnostic. */
  skipPerRegionHint?: boolean;
}

export const DEFAULT_FORMAT: PolicyFormat = 'pretty-2';

/** The part of a policy that depends on its shape only, not on which service it is for. */
interface PolicyBody {
  policy: PolicyDocument;
  text: string;
  size: number;
  statements: StatementProvenance[];
  diagnostics: ReadonlyArray<readonly [string, RecordedDiagnostic]>;
}

/**
 * One configuration generated for many services and regions (an export, `build`). Policies of
 * the same shape are built once: the configuration must not change while the run is used.
 */
export class GenerationRun {
  readonly catalog: Catalog;
  private readonly bodies = new Map<string, PolicyBody>();
  private organizationIds?: ValueList;

  constructor(
    readonly config: PerimeterConfig,
    catalog?: Catalog,
  ) {
    this.catalog = catalog ?? bundledCatalog;
  }

  get organizationIdList(): ValueList {
    return (this.organizationIds ??= organizationIdList(this.config));
  }

  body(key: string, build: () => PolicyBody): PolicyBody {
    let body = this.bodies.get(key);
    if (!body) {
      body = build();
      this.bodies.set(key, body);
    }
    return body;
  }
}

/** Generates the endpoint policy of one service for the configuration's regions (or the given ones). */
export function generate(
  config: PerimeterConfig,
  serviceId: ServiceId,
  options: GenerateOptions = {},
): GeneratedPolicy {
  return generateInRun(new GenerationRun(config, options.catalog), serviceId, options);
}

/**
 * The policy of a service and regions named by text (a saved request, the simulator's form): a
 * name the catalog does not know is an error and is left out, so an unknown service gets a policy
 * without statements. Where such names become ids.
 */
export function generateForNames(
  config: PerimeterConfig,
  serviceName: string,
  options: Omit<GenerateOptions, 'regions'> & { regions?: readonly string[] } = {},
): GeneratedPolicy {
  const run = new GenerationRun(config, options.catalog);
  const regions: RegionCode[] = [];
  const unknownRegions: string[] = [];
  for (const name of options.regions ?? config.regions) {
    const code = toRegionCode(name, run.catalog);
    if (code !== undefined) regions.push(code);
    else unknownRegions.push(name);
  }
  const serviceId = toServiceId(serviceName, run.catalog);
  return generateNamed(run, serviceName, serviceId, { ...options, regions }, unknownRegions);
}

/** `generate`, sharing the policies of identical shape with the rest of the run. */
export function generateInRun(
  run: GenerationRun,
  serviceId: ServiceId,
  options: Omit<GenerateOptions, 'catalog'> = {},
): GeneratedPolicy {
  return generateNamed(run, serviceId, serviceId, options, []);
}

function generateNamed(
  run: GenerationRun,
  serviceName: string,
  serviceId: ServiceId | undefined,
  options: Omit<GenerateOptions, 'catalog'>,
  unknownRegions: readonly string[],
): GeneratedPolicy {
  const { config, catalog } = run;
  const format = options.format ?? config.output?.format ?? DEFAULT_FORMAT;
  const sink = new DiagnosticSink();
  for (const name of unknownRegions) {
    sink.add(`unknown-region:${name}`, {
      severity: 'error',
      code: 'generate/unknown-region',
      message: `Unknown region "${name}"; it is left out.`,
      path: 'regions',
    });
  }
  const regionCodes = canonicalRegions(options.regions ?? config.regions, catalog);
  if (regionCodes.length === 0) {
    sink.add('no-region', {
      severity: 'error',
      code: 'generate/missing-region',
      message: `No region is selected; ${PLACEHOLDERS.region} is left in region-specific resources.`,
      hint: 'Select the regions where the endpoints live.',
      path: 'regions',
    });
  }
  const service = serviceId === undefined ? undefined : catalog.service(serviceId);
  serviceDiagnostics(serviceName, service, regionCodes, sink);
  if (!service) {
    const policy: PolicyDocument = { Version: '2012-10-17', Statement: [] };
    const text = renderPolicy(policy, format);
    const size = countPolicyCharacters(text);
    return {
      service: serviceName,
      regions: regionCodes,
      policy,
      format,
      text,
      size,
      statements: [],
      diagnostics: sink.list,
    };
  }
  const statementSids = selectedStatements(config, service.id, catalog);
  const patterns = selectedPatterns(config, service.id, catalog);
  const skipHint = options.skipPerRegionHint ?? false;
  const body = policyBody(run, regionCodes, statementSids, patterns, format, skipHint);
  sink.replay(body.diagnostics, service.id);
  stsFederationFindings(service.id, body.policy, catalog, sink);
  return {
    service: serviceName,
    regions: regionCodes,
    policy: body.policy,
    format,
    text: body.text,
    size: body.size,
    statements: body.statements,
    diagnostics: sink.list,
  };
}

/** A statement's provenance, its values folded only when first read. */
function statementProvenance(
  fields: Omit<StatementProvenance, 'values'>,
  rendered: RenderedStatement,
): StatementProvenance {
  let values: ValueProvenance[] | undefined;
  return Object.defineProperty(fields, 'values', {
    enumerable: true,
    configurable: true,
    get: () => (values ??= rendered.values()),
  }) as StatementProvenance;
}

/** Keys whose condition ties a request to our organization, an account or a service principal. */
const NARROWING_CONDITION_KEYS = new Set([
  'aws:principalorgid',
  'aws:resourceorgid',
  'aws:principalaccount',
  'aws:resourceaccount',
  'aws:principalisawsservice',
]);

/** Whether a statement template lets any principal through (no condition on who or whose). */
export function admitsAnyPrincipal(template: StatementTemplate): boolean {
  return !Object.values(template.Condition ?? {}).some((entries) =>
    Object.keys(entries).some((key) => NARROWING_CONDITION_KEYS.has(key.toLowerCase())),
  );
}

/**
 * The resources left out of a statement that admits any principal: those whose bucket name (or
 * account) holds a wildcard. Such a name matches buckets that anyone can create, and reading from
 * or writing to them through our endpoint is exactly what the perimeter is for preventing.
 */
function refuseOpenWildcards(
  expansions: readonly PatternExpansion[],
  sid: string,
  sink: DiagnosticSink,
): Set<string> {
  const refused = new Set<string>();
  for (const expansion of expansions) {
    for (const value of expansion.openWildcards) {
      if (refused.has(value)) continue;
      refused.add(value);
      const patterns: PatternId[] = [];
      for (const each of expansions)
        for (const from of each.resources.originsOf(value))
          if (from.pattern && !patterns.includes(from.pattern)) patterns.push(from.pattern);
      sink.add(`open-wildcard:${sid}:${value}`, {
        severity: 'error',
        code: 'generate/open-wildcard-refused',
        message: `${value} is left out of ${sid}: this statement admits any principal, and a wildcard in ${value.startsWith('arn:') && value.split(':')[2] === 's3' ? 'a bucket name' : 'the account'} would admit resources that anyone can create under a matching name.`,
        hint: `Give the exact names${patterns.length > 0 ? ` of ${patterns.join(', ')}` : ''}, or move the resource to a statement that requires your organization's principals.`,
        sid,
      });
    }
  }
  return refused;
}

/** What one policy body is being built from. */
interface BodyContext {
  run: GenerationRun;
  regions: readonly RegionContext[];
  regionsKey: string;
  sink: DiagnosticSink;
  statements: PolicyStatement[];
  provenance: StatementProvenance[];
}

/** Renders the patterns of one statement: those with a Sid suffix get a statement of their own. */
function renderPatternGroups(
  context: BodyContext,
  sid: StatementSid,
  feeding: readonly DataAccessPattern[],
): void {
  const { run, sink } = context;
  const entry = run.catalog.statement(sid);
  const groups = new Map<string, DataAccessPattern[]>();
  for (const pattern of feeding) {
    const key = pattern.sidSuffix ?? '';
    const group = groups.get(key);
    if (group) group.push(pattern);
    else groups.set(key, [pattern]);
  }
  for (const [suffix, members] of groups) {
    const groupSid = `${sid}${suffix}`;
    const grant = members[0]!.grant;
    const template = entry.templates[grant];
    if (!template) throw new Error(`catalog statement ${sid} has no ${grant} template`);
    const actions = new ValueBag();
    const expansions: PatternExpansion[] = [];
    for (const pattern of members) {
      const from = { pattern: pattern.id };
      for (const action of pattern.actions) actions.add(action, from);
      expansions.push(
        expandPatternCached(
          pattern,
          context.regions,
          context.regionsKey,
          run.config,
          run.catalog,
          sink,
        ),
      );
    }
    const refused = admitsAnyPrincipal(template)
      ? refuseOpenWildcards(expansions, groupSid, sink)
      : undefined;
    const resources = ValueList.of(
      expansions.map((e) => e.resources),
      refused,
    );
    const resourceAccounts = ValueList.of(expansions.map((e) => e.accounts));
    // Every resource of the group may be undocumented in these regions, or refused.
    if ((grant === 'resourceAccount' ? resourceAccounts : resources).size === 0) continue;
    const rendered = renderTemplate(groupSid, template, {
      ...statementSlots(entry.parameters, slotContext(context, sid)),
      actions: ValueList.collapsingWildcard([actions]),
      resources,
      resourceAccounts,
    });
    context.statements.push(rendered.statement);
    context.provenance.push(
      statementProvenance(
        { sid: groupSid, statement: sid, grant, patterns: members.map((p) => p.id) },
        rendered,
      ),
    );
  }
}

function slotContext(context: BodyContext, sid: StatementSid): SlotContext {
  return {
    config: context.run.config,
    sid,
    sink: context.sink,
    organizationIds: context.run.organizationIdList,
  };
}

/** Findings about the regions' partitions and a missing organization id, whatever the service. */
function shapeDiagnostics(context: BodyContext, statementSids: readonly StatementSid[]): void {
  const { catalog, config } = context.run;
  const sink = context.sink;
  for (const partitionId of new Set(
    context.regions.filter((r) => !r.pseudo).map((r) => r.partition),
  )) {
    const partition = catalog.partitions.find((p) => p.id === partitionId);
    if (partition?.caveat) {
      sink.add(`partition:${partitionId}`, {
        severity: 'info',
        code: 'generate/partition-caveat',
        message: `${partition.name}: ${partition.caveat}`,
      });
    }
  }
  const needsOrg = statementSids.some((sid) =>
    catalog.statement(sid).parameters.includes('organizationIds'),
  );
  if (config.organizationIds.length === 0 && needsOrg) {
    sink.add('missing-org', {
      severity: 'error',
      code: 'generate/missing-parameter',
      message: `No organization id is set; ${PLACEHOLDERS.organizationId} is left in the policy.`,
      hint: 'Set the id of your AWS Organizations organization (o-...), found in the Organizations console.',
      path: 'organizationIds',
    });
  }
}

/** Each statement turned on, in catalog order: a fixed template, or the groups of its patterns. */
function renderStatements(
  context: BodyContext,
  statementSids: readonly StatementSid[],
  patterns: readonly DataAccessPattern[],
): void {
  const { catalog } = context.run;
  const sink = context.sink;
  for (const sid of statementSids) {
    const entry = catalog.statement(sid);
    const feeding = patterns.filter((p) => p.statement === sid);
    if (!entry.fedByPatterns) {
      const template = entry.templates.fixed;
      if (!template) throw new Error(`catalog statement ${sid} has no fixed template`);
      const rendered = renderTemplate(
        sid,
        template,
        statementSlots(entry.parameters, slotContext(context, sid)),
      );
      context.statements.push(rendered.statement);
      context.provenance.push(statementProvenance({ sid, statement: sid, patterns: [] }, rendered));
      // Patterns of a fixed statement extend it with statements of their own (e.g. STS federation).
      renderPatternGroups(context, sid, feeding);
      continue;
    }
    if (feeding.length === 0) {
      sink.addForService(`empty:${sid}`, emptyStatementDiagnostic(sid, catalog));
      continue;
    }
    renderPatternGroups(context, sid, feeding);
  }
}

/** The statements of a policy, its text and the diagnostics that do not depend on the service. */
function buildBody(
  run: GenerationRun,
  regionCodes: readonly RegionCode[],
  statementSids: readonly StatementSid[],
  patterns: readonly DataAccessPattern[],
  format: PolicyFormat,
  skipPerRegionHint: boolean,
): PolicyBody {
  const { catalog } = run;
  const sink = new DiagnosticSink(true);
  const context: BodyContext = {
    run,
    regions:
      regionCodes.length > 0
        ? regionCodes.map((c) => regionContext(catalog.region(c)!))
        : [PSEUDO_REGION],
    regionsKey: regionCodes.join(','),
    sink,
    statements: [],
    provenance: [],
  };
  shapeDiagnostics(context, statementSids);
  renderStatements(context, statementSids, patterns);
  statementChoiceFindings(context.provenance, catalog, sink);
  thirdPartyResourceFindings(context.provenance, run.config, catalog, sink);
  const policy: PolicyDocument = { Version: '2012-10-17', Statement: context.statements };
  const text = renderPolicy(policy, format);
  const size = countPolicyCharacters(text);
  const largestRegionPolicy =
    regionCodes.length > 1 && !skipPerRegionHint
      ? () => {
          let largest = { region: '', size: -1 };
          for (const region of regionCodes) {
            const { size } = policyBody(run, [region], statementSids, patterns, format, true);
            if (size > largest.size) largest = { region, size };
          }
          return largest;
        }
      : undefined;
  for (const [key, diagnostic] of sizeDiagnostics(policy, size, format, largestRegionPolicy))
    sink.add(key, diagnostic);
  return { policy, text, size, statements: context.provenance, diagnostics: sink.calls };
}

/** The body of a policy of this shape, built once per run. */
function policyBody(
  run: GenerationRun,
  regionCodes: readonly RegionCode[],
  statementSids: readonly StatementSid[],
  patterns: readonly DataAccessPattern[],
  format: PolicyFormat,
  skipPerRegionHint: boolean,
): PolicyBody {
  const key = `${format}|${skipPerRegionHint}|${regionCodes.join(',')}|${statementSids.join(',')}|${patterns.map((p) => p.id).join(',')}`;
  return run.body(key, () =>
    buildBody(run, regionCodes, statementSids, patterns, format, skipPerRegionHint),
  );
}

function emptyStatementDiagnostic(
  sid: StatementSid,
  catalog: Catalog,
): (serviceId: ServiceId) => EngineDiagnostic {
  return (serviceId) => ({
    severity: 'info',
    code: 'generate/statement-without-patterns',
    message: `${sid} is on, but no data access pattern of ${serviceId} feeds it, so it is left out.`,
    hint: catalog.patternsForService(serviceId).some((p) => p.statement === sid)
      ? 'Turn on one of its data access patterns.'
      : `The catalog has no data access pattern of ${serviceId} for this statement.`,
    sid,
  });
}
