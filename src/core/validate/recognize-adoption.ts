/**
 * Recognition, adoption: a perimeter configuration that generates what could be recognized in a
 * policy, and the list of what it cannot express. Each parameter a catalog statement declares is
 * read back from the statement by the reader of that parameter (`PARAMETER_READERS`); the
 * parameters of data access patterns come from the pattern match.
 */
import type { Catalog } from '../catalog/catalog';
import {
  ACCOUNT_ID_PATTERN,
  DEFAULT_EXCLUSION_TAG,
  ORGANIZATION_ID_PATTERN,
  STATEMENT_SIDS,
  type RegionCode,
  type ServiceId,
  type StatementSid,
} from '../catalog/ids';
import type { CatalogStatement, DataAccessPattern, ParameterName } from '../catalog/schema';
import {
  THIRD_PARTY_PARAMETERS,
  admitsThirdPartyIdentities,
  type ThirdPartyParameter,
} from '../catalog/statement-parameters';
import { formatJsonPath } from '../text/json-path';
import {
  CONFIG_VERSION,
  parametersSchema,
  thirdPartyParametersSchema,
  type PerimeterConfig,
  type PolicyFormat,
  type ThirdPartyParameters,
} from '../config/schema';
import { formatCount } from '../text/format-count';
import type { LineIndex, Span } from '../policy/findings';
import { hasPlaceholder } from '../policy/identifiers';
import type { ParsedStatement, PolicyModel, PolicyValue } from '../policy/policy-model';
import type { PolicyAdoption, RecognitionContext, UnmappedElement } from './recognize';
import { statementIndexOf, type PatternMatch, type PolicyValues } from './recognize-matching';
import { TAG_KEY_PREFIX, conditionValues, type Classified } from './recognize-shapes';

function detectFormat(text: string): PolicyFormat {
  if (!text.trim().includes('\n')) return 'minified';
  const indent = /\n( +)\S/.exec(text)?.[1]?.length;
  return indent === 4 ? 'pretty-4' : 'pretty-2';
}

function validIn<T>(
  schema: { safeParse(value: unknown): { success: boolean } },
  value: T,
): boolean {
  return schema.safeParse(value).success;
}

const thirdPartyField = thirdPartyParametersSchema.shape;
/** Longer lists would drown the few items a person can act on. */
const MAX_UNMAPPED = 500;
/** The configuration's own limit. */
const MAX_ORGANIZATION_IDS = 20;
/** The configuration's own limit on each third-party list. */
const MAX_THIRD_PARTY_VALUES = 500;
const exclusionTagSchema = parametersSchema.shape.exclusionTag;

/** What the configuration cannot express, up to a limit; past it only counted. */
class UnmappedList {
  readonly items: UnmappedElement[] = [];
  unlisted = 0;

  constructor(private readonly lines: LineIndex) {}

  add(span: Span | undefined, reason: string, statementIndex?: number, value?: string): void {
    if (this.items.length >= MAX_UNMAPPED) {
      this.unlisted++;
      return;
    }
    const item: UnmappedElement = {
      path: span?.path ? formatJsonPath(span.path) : '(top level)',
      reason,
    };
    if (span) item.range = this.lines.range(span.offset, span.length);
    if (statementIndex !== undefined) item.statementIndex = statementIndex;
    if (value !== undefined) item.value = value;
    this.items.push(item);
  }
}

interface ThirdPartyLists {
  accounts: Set<string>;
  actions: Set<string>;
  resources: Set<string>;
}

/** The parameters read back from the recognized statements. */
interface AdoptedParameters {
  organizationIds: Set<string>;
  exclusionTag?: { key: string; value: string };
  thirdParty: Partial<Record<ThirdPartyParameter, ThirdPartyLists>>;
}

interface ReaderInput {
  statement: ParsedStatement;
  entry: CatalogStatement;
  adopted: AdoptedParameters;
  unmapped: UnmappedList;
  notes: string[];
}

function readOrganizationIds({ statement, adopted }: ReaderInput): void {
  for (const id of [
    ...conditionValues(statement, 'aws:PrincipalOrgID'),
    ...conditionValues(statement, 'aws:ResourceOrgID'),
  ]) {
    if (ORGANIZATION_ID_PATTERN.test(id)) adopted.organizationIds.add(id);
  }
}

