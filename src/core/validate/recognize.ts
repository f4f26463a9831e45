/**
 * Recognition: which of the seven statements a policy contains (by Sid, and by shape since people
 * rename Sids), which data access patterns its resources and accounts come from, and what is
 * missing for its endpoint service. The patterns are matched against what the generator itself
 * produces for the service and the regions found in the policy, so recognition and generation
 * cannot disagree. The result includes a perimeter configuration that reproduces the policy
 * ("adopt") and the list of what could not be mapped onto it.
 */
import type { Catalog } from '../catalog/catalog';
import {
  ACCOUNT_ID_PATTERN,
  DEFAULT_EXCLUSION_TAG,
  ORGANIZATION_ID_PATTERN,
  STATEMENT_SIDS,
  isStatementSid,
  type StatementSid,
} from '../catalog/ids';
import type { DataAccessPattern, GrantKind, StatementTemplate } from '../catalog/schema';
import { formatConfigPath } from '../config/path';
import {
  CONFIG_VERSION,
  parametersSchema,
  thirdPartyParametersSchema,
  type PerimeterConfig,
  type PolicyFormat,
  type ThirdPartyParameters,
} from '../config/schema';
import type { TextRange } from '../diagnostics';
import { fitsBucketShape } from '../generate/expansion';
import { generate } from '../generate/generate';
import { strangerOwnablePart } from '../policy/arn';
import { canonicalRegions } from '../generate/selection';
import { matchesWildcard } from '../policy/wildcard';
import type { LineIndex, Span } from './findings';
import { hasPlaceholder, hasWildcard, splitArn, type RegionFinder } from './identifiers';
import type { ConditionEntry, PolicyModel, PolicyStatement, PolicyValue } from './policy-model';
import { formatCount } from '../format';

export type RecognitionBasis = 'sid' | 'shape' | 'sid-and-shape';

export interface RecognizedStatement {
  /** Position in the Statement list. */
  index: number;
  sid?: string;
  /** Dotted path, e.g. `Statement[2]`. */
  path: string;
  range: TextRange;
  /**
   * The catalog statement this one is, when it is one of the seven: its shape and its condition
   * values fit. A statement whose Sid names one but whose shape or values differ is not one of
   * them (an open statement is never described as a narrow one): see `namedAfter`.
   */
  statement?: StatementSid;
  /** The catalog statement its Sid names when the statement itself does not fit it. */
  namedAfter?: StatementSid;
  /** For statements fed by data access patterns: by resource ARNs or by owning account. */
  grant?: GrantKind;
  basis?: RecognitionBasis;
  /** How the statement differs from the catalog statement its Sid names. */
  differences: string[];
  /** Data access patterns whose values it holds. */
  dataAccessPatterns: string[];
}

export interface RecognizedPattern {
  id: string;
  title: string;
  statement: StatementSid;
  /** Statements (by position) holding its values. */
  statementIndexes: number[];
  /** All its values for the policy's regions, and all its actions, are present. */
  complete: boolean;
  /** Its resource ARNs or accounts that the policy holds, e.g. for hovers over a value. */
  presentValues: string[];
  missingValues: string[];
  missingActions: string[];
  /** Patterns with exactly the same values, which the policy cannot tell apart from this one. */
  indistinguishableFrom: string[];
}

/** Something in the policy that the perimeter configuration cannot express. */
export interface UnmappedElement {
  statementIndex?: number;
  /** Dotted path of the element, e.g. `Statement[3].Resource[2]`. */
  path: string;
  range?: TextRange;
  value?: string;
  reason: string;
}

export interface PolicyAdoption {
  /** A configuration for the policy's service that generates what could be recognized. */
  config: PerimeterConfig;
  unmapped: UnmappedElement[];
  /** Assumptions made while building the configuration, for the user to check. */
  notes: string[];
}

export interface PolicyRecognition {
  /** The endpoint service: the one given, or the one the policy's actions and resources point to. */
  service?: { id: string; basis: 'option' | 'guess'; alternatives: string[] };
  /** The service template the missing statements are measured against. */
  template: string;
  /** Regions the policy's values are for, in catalog order. */
  regions: string[];
  partitions: string[];
  statements: RecognizedStatement[];
  dataAccessPatterns: RecognizedPattern[];
  missing: { statements: StatementSid[]; dataAccessPatterns: string[] };
  adoption: PolicyAdoption;
}

