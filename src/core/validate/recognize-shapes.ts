/**
 * Recognition, statement shapes: the shape of each catalog statement (its Action and Resource,
 * its condition keys and the literal values they take) and which of them a policy statement has,
 * by Sid and by shape.
 */
import type { Catalog } from '../catalog/catalog';
import { declares, thirdPartyParameterOf } from '../catalog/statement-parameters';
import {
  ORGANIZATION_ID_PATTERN,
  STATEMENT_SIDS,
  isStatementSid,
  type StatementSid,
} from '../catalog/ids';
import type { GrantKind, StatementTemplate } from '../catalog/schema';
import { formatJsonPath } from '../text/json-path';

import { hasWildcard } from '../policy/arn';
import type {
  ConditionEntry,
  PolicyModel,
  ParsedStatement,
  PolicyValue,
} from '../policy/policy-model';
import type { RecognitionContext, RecognizedStatement } from './recognize';
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

export const TAG_KEY_PREFIX = 'aws:principaltag/';
export const conditionSignature = (operator: string, key: string) => {
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
function shapeDifferences(statement: ParsedStatement, shape: StatementShape): string[] {
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

export function conditionValues(
  statement: ParsedStatement,
  key: string,
  operator = 'StringEquals',
): string[] {
  const lower = key.toLowerCase();
  return statement.conditions
    .filter((c) => c.operatorText === operator && c.key.toLowerCase() === lower)
    .flatMap((c) => c.values.map((v) => v.value));
}

// ---------------------------------------------------------------------------------------------

export interface Classified {
  statement: ParsedStatement;
  recognized: RecognizedStatement;
}

interface StatementOutline {
  eligible: boolean;
  actionAny: boolean;
  resourceAny: boolean;
  conditions: Map<string, ConditionEntry>;
  resources: readonly PolicyValue[] | undefined;
}

function outlineOf(statement: ParsedStatement): StatementOutline {
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

export function classifyStatements(model: PolicyModel, context: RecognitionContext): Classified[] {
  const shapes = statementShapes(context.catalog);
  return model.statements.map((statement) => {
    const named = statementOfSid(statement.sid?.value);
    const outline = outlineOf(statement);
    const fitting = shapes.filter((shape) => fitsShape(outline, shape));
    const recognized: RecognizedStatement = {
      index: statement.index,
      path: formatJsonPath(statement.span.path ?? ['Statement']),
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

/**
 * Statements that share a shape (ours to AWS resources by owning account, and ours to a third
 * party's resources) are told apart by the accounts: AWS-owned accounts come from the catalog's
 * account tables (`accountIds`), others are a third party's.
 */
function pickAmongShapes(
  statement: ParsedStatement,
  shapes: StatementShape[],
  catalog: Catalog,
): StatementShape {
  const accounts = conditionValues(statement, 'aws:ResourceAccount');
  const owned = serviceOwnedAccounts(catalog);
  const awsOwned = accounts.length > 0 && accounts.every((a) => owned.has(a));
  const preferred = shapes.find((shape) => {
    const entry = catalog.statement(shape.sid);
    return awsOwned ? declares(entry, 'accountIds') : thirdPartyParameterOf(entry) !== undefined;
  });
  return preferred ?? shapes[0]!;
}