function readExclusionTag({ statement, adopted, unmapped }: ReaderInput): void {
  const tag = statement.conditions.find(
    (c) => c.operatorText === 'StringEquals' && c.key.toLowerCase().startsWith(TAG_KEY_PREFIX),
  );
  if (
    tag &&
    tag.values.length === 1 &&
    !hasPlaceholder(tag.key) &&
    !hasPlaceholder(tag.values[0]!.value)
  ) {
    const candidate = { key: tag.key.slice(TAG_KEY_PREFIX.length), value: tag.values[0]!.value };
    if (validIn(exclusionTagSchema, candidate)) adopted.exclusionTag = candidate;
    else
      unmapped.add(
        tag.span,
        'The builder cannot express this exclusion tag (a key of letters, digits, spaces and _.:/=+-@ and a single value).',
        statement.index,
      );
  } else if (tag && tag.values.length > 1) {
    unmapped.add(tag.span, 'The builder takes one value for the exclusion tag.', statement.index);
  }
}

function readThirdParty(parameter: ThirdPartyParameter, input: ReaderInput): void {
  const { statement, entry, adopted, unmapped, notes } = input;
  const lists = (adopted.thirdParty[parameter] ??= {
    accounts: new Set(),
    actions: new Set(),
    resources: new Set(),
  });
  const principalAccounts = conditionValues(statement, 'aws:PrincipalAccount');
  const resourceAccounts = conditionValues(statement, 'aws:ResourceAccount');
  if (
    admitsThirdPartyIdentities(entry) &&
    [...principalAccounts].sort().join() !== [...resourceAccounts].sort().join()
  ) {
    notes.push(
      `Statement ${statement.index + 1} lists different accounts in aws:PrincipalAccount and aws:ResourceAccount; the builder uses one list for both.`,
    );
  }
  const add = (
    set: Set<string>,
    list: readonly PolicyValue[],
    check: (v: string) => boolean,
    what: string,
  ) => {
    for (const value of list) {
      if (hasPlaceholder(value.value)) continue;
      if (check(value.value)) set.add(value.value);
      else
        unmapped.add(
          value,
          `The builder cannot take "${value.value}" as ${what}.`,
          statement.index,
          value.value,
        );
    }
  };
  const accountValues = statement.conditions
    .filter(
      (c) => c.operatorText === 'StringEquals' && /^aws:(principal|resource)account$/i.test(c.key),
    )
    .flatMap((c) => c.values);
  add(lists.accounts, accountValues, (v) => ACCOUNT_ID_PATTERN.test(v), 'a third-party account id');
  if (statement.action?.element === 'Action')
    add(
      lists.actions,
      statement.action.values,
      (v) => validIn(thirdPartyField.actions, [v]),
      'a third-party action',
    );
  if (statement.resource?.element === 'Resource')
    add(
      lists.resources,
      statement.resource.values,
      (v) => validIn(thirdPartyField.resources, [v]),
      'a third-party resource',
    );
}

/**
 * How each parameter a catalog statement declares is read back from a statement of the policy.
 * `accountIds`, `lambdaLayerAccounts` and `bucketNames` belong to data access patterns: the
 * pattern match finds them.
 */
const PARAMETER_READERS: Partial<Record<ParameterName, (input: ReaderInput) => void>> = {
  organizationIds: readOrganizationIds,
  exclusionTag: readExclusionTag,
  thirdPartyIdentitiesToThirdPartyResources: (input) =>
    readThirdParty('thirdPartyIdentitiesToThirdPartyResources', input),
  orgIdentitiesToThirdPartyResources: (input) =>
    readThirdParty('orgIdentitiesToThirdPartyResources', input),
};

/** Values of pattern-fed statements that no recognized pattern accounts for, and foreign actions. */
function unmappedPatternValues(
  classified: readonly Classified[],
  service: ServiceId | undefined,
  match: PatternMatch,
  values: PolicyValues,
  catalog: Catalog,
  unmapped: UnmappedList,
): void {
  for (const map of values.values()) {
    for (const value of map.texts()) {
      if (match.isMapped(value) || hasPlaceholder(value)) continue;
      for (const place of map.places(value)) {
        unmapped.add(
          place,
          service
            ? `"${value}" belongs to no data access pattern of ${service}; the builder cannot generate it.`
            : `"${value}" belongs to no data access pattern (the endpoint service is unknown).`,
          statementIndexOf(place),
          value,
        );
      }
    }
  }
  const patternActions = new Set(
    match.patterns.flatMap((p) => catalog.pattern(p.id)?.actions ?? []).map((a) => a.toLowerCase()),
  );
  for (const { statement, recognized } of classified) {
    if (!recognized.statement || !recognized.grant || statement.action?.element !== 'Action')
      continue;
    for (const action of statement.action.values) {
      const lower = action.value.toLowerCase();
      if (lower === '*' || patternActions.has(lower) || hasPlaceholder(lower)) continue;
      unmapped.add(
        action,
        `The action ${action.value} comes from no recognized data access pattern; the builder grants only the actions of the patterns.`,
        statement.index,
        action.value,
      );
    }
  }
}