export interface RecognitionContext {
  catalog: Catalog;
  lines: LineIndex;
  regionFinder: RegionFinder;
  text: string;
  service?: string;
  regions?: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Statement shapes

interface StatementShape {
  sid: StatementSid;
  grant?: GrantKind;
  /** Action or Resource must be exactly "*" (a literal of the template, not a slot). */
  actionAny: boolean;
  resourceAny: boolean;
  /** `operator|key` → literal values required, or undefined when the template takes a slot. */
  conditions: Map<string, string[] | undefined>;
}

const TAG_KEY_PREFIX = 'aws:principaltag/';
const conditionSignature = (operator: string, key: string) => {
  const lower = key.toLowerCase();
  return `${operator}|${lower.startsWith(TAG_KEY_PREFIX) ? `${TAG_KEY_PREFIX}*` : lower}`;
};
const isSlot = (value: unknown) => typeof value === 'string' && /^\{\{\w+\}\}$/.test(value);

function shapeOf(
  sid: StatementSid,
  template: StatementTemplate,
  grant?: GrantKind,
): StatementShape {
  const conditions = new Map<string, string[] | undefined>();
  for (const [operator, entries] of Object.entries(template.Condition ?? {})) {
    for (const [key, raw] of Object.entries(entries)) {
      const list = (Array.isArray(raw) ? raw : [raw]) as unknown[];
      conditions.set(
        conditionSignature(operator, key),
        list.some(isSlot) ? undefined : (list as string[]),
      );
    }
  }
  const shape: StatementShape = {
    sid,
    actionAny: template.Action === '*',
    resourceAny: template.Resource === '*',
    conditions,
  };
  if (grant) shape.grant = grant;
  return shape;
}

const shapeCache = new WeakMap<Catalog, StatementShape[]>();

function statementShapes(catalog: Catalog): StatementShape[] {
  let shapes = shapeCache.get(catalog);
  if (shapes) return shapes;
  shapes = [];
  for (const statement of catalog.statements) {
    const { fixed, arn, resourceAccount, resourceOrg } = statement.templates;
    if (fixed) shapes.push(shapeOf(statement.sid, fixed));
    if (arn) shapes.push(shapeOf(statement.sid, arn, 'arn'));
    if (resourceAccount) shapes.push(shapeOf(statement.sid, resourceAccount, 'resourceAccount'));
    if (resourceOrg) shapes.push(shapeOf(statement.sid, resourceOrg, 'resourceOrg'));
  }
  shapeCache.set(catalog, shapes);
  return shapes;
}

const listText = (values: readonly string[]) =>
  values.length === 1 ? `"${values[0]}"` : `[${values.map((v) => `"${v}"`).join(', ')}]`;

/** Condition keys whose slot takes organization ids, and those whose slot takes account ids. */
const ORGANIZATION_KEYS = new Set(['aws:principalorgid', 'aws:resourceorgid']);
const ACCOUNT_KEYS = new Set(['aws:principalaccount', 'aws:resourceaccount']);
const isPlaceholderValue = (value: string) => /^<[^<>]+>$/.test(value);

/**
 * How the values in a shape's slots differ from what the slot takes: organization ids where the
 * template has organizations (and the same ones in both organization keys, as the generator
 * writes them), account ids where it has accounts, named resources where patterns supply them.
 * A statement with the right keys but `"*"` or a foreign value in them is not the catalog one.
 */
function slotValueDifferences(
  conditions: ReadonlyMap<string, ConditionEntry>,
  resources: readonly PolicyValue[] | undefined,
  shape: StatementShape,
): string[] {
  const out: string[] = [];
  const organizations = new Map<string, string>();
  for (const [signature, literal] of shape.conditions) {
    if (literal) continue;
    const entry = conditions.get(signature);
    if (!entry) continue;
    const key = entry.key.toLowerCase();
    const values = entry.values.map((v) => v.value);
    // Organization ids must be ids; account lists are adopted value by value, so only a wildcard
    // (which could never be an account) disqualifies them.
    const expected = ORGANIZATION_KEYS.has(key)
      ? { fits: (v: string) => ORGANIZATION_ID_PATTERN.test(v), what: 'organization ids' }
      : ACCOUNT_KEYS.has(key)
        ? { fits: (v: string) => !hasWildcard(v), what: 'account ids' }
        : undefined;
    if (!expected) continue;
    const wrong = values.filter((v) => !expected.fits(v) && !isPlaceholderValue(v));
    if (wrong.length > 0)
      out.push(`its ${entry.key} holds ${listText(wrong)}, not ${expected.what}`);
    if (ORGANIZATION_KEYS.has(key)) organizations.set(entry.key, [...values].sort().join(','));
  }
  if (organizations.size > 1 && new Set(organizations.values()).size > 1)
    out.push(`its ${[...organizations.keys()].join(' and ')} name different organizations`);
  if (shape.grant && shape.grant !== 'resourceAccount' && resources?.some((r) => r.value === '*'))
    out.push('its Resource is "*", not the named resources of data access patterns');
  return out;
}

/** How a statement differs from a catalog shape; empty when it has the shape. */
function shapeDifferences(statement: PolicyStatement, shape: StatementShape): string[] {
  const out: string[] = [];
  if (statement.effect !== 'Allow')
    out.push(`its Effect is ${statement.effect ?? 'missing'}, not Allow`);
  if (
    !statement.principal ||
    statement.principal.element !== 'Principal' ||
    !statement.principal.any
  )
    out.push('its Principal is not "*"');
  const actions = statement.action?.values.map((v) => v.value) ?? [];
  if (statement.action?.element === 'NotAction') out.push('it uses NotAction');
  else if (shape.actionAny && !(actions.length === 1 && actions[0] === '*'))
    out.push(`its Action is ${listText(actions)}, not "*"`);
  const resources = statement.resource?.values.map((v) => v.value) ?? [];
  if (statement.resource?.element === 'NotResource') out.push('it uses NotResource');
  else if (shape.resourceAny && !(resources.length === 1 && resources[0] === '*'))
    out.push(`its Resource is ${listText(resources)}, not "*"`);
  const present = new Map<string, ConditionEntry>();
  for (const entry of statement.conditions)
    present.set(conditionSignature(entry.operatorText, entry.key), entry);
  for (const [signature, literal] of shape.conditions) {
    const entry = present.get(signature);
    const [operator, key] = signature.split('|') as [string, string];
    if (!entry) {
      out.push(
        `it has no ${operator} condition on ${key.endsWith('/*') ? `${key.slice(0, -1)}<tag-key>` : key}`,
      );
    } else if (
      literal &&
      (entry.values.length !== literal.length ||
        entry.values.some((v, i) => v.value.toLowerCase() !== literal[i]!.toLowerCase()))
    ) {
      out.push(
        `its ${entry.key} is ${listText(entry.values.map((v) => v.value))}, not ${listText(literal)}`,
      );
    }
  }
  for (const [signature, entry] of present) {
    if (!shape.conditions.has(signature))
      out.push(`it has an extra condition ${entry.operatorText} on ${entry.key}`);
  }
  out.push(
    ...slotValueDifferences(
      present,
      statement.resource?.element === 'Resource' ? statement.resource.values : undefined,
      shape,
    ),
  );
  return out;
}

/** The catalog statement a Sid names, allowing a suffix such as `AllowRequestsToAWSOwnedResourcesAmazonQDeveloper`. */
const SIDS_LONGEST_FIRST = [...STATEMENT_SIDS].sort((a, b) => b.length - a.length);

function statementOfSid(sid: string | undefined): StatementSid | undefined {
  if (!sid) return undefined;
  if (isStatementSid(sid)) return sid;
  return SIDS_LONGEST_FIRST.find(
    (base) => sid.startsWith(base) && /^[A-Z]/.test(sid.slice(base.length)),
  );
}

function conditionValues(
  statement: PolicyStatement,
  key: string,
  operator = 'StringEquals',
): string[] {
  const lower = key.toLowerCase();
  return statement.conditions
    .filter((c) => c.operatorText === operator && c.key.toLowerCase() === lower)
    .flatMap((c) => c.values.map((v) => v.value));
}

// ---------------------------------------------------------------------------------------------
// Pattern expansion through the generator

interface PatternExpansion {
  /** Pattern id → its resource ARNs or accounts for the regions. */
  valuesByPattern: Map<string, Set<string>>;
  /** Pattern id → its statement, grant and values in one string, equal for patterns that cannot be told apart. */
  signatures: Map<string, string>;
  /** Value → the patterns that produce it. */
  patternsByValue: Map<string, string[]>;
}

const EXPANSION_CACHE_SIZE = 32;
const expansionCache = new WeakMap<Catalog, Map<string, PatternExpansion>>();

/** Exact bucket names per pattern and region, as `parameters.bucketNames` holds them. */
type BucketNames = Record<string, Record<string, string[]>>;

/** Every data access pattern of the service, expanded by the generator for the regions. */
function expandPatterns(
  catalog: Catalog,
  service: string,
  regions: readonly string[],
  layerAccounts: readonly string[],
  bucketNames: BucketNames = {},
): PatternExpansion {
  let cache = expansionCache.get(catalog);
  if (!cache) {
    cache = new Map();
    expansionCache.set(catalog, cache);
  }
  const key = `${service}|${regions.join(',')}|${layerAccounts.join(',')}|${JSON.stringify(bucketNames)}`;
  const cached = cache.get(key);
  if (cached) {
    // Refresh its place so that the least recently used entry is the one dropped.
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const patterns = catalog.patternsForService(service);
  const config: PerimeterConfig = {
    version: CONFIG_VERSION,
    organizationIds: [],
    regions: [...regions],
    services: [service],
    statements: Object.fromEntries(STATEMENT_SIDS.map((sid) => [sid, true])),
    dataAccessPatterns: Object.fromEntries(patterns.map((p) => [p.id, true])),
    parameters: {
      ...(layerAccounts.length > 0 ? { lambdaLayerAccounts: [...layerAccounts] } : {}),
      ...(Object.keys(bucketNames).length > 0 ? { bucketNames } : {}),
    },
  };
  const generated = generate(config, service, {
    catalog,
    format: 'minified',
    skipPerRegionHint: true,
  });
  const valuesByPattern = new Map<string, Set<string>>();
  for (const statement of generated.statements) {
    for (const value of statement.values) {
      if (
        value.element !== 'Resource' &&
        !value.element.toLowerCase().endsWith('aws:resourceaccount')
      )
        continue;
      for (const pattern of value.patterns) {
        const set = valuesByPattern.get(pattern) ?? new Set<string>();
        set.add(value.value);
        valuesByPattern.set(pattern, set);
      }
    }
  }
  // Computed once per expansion: these strings are long, and hashing them on every validation would cost more than the rest.
  const signatures = new Map(
    [...valuesByPattern].map(([id, values]) => {
      const pattern = catalog.pattern(id);
      return [id, `${pattern?.statement}|${pattern?.grant}|${[...values].sort().join('\n')}`];
    }),
  );
  const patternsByValue = new Map<string, string[]>();
  for (const [id, values] of valuesByPattern)
    for (const value of values)
      patternsByValue.set(value, [...(patternsByValue.get(value) ?? []), id]);
  const expansion = { valuesByPattern, signatures, patternsByValue };
  cache.set(key, expansion);
  if (cache.size > EXPANSION_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return expansion;
}

// ---------------------------------------------------------------------------------------------

interface Classified {
  statement: PolicyStatement;
  recognized: RecognizedStatement;
}

/** Values of pattern-fed statements, by `statement|grant`, with where they are. */
type PolicyValues = Map<string, ValuePlaces>;

/** Where each value is; most values occur once, so only repeats get a list. */
class ValuePlaces {
  private readonly first = new Map<string, PolicyValue>();
  private readonly repeats = new Map<string, PolicyValue[]>();

  add(value: PolicyValue): void {
    if (!this.first.has(value.value)) this.first.set(value.value, value);
    else this.repeats.set(value.value, [...(this.repeats.get(value.value) ?? []), value]);
  }

  has(text: string): boolean {
    return this.first.has(text);
  }

  get size(): number {
    return this.first.size;
  }

  texts(): IterableIterator<string> {
    return this.first.keys();
  }

  /** Every occurrence of a value, in text order. */
  places(text: string): PolicyValue[] {
    const first = this.first.get(text);
    if (!first) return [];
    const repeats = this.repeats.get(text);
    return repeats ? [first, ...repeats] : [first];
  }

  /** Adds the positions of the statements holding a value to `into`. */
  addStatementIndexes(text: string, into: Set<number>): boolean {
    const first = this.first.get(text);
    if (!first) return false;
    into.add(statementIndexOf(first));
    for (const repeat of this.repeats.get(text) ?? []) into.add(statementIndexOf(repeat));
    return true;
  }
}

/** The position of a value's statement, from its path (`Statement[3]...`, or `Statement...` for a lone statement). */
function statementIndexOf(value: PolicyValue): number {
  const index = value.path[1];
  return typeof index === 'number' ? index : 0;
}

/** What shape matching needs of a statement, computed once per statement. */
interface StatementOutline {
  eligible: boolean;
  actionAny: boolean;
  resourceAny: boolean;
  conditions: Map<string, ConditionEntry>;
  resources: readonly PolicyValue[] | undefined;
}

function outlineOf(statement: PolicyStatement): StatementOutline {
  const actions = statement.action?.element === 'Action' ? statement.action.values : undefined;
  const resources =
    statement.resource?.element === 'Resource' ? statement.resource.values : undefined;
  const conditions = new Map<string, ConditionEntry>();
  for (const entry of statement.conditions)
    conditions.set(conditionSignature(entry.operatorText, entry.key), entry);
  return {
    eligible:
      statement.effect === 'Allow' &&
      statement.principal?.element === 'Principal' &&
      statement.principal.any &&
      actions !== undefined &&
      resources !== undefined,
    actionAny: actions?.length === 1 && actions[0]!.value === '*',
    resourceAny: resources?.length === 1 && resources[0]!.value === '*',
    conditions,
    resources,
  };
}

/** The fast form of "shapeDifferences is empty", for trying every shape on every statement. */
function fitsShape(outline: StatementOutline, shape: StatementShape): boolean {
  if (
    !outline.eligible ||
    (shape.actionAny && !outline.actionAny) ||
    (shape.resourceAny && !outline.resourceAny)
  )
    return false;
  if (outline.conditions.size !== shape.conditions.size) return false;
  for (const [signature, literal] of shape.conditions) {
    const entry = outline.conditions.get(signature);
    if (!entry) return false;
    if (
      literal &&
      (entry.values.length !== literal.length ||
        entry.values.some((v, i) => v.value.toLowerCase() !== literal[i]!.toLowerCase()))
    )
      return false;
  }
  return slotValueDifferences(outline.conditions, outline.resources, shape).length === 0;
}

function classifyStatements(model: PolicyModel, context: RecognitionContext): Classified[] {
  const shapes = statementShapes(context.catalog);
  return model.statements.map((statement) => {
    const named = statementOfSid(statement.sid?.value);
    const outline = outlineOf(statement);
    const fitting = shapes.filter((shape) => fitsShape(outline, shape));
    const recognized: RecognizedStatement = {
      index: statement.index,
      path: formatConfigPath(statement.span.path ?? ['Statement']),
      range: context.lines.range(statement.span.offset, statement.span.length),
      differences: [],
      dataAccessPatterns: [],
    };
    if (statement.sid) recognized.sid = statement.sid.value;
    let shape: StatementShape | undefined;
    const namedFit = named ? fitting.find((s) => s.sid === named) : undefined;
    if (namedFit) {
      shape = namedFit;
      recognized.basis = 'sid-and-shape';
    } else if (named) {
      // Named after a catalog statement but not shaped like it: it is not that statement, and
      // describing it as one would credit it with conditions it does not have.
      recognized.basis = 'sid';
      recognized.namedAfter = named;
      // The closest of the named statement's shapes explains the difference best.
      const candidates = shapes
        .filter((s) => s.sid === named)
        .map((s) => ({ s, d: shapeDifferences(statement, s) }));
      const closest = candidates.sort((a, b) => a.d.length - b.d.length)[0];
      recognized.differences = closest?.d ?? [];
    } else if (fitting.length > 0) {
      recognized.basis = 'shape';
      shape =
        fitting.length === 1 ? fitting[0] : pickAmongShapes(statement, fitting, context.catalog);
    }
    if (shape) {
      recognized.statement = shape.sid;
      if (shape.grant) recognized.grant = shape.grant;
    }
    return { statement, recognized };
  });
}

/** Accounts the catalog knows as owners of AWS resources, and the placeholders that stand for them. */
function serviceOwnedAccounts(catalog: Catalog): Set<string> {
  const out = new Set<string>();
  for (const table of catalog.accountTables)
    for (const list of Object.values(table.accounts)) for (const account of list) out.add(account);
  for (const pattern of catalog.patterns)
    if (pattern.accounts) out.add(pattern.accounts.placeholder);
  return out;
}

/** Statement 4 by owning account and statement 6 share a shape; AWS-owned accounts tell them apart. */
function pickAmongShapes(
  statement: PolicyStatement,
  shapes: StatementShape[],
  catalog: Catalog,
): StatementShape {
  const accounts = conditionValues(statement, 'aws:ResourceAccount');
  const owned = serviceOwnedAccounts(catalog);
  const awsOwned = accounts.length > 0 && accounts.every((a) => owned.has(a));
  const preferred = awsOwned
    ? 'AllowRequestsByOrgsIdentitiesToAWSResources'
    : 'AllowRequestsByOrgsIdentitiesToThirdPartyResources';
  return shapes.find((s) => s.sid === preferred) ?? shapes[0]!;
}

function collectPolicyValues(classified: readonly Classified[]): PolicyValues {
  const out: PolicyValues = new Map();
  for (const { statement, recognized } of classified) {
    // Shapes with a grant are the ones patterns feed (a fixed statement's shape has none).
    if (!recognized.statement || !recognized.grant) continue;
    const key = `${recognized.statement}|${recognized.grant}`;
    const map = out.get(key) ?? new ValuePlaces();
    if (recognized.grant !== 'resourceAccount') {
      if (statement.resource?.element === 'Resource')
        for (const v of statement.resource.values) map.add(v);
    } else {
      for (const entry of statement.conditions) {
        if (
          entry.operatorText === 'StringEquals' &&
          entry.key.toLowerCase() === 'aws:resourceaccount'
        )
          for (const v of entry.values) map.add(v);
      }
    }
    out.set(key, map);
  }
  return out;
}

/** Does one of the statement's action patterns cover the pattern's action? */
function actionCovered(action: string, statementActions: readonly string[]): boolean {
  const lower = action.toLowerCase();
  return statementActions.some((granted) => {
    const g = granted.toLowerCase();
    if (g === '*' || g === lower) return true;
    if (!hasWildcard(g)) return false;
    if (hasWildcard(lower))
      return g.endsWith('*') && !hasWildcard(g.slice(0, -1)) && lower.startsWith(g.slice(0, -1));
    return matchesWildcard(g, lower, { ignoreCase: false });
  });
}

interface PatternMatch {
  patterns: RecognizedPattern[];
  /** Accounts of the parameter-fed pattern (Lambda layers) that the policy names. */
  layerAccounts: string[];
  /** Exact bucket names of the patterns found that take them. */
  bucketNames: BucketNames;
  /** Whether a value of the policy comes from one of the patterns found. */
  isMapped(value: string): boolean;
}

const NO_MATCH: PatternMatch = {
  patterns: [],
  layerAccounts: [],
  bucketNames: {},
  isMapped: () => false,
};

function matchPatterns(
  service: string,
  classified: readonly Classified[],
  values: PolicyValues,
  regions: { arn: readonly string[]; account: readonly string[] },
  context: RecognitionContext,
): PatternMatch {
  const { catalog } = context;
  const patterns = catalog.patternsForService(service);
  if (patterns.length === 0) return NO_MATCH;
  const layerCandidates = candidateLayerAccounts(classified);
  const bucketCandidates = candidateBucketNames(classified, patterns, regions.arn);
  const arnExpansion = expandPatterns(
    catalog,
    service,
    regions.arn,
    layerCandidates,
    bucketCandidates,
  );
  const accountExpansion =
    regions.account.join() === regions.arn.join()
      ? arnExpansion
      : expandPatterns(catalog, service, regions.account, layerCandidates, bucketCandidates);
  const actionsOf = new Map(
    classified.map(({ statement }) => [
      statement.index,
      statement.action?.element === 'Action' ? statement.action.values.map((v) => v.value) : [],
    ]),
  );
  const found: Array<RecognizedPattern & { signature: string; defaultSelected: boolean }> = [];
  const layerAccounts = new Set<string>();
  for (const pattern of patterns) {
    const expansion = pattern.grant === 'resourceAccount' ? accountExpansion : arnExpansion;
    const patternValues = expansion.valuesByPattern.get(pattern.id);
    const present = values.get(`${pattern.statement}|${pattern.grant}`);
    if (!patternValues || patternValues.size === 0 || !present) continue;
    // One pass over the pattern's values: which the policy has, where, and which it lacks.
    const matched: string[] = [];
    const missing: string[] = [];
    const indexes = new Set<number>();
    for (const value of patternValues) {
      if (present.addStatementIndexes(value, indexes)) matched.push(value);
      else missing.push(value);
    }
    if (matched.length === 0) continue;
    const parameterFed = pattern.accounts !== undefined && 'parameter' in pattern.accounts;
    const statementIndexes = [...indexes].sort((a, b) => a - b);
    const granted = statementIndexes.flatMap((i) => actionsOf.get(i) ?? []);
    const missingActions = pattern.actions.filter((a) => !actionCovered(a, granted));
    const missingValues = parameterFed ? [] : missing;
    if (parameterFed)
      for (const value of matched) layerAccounts.add(splitArn(value)?.account ?? '');
    found.push({
      id: pattern.id,
      title: pattern.title,
      statement: pattern.statement,
      statementIndexes,
      complete: missingValues.length === 0 && missingActions.length === 0,
      presentValues: matched,
      missingValues,
      missingActions,
      indistinguishableFrom: [],
      signature: expansion.signatures.get(pattern.id) ?? pattern.id,
      defaultSelected: pattern.defaultSelected,
    });
  }
  // Patterns with identical values cannot be told apart; keep the ones the catalog turns on by default.
  const bySignature = new Map<string, typeof found>();
  for (const match of found)
    bySignature.set(match.signature, [...(bySignature.get(match.signature) ?? []), match]);
  const kept: RecognizedPattern[] = [];
  for (const group of bySignature.values()) {
    const defaults = group.filter((m) => m.defaultSelected);
    const keep = group.length > 1 && defaults.length > 0 ? defaults : group;
    for (const match of keep) {
      const { signature: _s, defaultSelected: _d, ...pattern } = match;
      pattern.indistinguishableFrom = group.filter((m) => m !== match).map((m) => m.id);
      kept.push(pattern);
    }
  }
  kept.sort((a, b) => catalog.patternIndex(a.id) - catalog.patternIndex(b.id));
  layerAccounts.delete('');
  // Values of patterns that were found, also of those dropped as indistinguishable (they share the values).
  const foundIds = new Set(found.map((m) => m.id));
  const isMapped = (value: string) =>
    (arnExpansion.patternsByValue.get(value) ?? []).some((id) => foundIds.has(id)) ||
    (accountExpansion.patternsByValue.get(value) ?? []).some((id) => foundIds.has(id));
  const bucketNames = Object.fromEntries(
    Object.entries(bucketCandidates).filter(([id]) => foundIds.has(id)),
  );
  return { patterns: kept, layerAccounts: [...layerAccounts].sort(), bucketNames, isMapped };
}

/** Bucket names of the policy that have the shape of a pattern that takes exact names, per region. */
function candidateBucketNames(
  classified: readonly Classified[],
  patterns: readonly DataAccessPattern[],
  regions: readonly string[],
): BucketNames {
  const named = patterns.filter((p) => p.bucketNames);
  if (named.length === 0) return {};
  const buckets = new Set<string>();
  for (const { statement, recognized } of classified) {
    if (!recognized.grant || statement.resource?.element !== 'Resource') continue;
    for (const value of statement.resource.values) {
      if (!value.value.includes(':s3:::')) continue;
      const bucket = strangerOwnablePart(value.value);
      if (bucket && !hasWildcard(bucket) && !hasPlaceholder(bucket)) buckets.add(bucket);
    }
  }
  const out: BucketNames = {};
  for (const pattern of named) {
    for (const region of regions) {
      const names = [...buckets]
        .filter((b) => fitsBucketShape(b, pattern.bucketNames!, region))
        .sort()
        .slice(0, 20);
      if (names.length > 0) (out[pattern.id] ??= {})[region] = names;
    }
  }
  return out;
}

/** Accounts named in Lambda layer ARNs: candidates for the "layers of accounts you name" pattern. */
function candidateLayerAccounts(classified: readonly Classified[]): string[] {
  const out = new Set<string>();
  for (const { statement, recognized } of classified) {
    if (recognized.grant !== 'arn' || statement.resource?.element !== 'Resource') continue;
    for (const value of statement.resource.values) {
      const arn = value.value.includes(':lambda:') ? splitArn(value.value) : undefined;
      if (arn?.service === 'lambda' && ACCOUNT_ID_PATTERN.test(arn.account)) out.add(arn.account);
    }
  }
  return [...out].sort().slice(0, 100);
}

// ---------------------------------------------------------------------------------------------
// Service and regions

function candidateServices(
  model: PolicyModel,
  context: RecognitionContext,
): { ids: string[]; fromNames: boolean } {
  const { catalog } = context;
  if (context.service && catalog.service(context.service))
    return { ids: [context.service], fromNames: true };
  const prefixes = new Set<string>();
  for (const statement of model.statements) {
    for (const value of statement.action?.values ?? []) {
      const prefix = /^([a-z0-9-]+):/i.exec(value.value)?.[1];
      if (prefix) prefixes.add(prefix.toLowerCase());
    }
    for (const value of statement.resource?.values ?? []) {
      const arn = splitArn(value.value);
      if (arn && arn.service && !hasWildcard(arn.service)) prefixes.add(arn.service);
    }
  }
  const byName = catalog.services
    .filter((s) => prefixes.has(s.id) || prefixes.has(s.id.split('.')[0]!))
    .map((s) => s.id);
  if (byName.length > 0) return { ids: byName, fromNames: true };
  return { ids: [...new Set(catalog.patterns.flatMap((p) => p.services))], fromNames: false };
}

function regionsOfPolicy(model: PolicyModel, context: RecognitionContext): string[] {
  const found = new Set<string>(context.regions ?? []);
  for (const statement of model.statements) {
    for (const value of statement.resource?.values ?? []) {
      for (const region of context.regionFinder.find(value.value)) found.add(region.code);
    }
  }
  return canonicalRegions([...found], context.catalog);
}

/** Regions whose service-owned accounts (of the service's patterns) the policy lists in full. */
function regionsOfAccounts(
  service: string,
  values: PolicyValues,
  context: RecognitionContext,
): string[] {
  const present = new Set<string>();
  for (const [key, map] of values)
    if (key.endsWith('|resourceAccount')) for (const value of map.texts()) present.add(value);
  if (present.size === 0) return [];
  const out = new Set<string>();
  for (const pattern of context.catalog.patternsForService(service)) {
    if (pattern.grant !== 'resourceAccount' || !pattern.accounts || !('table' in pattern.accounts))
      continue;
    const table = context.catalog.accountTable(pattern.accounts.table);
    for (const [region, accounts] of Object.entries(table?.accounts ?? {})) {
      if (accounts.every((a) => present.has(a))) out.add(region);
    }
  }
  return canonicalRegions([...out], context.catalog);
}

// ---------------------------------------------------------------------------------------------
// Adoption

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
const exclusionTagSchema = parametersSchema.shape.exclusionTag;

function buildAdoption(
  model: PolicyModel,
  classified: readonly Classified[],
  service: string | undefined,
  match: PatternMatch,
  values: PolicyValues,
  regions: string[],
  context: RecognitionContext,
): PolicyAdoption {
  const { patterns, layerAccounts, isMapped } = match;
  const { catalog, lines } = context;
  const unmapped: UnmappedElement[] = [];
  const notes: string[] = [];
  let unlisted = 0;
  const addUnmapped = (
    span: Span | undefined,
    reason: string,
    statementIndex?: number,
    value?: string,
  ) => {
    if (unmapped.length >= MAX_UNMAPPED) {
      unlisted++;
      return;
    }
    const item: UnmappedElement = {
      path: span?.path ? formatConfigPath(span.path) : '(top level)',
      reason,
    };
    if (span) item.range = lines.range(span.offset, span.length);
    if (statementIndex !== undefined) item.statementIndex = statementIndex;
    if (value !== undefined) item.value = value;
    unmapped.push(item);
  };

  const present = new Set<StatementSid>();
  const organizationIds = new Set<string>();
  const thirdParty: Partial<
    Record<StatementSid, { accounts: Set<string>; actions: Set<string>; resources: Set<string> }>
  > = {};
  let exclusionTag: { key: string; value: string } | undefined;

  for (const { statement, recognized } of classified) {
    const sid = recognized.statement;
    if (!sid) {
      addUnmapped(
        statement.span,
        recognized.namedAfter
          ? `Its Sid names ${recognized.namedAfter}, but ${recognized.differences.join('; ')}. The builder cannot express it as it is; turn ${recognized.namedAfter} on in the builder if you want the catalog form.`
          : 'This statement is none of the seven statements of a data perimeter; the builder cannot express it.',
        statement.index,
      );
      continue;
    }
    present.add(sid);
    for (const id of [
      ...conditionValues(statement, 'aws:PrincipalOrgID'),
      ...conditionValues(statement, 'aws:ResourceOrgID'),
    ]) {
      if (ORGANIZATION_ID_PATTERN.test(id)) organizationIds.add(id);
    }
    if (sid === 'AllowRequestsByOrgsIdentitiesToAnyResources') {
      const tag = statement.conditions.find(
        (c) => c.operatorText === 'StringEquals' && c.key.toLowerCase().startsWith(TAG_KEY_PREFIX),
      );
      if (
        tag &&
        tag.values.length === 1 &&
        !hasPlaceholder(tag.key) &&
        !hasPlaceholder(tag.values[0]!.value)
      ) {
        const candidate = {
          key: tag.key.slice(TAG_KEY_PREFIX.length),
          value: tag.values[0]!.value,
        };
        if (validIn(exclusionTagSchema, candidate)) exclusionTag = candidate;
        else
          addUnmapped(
            tag.span,
            'The builder cannot express this exclusion tag (a key of letters, digits, spaces and _.:/=+-@ and a single value).',
            statement.index,
          );
      } else if (tag && tag.values.length > 1) {
        addUnmapped(
          tag.span,
          'The builder takes one value for the exclusion tag.',
          statement.index,
        );
      }
    }
    if (
      sid === 'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources' ||
      sid === 'AllowRequestsByOrgsIdentitiesToThirdPartyResources'
    ) {
      const entry = (thirdParty[sid] ??= {
        accounts: new Set(),
        actions: new Set(),
        resources: new Set(),
      });
      const principalAccounts = conditionValues(statement, 'aws:PrincipalAccount');
      const resourceAccounts = conditionValues(statement, 'aws:ResourceAccount');
      if (
        sid === 'AllowRequestsByThirdPartyIdentitiesToThirdPartyResources' &&
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
            addUnmapped(
              value,
              `The builder cannot take "${value.value}" as ${what}.`,
              statement.index,
              value.value,
            );
        }
      };
      const accountValues = statement.conditions
        .filter(
          (c) =>
            c.operatorText === 'StringEquals' && /^aws:(principal|resource)account$/i.test(c.key),
        )
        .flatMap((c) => c.values);
      add(
        entry.accounts,
        accountValues,
        (v) => ACCOUNT_ID_PATTERN.test(v),
        'a third-party account id',
      );
      if (statement.action?.element === 'Action')
        add(
          entry.actions,
          statement.action.values,
          (v) => validIn(thirdPartyField.actions, [v]),
          'a third-party action',
        );
      if (statement.resource?.element === 'Resource')
        add(
          entry.resources,
          statement.resource.values,
          (v) => validIn(thirdPartyField.resources, [v]),
          'a third-party resource',
        );
    }
  }

  // Values of pattern-fed statements that no recognized pattern accounts for.
  const patternActions = new Set(
    patterns.flatMap((p) => catalog.pattern(p.id)?.actions ?? []).map((a) => a.toLowerCase()),
  );
  for (const map of values.values()) {
    for (const value of map.texts()) {
      if (isMapped(value) || hasPlaceholder(value)) continue;
      for (const place of map.places(value)) {
        addUnmapped(
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
  for (const { statement, recognized } of classified) {
    if (!recognized.statement || !recognized.grant || statement.action?.element !== 'Action')
      continue;
    for (const action of statement.action.values) {
      const lower = action.value.toLowerCase();
      if (lower === '*' || patternActions.has(lower) || hasPlaceholder(lower)) continue;
      addUnmapped(
        action,
        `The action ${action.value} comes from no recognized data access pattern; the builder grants only the actions of the patterns.`,
        statement.index,
        action.value,
      );
    }
  }

  const orgList = [...organizationIds].sort();
  if (orgList.length > MAX_ORGANIZATION_IDS)
    notes.push(
      `The policy names ${orgList.length} organizations; the configuration takes the first ${MAX_ORGANIZATION_IDS}.`,
    );
  if (unlisted > 0)
    notes.push(
      `${formatCount(unlisted)} more elements that the builder cannot express are not listed.`,
    );
  const config: PerimeterConfig = {
    version: CONFIG_VERSION,
    organizationIds: orgList.slice(0, MAX_ORGANIZATION_IDS),
    regions,
    services: service ? [service] : [],
  };
  const toggles = Object.fromEntries(
    STATEMENT_SIDS.map((sid) => [sid, present.has(sid)]),
  ) as Record<StatementSid, boolean>;
  if (service) config.serviceStatements = { [service]: toggles };
  else config.statements = toggles;
  if (service) {
    const recognizedIds = new Set(patterns.map((p) => p.id));
    const servicePatterns: readonly DataAccessPattern[] = catalog.patternsForService(service);
    if (servicePatterns.length > 0)
      config.dataAccessPatterns = Object.fromEntries(
        servicePatterns.map((p) => [p.id, recognizedIds.has(p.id)]),
      );
  }
  const parameters: NonNullable<PerimeterConfig['parameters']> = {};
  if (
    exclusionTag &&
    (exclusionTag.key !== DEFAULT_EXCLUSION_TAG.key ||
      exclusionTag.value !== DEFAULT_EXCLUSION_TAG.value)
  )
    parameters.exclusionTag = exclusionTag;
  if (layerAccounts.length > 0) parameters.lambdaLayerAccounts = [...layerAccounts];
  if (Object.keys(match.bucketNames).length > 0) parameters.bucketNames = match.bucketNames;
  const thirdPartyParameters = (sid: StatementSid): ThirdPartyParameters | undefined => {
    const entry = thirdParty[sid];
    if (!entry) return undefined;
    const out: ThirdPartyParameters = {};
    if (entry.accounts.size > 0) out.accounts = [...entry.accounts].sort().slice(0, 500);
    if (entry.actions.size > 0) out.actions = [...entry.actions].sort().slice(0, 500);
    if (entry.resources.size > 0) out.resources = [...entry.resources].sort().slice(0, 500);
    return Object.keys(out).length > 0 ? out : undefined;
  };
  const external = thirdPartyParameters('AllowRequestsByThirdPartyIdentitiesToThirdPartyResources');
  if (external) parameters.thirdPartyIdentitiesToThirdPartyResources = external;
  const outbound = thirdPartyParameters('AllowRequestsByOrgsIdentitiesToThirdPartyResources');
  if (outbound) parameters.orgIdentitiesToThirdPartyResources = outbound;
  if (Object.keys(parameters).length > 0) config.parameters = parameters;
  config.output = { format: detectFormat(context.text) };
  if (!service)
    notes.push('The endpoint service could not be told from the policy; choose it in the builder.');
  if (model.statements.some((s) => s.effect === 'Deny'))
    notes.push('The builder generates Allow statements only; Deny statements are not adopted.');
  return { config, unmapped, notes };
}

// ---------------------------------------------------------------------------------------------

export function recognizePolicy(
  model: PolicyModel,
  context: RecognitionContext,
): PolicyRecognition {
  const { catalog } = context;
  const classified = classifyStatements(model, context);
  const values = collectPolicyValues(classified);
  const arnRegions = regionsOfPolicy(model, context);

  const candidates = candidateServices(model, context);
  let service: string | undefined;
  let match: PatternMatch = NO_MATCH;
  let accountRegions = arnRegions;
  const scored: Array<{ id: string; match: PatternMatch; accountRegions: string[] }> = [];
  const hasPatternValues = [...values.values()].some((m) => m.size > 0);
  for (const id of candidates.ids) {
    if (!hasPatternValues || catalog.patternsForService(id).length === 0) continue;
    const fromAccounts = regionsOfAccounts(id, values, context);
    const forAccounts = canonicalRegions([...arnRegions, ...fromAccounts], catalog);
    scored.push({
      id,
      match: matchPatterns(
        id,
        classified,
        values,
        { arn: arnRegions, account: forAccounts },
        context,
      ),
      accountRegions: forAccounts,
    });
  }
  const ownTemplate = (id: string) => catalog.service(id)?.template !== 'default';
  scored.sort(
    (a, b) =>
      b.match.patterns.length - a.match.patterns.length ||
      Number(ownTemplate(b.id)) - Number(ownTemplate(a.id)) ||
      catalog.serviceIndex(a.id) - catalog.serviceIndex(b.id),
  );
  const best = scored[0];
  if (best && (best.match.patterns.length > 0 || candidates.fromNames)) {
    service = best.id;
    match = best.match;
    accountRegions = best.accountRegions;
  } else if (candidates.fromNames) {
    service = [...candidates.ids].sort(
      (a, b) =>
        Number(ownTemplate(b)) - Number(ownTemplate(a)) ||
        catalog.serviceIndex(a) - catalog.serviceIndex(b),
    )[0];
  }

  for (const { recognized } of classified) {
    recognized.dataAccessPatterns = match.patterns
      .filter((p) => p.statementIndexes.includes(recognized.index))
      .map((p) => p.id);
  }

  // An endpoint policy of account-only patterns says nothing about its regions but through the accounts.
  const regions = arnRegions.length > 0 ? arnRegions : accountRegions;
  const adoption = buildAdoption(model, classified, service, match, values, regions, context);
  if (arnRegions.length === 0 && accountRegions.length > 0) {
    adoption.notes.push(
      `The regions (${accountRegions.join(', ')}) were inferred from the AWS service accounts in aws:ResourceAccount; check them.`,
    );
  }

  const serviceEntry = service ? catalog.service(service) : undefined;
  const template = serviceEntry?.template ?? 'default';
  const presentSids = new Set(
    classified.map((c) => c.recognized.statement).filter((s): s is StatementSid => s !== undefined),
  );
  const recognizedPatternIds = new Set(match.patterns.map((p) => p.id));
  const result: PolicyRecognition = {
    template,
    regions,
    partitions: [
      ...new Set(
        regions
          .map((r) => catalog.region(r)?.partition)
          .filter((p): p is NonNullable<typeof p> => p !== undefined),
      ),
    ],
    statements: classified.map((c) => c.recognized),
    dataAccessPatterns: match.patterns,
    missing: {
      statements: (catalog.template(template)?.statements ?? []).filter(
        (sid) => !presentSids.has(sid),
      ),
      dataAccessPatterns: service
        ? catalog
            .patternsForService(service)
            .filter((p) => p.defaultSelected && !recognizedPatternIds.has(p.id))
            .map((p) => p.id)
        : [],
    },
    adoption,
  };
  if (service) {
    // Alternatives: services the policy fits as well as the chosen one.
    const chosen = scored.find((s) => s.id === service);
    const alternatives =
      chosen && chosen.match.patterns.length > 0
        ? scored
            .filter(
              (s) => s.id !== service && s.match.patterns.length === chosen.match.patterns.length,
            )
            .map((s) => s.id)
        : candidates.fromNames
          ? candidates.ids.filter((id) => id !== service)
          : [];
    result.service = {
      id: service,
      basis: context.service === service ? 'option' : 'guess',
      alternatives: alternatives.slice(0, 10),
    };
  }
  return result;
}