function thirdPartyParameters(
  lists: ThirdPartyLists | undefined,
): ThirdPartyParameters | undefined {
  if (!lists) return undefined;
  const out: ThirdPartyParameters = {};
  const take = (set: Set<string>) => [...set].sort().slice(0, MAX_THIRD_PARTY_VALUES);
  if (lists.accounts.size > 0) out.accounts = take(lists.accounts);
  if (lists.actions.size > 0) out.actions = take(lists.actions);
  if (lists.resources.size > 0) out.resources = take(lists.resources);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The configuration's parameters: those read from statements, then those of the patterns. */
function adoptedParameters(
  adopted: AdoptedParameters,
  match: PatternMatch,
): PerimeterConfig['parameters'] {
  const parameters: NonNullable<PerimeterConfig['parameters']> = {};
  const tag = adopted.exclusionTag;
  if (tag && (tag.key !== DEFAULT_EXCLUSION_TAG.key || tag.value !== DEFAULT_EXCLUSION_TAG.value))
    parameters.exclusionTag = tag;
  if (match.layerAccounts.length > 0) parameters.lambdaLayerAccounts = [...match.layerAccounts];
  if (Object.keys(match.bucketNames).length > 0) parameters.bucketNames = match.bucketNames;
  for (const parameter of THIRD_PARTY_PARAMETERS) {
    const lists = thirdPartyParameters(adopted.thirdParty[parameter]);
    if (lists) parameters[parameter] = lists;
  }
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

/** The statement toggles and pattern toggles that reproduce what was recognized. */
function adoptedToggles(
  config: PerimeterConfig,
  present: ReadonlySet<StatementSid>,
  service: ServiceId | undefined,
  match: PatternMatch,
  catalog: Catalog,
): void {
  const toggles = Object.fromEntries(
    STATEMENT_SIDS.map((sid) => [sid, present.has(sid)]),
  ) as Record<StatementSid, boolean>;
  if (!service) {
    config.statements = toggles;
    return;
  }
  config.serviceStatements = { [service]: toggles };
  const recognizedIds = new Set(match.patterns.map((p) => p.id));
  const servicePatterns: readonly DataAccessPattern[] = catalog.patternsForService(service);
  if (servicePatterns.length > 0)
    config.dataAccessPatterns = Object.fromEntries(
      servicePatterns.map((p) => [p.id, recognizedIds.has(p.id)]),
    );
}

export function buildAdoption(
  model: PolicyModel,
  classified: readonly Classified[],
  service: ServiceId | undefined,
  match: PatternMatch,
  values: PolicyValues,
  regions: RegionCode[],
  context: RecognitionContext,
): PolicyAdoption {
  const { catalog } = context;
  const unmapped = new UnmappedList(context.lines);
  const notes: string[] = [];
  const present = new Set<StatementSid>();
  const adopted: AdoptedParameters = { organizationIds: new Set(), thirdParty: {} };
  for (const { statement, recognized } of classified) {
    const sid = recognized.statement;
    if (!sid) {
      unmapped.add(
        statement.span,
        recognized.namedAfter
          ? `Its Sid names ${recognized.namedAfter}, but ${recognized.differences.join('; ')}. The builder cannot express it as it is; turn ${recognized.namedAfter} on in the builder if you want the catalog form.`
          : 'This statement is none of the seven statements of a data perimeter; the builder cannot express it.',
        statement.index,
      );
      continue;
    }
    present.add(sid);
    const entry = catalog.statement(sid);
    for (const parameter of entry.parameters)
      PARAMETER_READERS[parameter]?.({ statement, entry, adopted, unmapped, notes });
  }
  unmappedPatternValues(classified, service, match, values, catalog, unmapped);

  const orgList = [...adopted.organizationIds].sort();
  if (orgList.length > MAX_ORGANIZATION_IDS)
    notes.push(
      `The policy names ${orgList.length} organizations; the configuration takes the first ${MAX_ORGANIZATION_IDS}.`,
    );
  if (unmapped.unlisted > 0)
    notes.push(
      `${formatCount(unmapped.unlisted)} more elements that the builder cannot express are not listed.`,
    );
  const config: PerimeterConfig = {
    version: CONFIG_VERSION,
    organizationIds: orgList.slice(0, MAX_ORGANIZATION_IDS),
    regions,
    services: service ? [service] : [],
  };
  adoptedToggles(config, present, service, match, catalog);
  const parameters = adoptedParameters(adopted, match);
  if (parameters) config.parameters = parameters;
  config.output = { format: detectFormat(context.text) };
  if (!service)
    notes.push('The endpoint service could not be told from the policy; choose it in the builder.');
  if (model.statements.some((s) => s.effect === 'Deny'))
    notes.push('The builder generates Allow statements only; Deny statements are not adopted.');
  return { config, unmapped: unmapped.items, notes };
}
