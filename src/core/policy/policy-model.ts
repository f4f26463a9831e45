/**
 * The endpoint policy as a model with positions: every element and value keeps its offset in the
 * text, so the checks, the recognition and the editor can point at it. Reading the model checks the
 * policy grammar (which elements exist, which values they take); a malformed element is reported
 * and left out of the model, and the rest is still read.
 */
import type { Node } from 'jsonc-parser';
import { BUDGETS, overBudgetMessage } from '../budgets';
import { NO_STATEMENTS_MESSAGE } from '../diagnostic-messages';
import type { DiagnosticCode } from '../diagnostics';
import { suggest } from '../text/suggest';
import type { JsonPath } from '../text/json-path';
import { readConditionOperator, type ConditionOperator } from './condition-operators';
import type { Findings, Span } from './findings';
import { readJsonNumber } from './json-number';

/** A scalar of the policy with its place in the text. */
export interface PolicyValue extends Span {
  /** The value as text; numbers as the policy writes them (`1e3`, not `1000`). */
  value: string;
  kind: 'string' | 'number' | 'boolean';
  path: JsonPath;
}

/** `Action`/`NotAction` or `Resource`/`NotResource`: one string or a list of strings. */
export interface ValueListElement<Name extends string> {
  element: Name;
  key: Span;
  span: Span;
  values: PolicyValue[];
}

export interface PrincipalEntry {
  /** `AWS`, `Service`, `Federated` or `CanonicalUser`. */
  type: string;
  value: PolicyValue;
}

export interface PrincipalElement {
  element: 'Principal' | 'NotPrincipal';
  key: Span;
  span: Span;
  /** `"*"` or `{"AWS": "*"}`: every principal, signed or not. */
  any: boolean;
  entries: PrincipalEntry[];
}

/** One key of one operator of a Condition block. */
export interface ConditionEntry {
  operatorText: string;
  operatorSpan: Span;
  /** Absent when the operator is unknown (already reported). */
  operator?: ConditionOperator;
  key: string;
  keySpan: Span;
  /** The whole `"key": values` property. */
  span: Span;
  values: PolicyValue[];
}

export interface ParsedStatement {
  index: number;
  span: Span;
  sid?: PolicyValue;
  effect?: 'Allow' | 'Deny';
  effectSpan?: Span;
  principal?: PrincipalElement;
  action?: ValueListElement<'Action' | 'NotAction'>;
  resource?: ValueListElement<'Resource' | 'NotResource'>;
  conditions: ConditionEntry[];
  conditionSpan?: Span;
}

export interface PolicyModel {
  span: Span;
  version?: PolicyValue;
  statements: ParsedStatement[];
  statementSpan?: Span;
  /** Statements left unread because the text is far beyond the quota. */
  unreadStatements?: number;
}

const TOP_LEVEL_ELEMENTS = ['Version', 'Id', 'Statement'];
const STATEMENT_ELEMENTS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];
const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'];
export const CURRENT_POLICY_VERSION = '2012-10-17';
const OLD_POLICY_VERSION = '2008-10-17';

/** The codes of a statement that has both forms of a list element, or neither. */
const LIST_ELEMENT_CODES = {
  Action: { both: 'grammar/action-and-notaction', missing: 'grammar/missing-action' },
  Resource: { both: 'grammar/resource-and-notresource', missing: 'grammar/missing-resource' },
} as const satisfies Record<string, { both: DiagnosticCode; missing: DiagnosticCode }>;

const span = (node: Node, path?: JsonPath): Span =>
  path
    ? { offset: node.offset, length: node.length, path }
    : { offset: node.offset, length: node.length };

/** A number as the policy writes it: JSON's reading may differ (1e400 is read as Infinity). */
function writtenNumber(node: Node, findings: Findings): string {
  return findings.lines.text.slice(node.offset, node.offset + node.length);
}

const cut = (text: string) => (text.length > 40 ? `${text.slice(0, 37)}...` : text);

function describeNode(node: Node, findings: Findings): string {
  switch (node.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'string':
      return `"${cut(String(node.value))}"`;
    case 'null':
      return 'null';
    case 'number':
      return cut(writtenNumber(node, findings));
    default:
      return String(node.value);
  }
}

function scalar(node: Node, path: JsonPath, findings: Findings): PolicyValue | undefined {
  if (node.type !== 'string' && node.type !== 'number' && node.type !== 'boolean') return undefined;
  return {
    value:
      node.type === 'string'
        ? (node.value as string)
        : node.type === 'number'
          ? writtenNumber(node, findings)
          : String(node.value),
    kind: node.type,
    offset: node.offset,
    length: node.length,
    path,
  };
}

interface Property {
  key: string;
  keyNode: Node;
  value: Node;
  node: Node;
}

function propertiesOf(node: Node): Property[] {
  const out: Property[] = [];
  for (const property of node.children ?? []) {
    const [keyNode, value] = property.children ?? [];
    if (keyNode && value && typeof keyNode.value === 'string')
      out.push({ key: keyNode.value, keyNode, value, node: property });
  }
  return out;
}

/** Elements of the policy language are case-sensitive; a near miss gets a pointed hint. */
function reportUnknownElement(
  findings: Findings,
  property: Property,
  known: readonly string[],
  where: string,
  path: JsonPath,
): void {
  const sameLetters = known.find((k) => k.toLowerCase() === property.key.toLowerCase());
  const guess =
    sameLetters ??
    suggest(
      property.key,
      known.map((k) => k.toLowerCase()),
    );
  const proper = guess ? (known.find((k) => k.toLowerCase() === guess) ?? guess) : undefined;
  findings.error(
    'grammar/unknown-element',
    sameLetters
      ? `"${property.key}" must be written "${sameLetters}": element names are case-sensitive.`
      : `Unknown element "${property.key}" in ${where}; AWS rejects a policy with elements it does not know.`,
    span(property.keyNode, [...path, property.key]),
    {
      hint: proper
        ? `Did you mean "${proper}"? ${where === 'the policy' ? 'A policy has' : 'A statement has'} ${known.join(', ')}.`
        : `${where === 'the policy' ? 'A policy has' : 'A statement has'} ${known.join(', ')}.`,
    },
  );
}

/**
 * The items of a list of values up to the budget of values per element; past it, an error on the
 * list, and the rest is not read (so no check or match ever runs over more).
 */
function withinValueBudget(
  items: readonly Node[],
  list: Node,
  path: JsonPath,
  findings: Findings,
): readonly Node[] {
  const limit = BUDGETS.elementValues.limit;
  if (items.length <= limit) return items;
  findings.error(
    'budget/element-values',
    overBudgetMessage('elementValues', items.length),
    span(list, path),
    {
      hint: 'An endpoint policy within its 20,480-character quota never needs that many; check that this is the right file.',
    },
  );
  return items.slice(0, limit);
}

/** Reads a string or a non-empty list of strings. */
function readStringList(
  property: Property,
  path: JsonPath,
  findings: Findings,
  what: string,
): PolicyValue[] | undefined {
  const node = property.value;
  const elementPath = [...path, property.key];
  if (node.type === 'string') return [scalar(node, elementPath, findings)!];
  if (node.type !== 'array') {
    findings.error(
      'grammar/invalid-value',
      `${property.key} must be a string or a list of strings, not ${describeNode(node, findings)}.`,
      span(node, elementPath),
      { hint: `Write ${what}.` },
    );
    return undefined;
  }
  const items = node.children ?? [];
  if (items.length === 0) {
    findings.error(
      'grammar/empty-list',
      `${property.key} is an empty list; it must name at least one value.`,
      span(node, elementPath),
      { hint: `Write ${what}.` },
    );
    return undefined;
  }
  const values: PolicyValue[] = [];
  withinValueBudget(items, node, elementPath, findings).forEach((item, i) => {
    if (item.type === 'string') values.push(scalar(item, [...elementPath, i], findings)!);
    else
      findings.error(
        'grammar/invalid-value',
        `Each value of ${property.key} must be a string, not ${describeNode(item, findings)}.`,
        span(item, [...elementPath, i]),
      );
  });
  return values.length > 0 ? values : undefined;
}

function readPrincipal(
  property: Property,
  path: JsonPath,
  findings: Findings,
): PrincipalElement | undefined {
  const element = property.key as 'Principal' | 'NotPrincipal';
  const elementPath = [...path, element];
  const node = property.value;
  const base = { element, key: span(property.keyNode, elementPath), span: span(node, elementPath) };
  if (node.type === 'string') {
    if (node.value === '*') return { ...base, any: true, entries: [] };
    findings.error(
      'grammar/invalid-principal',
      `${element} must be "*" or an object such as {"AWS": "..."}, not ${describeNode(node, findings)}.`,
      span(node, elementPath),
      {
        hint: `Write "${element}": "*" and narrow with a condition, or "${element}": {"AWS": ${JSON.stringify(node.value)}}.`,
      },
    );
    return undefined;
  }
  if (node.type !== 'object') {
    findings.error(
      'grammar/invalid-principal',
      `${element} must be "*" or an object such as {"AWS": "..."}, not ${describeNode(node, findings)}.`,
      span(node, elementPath),
    );
    return undefined;
  }
  const entries: PrincipalEntry[] = [];
  let any = false;
  const properties = propertiesOf(node);
  if (properties.length === 0) {
    findings.error(
      'grammar/invalid-principal',
      `${element} is an empty object; it must name at least one principal.`,
      span(node, elementPath),
    );
    return undefined;
  }
  for (const entry of properties) {
    if (!PRINCIPAL_TYPES.includes(entry.key)) {
      const sameLetters = PRINCIPAL_TYPES.find((t) => t.toLowerCase() === entry.key.toLowerCase());
      findings.error(
        'grammar/invalid-principal',
        sameLetters
          ? `"${entry.key}" must be written "${sameLetters}".`
          : `Unknown principal type "${entry.key}"; a principal is one of ${PRINCIPAL_TYPES.join(', ')}.`,
        span(entry.keyNode, [...elementPath, entry.key]),
      );
      continue;
    }
    const values = readStringList(
      entry,
      elementPath,
      findings,
      `principal ${entry.key === 'AWS' ? 'account ids or ARNs' : 'names'}`,
    );
    for (const value of values ?? []) {
      if (entry.key === 'AWS' && value.value === '*') any = true;
      entries.push({ type: entry.key, value });
    }
  }
  return { ...base, any, entries };
}

/**
 * Reads one operator key of a Condition block, reporting an unknown operator or one written in a
 * case other than the documented one; an unknown operator gives undefined and its keys are still read.
 */
function readOperatorKey(
  block: Property,
  operatorSpan: Span,
  findings: Findings,
): ConditionOperator | undefined {
  const reading = readConditionOperator(block.key);
  if (!reading.ok) {
    findings.error(
      'condition/unknown-operator',
      `${reading.problem[0]!.toUpperCase()}${reading.problem.slice(1)}.`,
      operatorSpan,
      {
        hint: reading.suggestion
          ? `Did you mean "${reading.suggestion}"?`
          : 'Operators: StringEquals, StringLike, ArnLike, Bool, NumericLessThan, DateGreaterThan, IpAddress, Null, ... with an optional IfExists suffix and ForAllValues:/ForAnyValue: prefix.',
      },
    );
    return undefined;
  }
  if (reading.documented) {
    findings.warning(
      'condition/operator-case',
      `The operator "${block.key}" is documented as "${reading.documented}".`,
      operatorSpan,
      { hint: `Write "${reading.documented}".` },
    );
  }
  return reading.operator;
}

/**
 * A condition number that JSON does not read as written: one beyond the largest number JSON holds
 * is an error; one whose digits are rounded away (or that is read as 0) a warning that says what is
 * read instead.
 */
function checkConditionNumber(value: PolicyValue, findings: Findings): void {
  if (value.kind !== 'number') return;
  const reading = readJsonNumber(value.value);
  const shown = cut(value.value);
  if (reading.kind === 'too-large') {
    findings.error(
      'condition/number-too-large',
      `${shown} is ${reading.value > 0 ? 'too large' : 'too far below zero'} to be a number IAM accepts.`,
      value,
      { hint: 'A JSON number ends near 1.8e308; check the value for a typing mistake.' },
    );
  } else if (reading.kind === 'rounded') {
    findings.warning(
      'condition/number-rounded',
      reading.value === 0
        ? `${shown} is too close to zero for a JSON number: it is read as 0.`
        : `${shown} has more digits than a JSON number holds: it is read as ${String(reading.value)}.`,
      value,
      {
        hint: 'Write the value with at most 15 significant digits, or in quotes if it is an identifier rather than a quantity.',
      },
    );
  }
}

/**
 * The values of one condition key: a scalar or a list of scalars. Undefined when the value is of
 * no usable kind (reported), so the key is left out of the model; an empty list is reported but
 * kept, since it still names the key.
 */
function readConditionValues(
  keyProperty: Property,
  keyPath: JsonPath,
  findings: Findings,
): PolicyValue[] | undefined {
  const valueNode = keyProperty.value;
  const values: PolicyValue[] = [];
  const single = scalar(valueNode, keyPath, findings);
  if (single) {
    checkConditionNumber(single, findings);
    values.push(single);
    return values;
  }
  if (valueNode.type !== 'array') {
    findings.error(
      'grammar/invalid-condition-value',
      `The value of ${keyProperty.key} must be a string, a number, true/false or a list of them, not ${describeNode(valueNode, findings)}.`,
      span(valueNode, keyPath),
    );
    return undefined;
  }
  const items = valueNode.children ?? [];
  if (items.length === 0) {
    findings.error(
      'grammar/empty-list',
      `The condition key ${keyProperty.key} has an empty list of values; no request can match it.`,
      span(valueNode, keyPath),
      { hint: 'Give at least one value.' },
    );
  }
  withinValueBudget(items, valueNode, keyPath, findings).forEach((item, i) => {
    const value = scalar(item, [...keyPath, i], findings);
    if (value) {
      checkConditionNumber(value, findings);
      values.push(value);
    } else
      findings.error(
        'grammar/invalid-condition-value',
        `A condition value must be a string, a number or true/false, not ${describeNode(item, findings)}.`,
        span(item, [...keyPath, i]),
      );
  });
  return values;
}

/** The entries of one operator block (`"StringEquals": {...}`), one per condition key. */
function readOperatorBlock(
  block: Property,
  conditionPath: JsonPath,
  findings: Findings,
): ConditionEntry[] {
  const blockPath = [...conditionPath, block.key];
  const operatorSpan = span(block.keyNode, blockPath);
  const operator = readOperatorKey(block, operatorSpan, findings);
  if (block.value.type !== 'object') {
    findings.error(
      'grammar/invalid-condition',
      `The operator ${block.key} must hold an object of condition keys, not ${describeNode(block.value, findings)}.`,
      span(block.value, blockPath),
      {
        hint: `Write "${block.key}": {"aws:PrincipalOrgID": "o-..."}.`,
      },
    );
    return [];
  }
  const keys = propertiesOf(block.value);
  if (keys.length === 0) {
    findings.warning(
      'grammar/empty-condition-operator',
      `The operator ${block.key} has no condition key, so it tests nothing.`,
      span(block.value, blockPath),
      { hint: 'Add a key or remove the operator.' },
    );
  }
  const entries: ConditionEntry[] = [];
  for (const keyProperty of keys) {
    const keyPath = [...blockPath, keyProperty.key];
    const values = readConditionValues(keyProperty, keyPath, findings);
    if (!values) continue;
    const entry: ConditionEntry = {
      operatorText: block.key,
      operatorSpan,
      key: keyProperty.key,
      keySpan: span(keyProperty.keyNode, keyPath),
      span: span(keyProperty.node, keyPath),
      values,
    };
    if (operator) entry.operator = operator;
    entries.push(entry);
  }
  return entries;
}

function readCondition(property: Property, path: JsonPath, findings: Findings): ConditionEntry[] {
  const conditionPath = [...path, 'Condition'];
  const node = property.value;
  if (node.type !== 'object') {
    findings.error(
      'grammar/invalid-condition',
      `Condition must be an object of operators, not ${describeNode(node, findings)}.`,
      span(node, conditionPath),
      {
        hint: 'Write "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-..."}}.',
      },
    );
    return [];
  }
  const entries: ConditionEntry[] = [];
  // A loop rather than a spread: a hostile policy may hold more keys than a call takes arguments.
  for (const block of propertiesOf(node))
    for (const entry of readOperatorBlock(block, conditionPath, findings)) entries.push(entry);
  return entries;
}

/** A statement being read: its node and path, its elements by name (unknown ones left out). */
interface StatementReading {
  statement: ParsedStatement;
  elements: Map<string, Property>;
  node: Node;
  path: JsonPath;
  findings: Findings;
}

function readSid({ elements, path, findings }: StatementReading): PolicyValue | undefined {
  const sid = elements.get('Sid');
  if (!sid) return undefined;
  if (sid.value.type === 'string') return scalar(sid.value, [...path, 'Sid'], findings)!;
  findings.error(
    'grammar/invalid-sid',
    `Sid must be a string, not ${describeNode(sid.value, findings)}.`,
    span(sid.value, [...path, 'Sid']),
  );
  return undefined;
}

/** Reads Effect into the statement; a wrong case of Allow/Deny gets a pointed hint. */
function readEffect({ statement, elements, node, path, findings }: StatementReading): void {
  const effect = elements.get('Effect');
  if (!effect) {
    findings.error('grammar/missing-effect', 'The statement has no Effect.', span(node, path), {
      hint: 'Add "Effect": "Allow" or "Effect": "Deny".',
    });
  } else if (
    effect.value.type === 'string' &&
    (effect.value.value === 'Allow' || effect.value.value === 'Deny')
  ) {
    statement.effect = effect.value.value;
    statement.effectSpan = span(effect.value, [...path, 'Effect']);
  } else {
    const written = effect.value.type === 'string' ? String(effect.value.value) : '';
    const proper = ['Allow', 'Deny'].find((e) => e.toLowerCase() === written.toLowerCase());
    findings.error(
      'grammar/invalid-effect',
      `Effect must be "Allow" or "Deny", not ${describeNode(effect.value, findings)}.`,
      span(effect.value, [...path, 'Effect']),
      proper ? { hint: `Write "${proper}": the value is case-sensitive.` } : {},
    );
  }
}

/**
 * Reads Principal or NotPrincipal into the statement; it runs after Effect because NotPrincipal is
 * only allowed in a Deny statement.
 */
function readStatementPrincipal(reading: StatementReading): void {
  const { statement, elements, node, path, findings } = reading;
  const principal = elements.get('Principal');
  const notPrincipal = elements.get('NotPrincipal');
  if (principal && notPrincipal) {
    findings.error(
      'grammar/principal-and-not-principal',
      'A statement takes Principal or NotPrincipal, not both.',
      span(notPrincipal.keyNode, [...path, 'NotPrincipal']),
      { hint: 'Keep one of them.' },
    );
  }
  const principalProperty = principal ?? notPrincipal;
  if (!principalProperty) {
    findings.error(
      'grammar/missing-principal',
      'The statement has no Principal; an endpoint policy must name one in every statement.',
      span(node, path),
      {
        hint: 'Add "Principal": "*" and narrow who may use the endpoint with conditions such as aws:PrincipalOrgID.',
      },
    );
    return;
  }
  const read = readPrincipal(principalProperty, path, findings);
  if (read) statement.principal = read;
  if (principalProperty === notPrincipal && statement.effect === 'Allow') {
    findings.error(
      'grammar/not-principal-with-allow',
      'NotPrincipal may only be used with "Effect": "Deny".',
      span(notPrincipal.keyNode, [...path, 'NotPrincipal']),
      {
        hint: 'Allow everyone but some principals with "Principal": "*" and a condition such as ArnNotLike on aws:PrincipalArn.',
      },
    );
  }
}

/** Reads Action/NotAction or Resource/NotResource: exactly one of the pair must be present. */
function readListElement<Name extends 'Action' | 'NotAction' | 'Resource' | 'NotResource'>(
  { elements, node, path, findings }: StatementReading,
  pair: { positive: Name; negative: Name; what: string; example: string },
): ValueListElement<Name> | undefined {
  const { positive, negative, what, example } = pair;
  const a = elements.get(positive);
  const b = elements.get(negative);
  if (a && b) {
    findings.error(
      LIST_ELEMENT_CODES[positive as 'Action' | 'Resource'].both,
      `A statement takes ${positive} or ${negative}, not both.`,
      span(b.keyNode, [...path, negative]),
      { hint: 'Keep one of them.' },
    );
  }
  const property = a ?? b;
  if (!property) {
    findings.error(
      LIST_ELEMENT_CODES[positive as 'Action' | 'Resource'].missing,
      `The statement has no ${positive} (or ${negative}).`,
      span(node, path),
      { hint: `Add "${positive}": ${example}.` },
    );
    return undefined;
  }
  const values = readStringList(property, path, findings, what);
  if (!values) return undefined;
  return {
    element: property.key as Name,
    key: span(property.keyNode, [...path, property.key]),
    span: span(property.value, [...path, property.key]),
    values,
  };
}

function readStatement(
  node: Node,
  index: number,
  path: JsonPath,
  findings: Findings,
): ParsedStatement | undefined {
  if (node.type !== 'object') {
    findings.error(
      'grammar/invalid-statement',
      `A statement must be an object, not ${describeNode(node, findings)}.`,
      span(node, path),
    );
    return undefined;
  }
  const statement: ParsedStatement = { index, span: span(node, path), conditions: [] };
  const elements = new Map<string, Property>();
  for (const property of propertiesOf(node)) {
    if (!STATEMENT_ELEMENTS.includes(property.key)) {
      reportUnknownElement(findings, property, STATEMENT_ELEMENTS, 'a statement', path);
      continue;
    }
    // A repeated key is reported as a duplicate; the last one is read, as JSON.parse would.
    elements.set(property.key, property);
  }
  const reading: StatementReading = { statement, elements, node, path, findings };

  const sid = readSid(reading);
  if (sid) statement.sid = sid;
  readEffect(reading);
  readStatementPrincipal(reading);
  const action = readListElement(reading, {
    positive: 'Action',
    negative: 'NotAction',
    what: 'actions such as "s3:GetObject" or "*"',
    example: '"s3:GetObject"',
  });
  if (action) statement.action = action;
  const resource = readListElement(reading, {
    positive: 'Resource',
    negative: 'NotResource',
    what: 'resource ARNs such as "arn:aws:s3:::my-bucket/*" or "*"',
    example: '"*" or a list of ARNs',
  });
  if (resource) statement.resource = resource;

  const condition = elements.get('Condition');
  if (condition) {
    statement.conditionSpan = span(condition.value, [...path, 'Condition']);
    statement.conditions = readCondition(condition, path, findings);
  }
  return statement;
}

/** Reads Version: a missing or old version is a warning (it still works, without variables). */
function readVersion(
  model: PolicyModel,
  version: Property | undefined,
  root: Node,
  findings: Findings,
): void {
  if (!version) {
    findings.warning(
      'grammar/missing-version',
      `The policy has no Version, so AWS reads it with the ${OLD_POLICY_VERSION} rules, which do not support policy variables.`,
      { offset: root.offset, length: 1 },
      {
        hint: `Add "Version": "${CURRENT_POLICY_VERSION}" as the first element.`,
      },
    );
  } else if (version.value.type !== 'string') {
    findings.error(
      'grammar/invalid-version',
      `Version must be the string "${CURRENT_POLICY_VERSION}", not ${describeNode(version.value, findings)}.`,
      span(version.value, ['Version']),
    );
  } else {
    model.version = scalar(version.value, ['Version'], findings)!;
    if (version.value.value === OLD_POLICY_VERSION) {
      findings.warning(
        'grammar/old-version',
        `Version ${OLD_POLICY_VERSION} is the old policy language, without policy variables.`,
        span(version.value, ['Version']),
        { hint: `Write "${CURRENT_POLICY_VERSION}".` },
      );
    } else if (version.value.value !== CURRENT_POLICY_VERSION) {
      findings.error(
        'grammar/invalid-version',
        `Version must be "${CURRENT_POLICY_VERSION}" (or the old "${OLD_POLICY_VERSION}"), not ${describeNode(version.value, findings)}; it is the version of the policy language, not a date of yours.`,
        span(version.value, ['Version']),
        {
          hint: `Write "${CURRENT_POLICY_VERSION}".`,
        },
      );
    }
  }
}

/**
 * Reads the statements of a Statement list up to the budget and `maxStatements`; the ones past
 * that are counted in `unreadStatements` so the caller can say how many were skipped.
 */
function readStatementList(
  model: PolicyModel,
  list: Node,
  findings: Findings,
  maxStatements: number | undefined,
): void {
  const items = list.children ?? [];
  if (items.length === 0) {
    findings.error('grammar/no-statements', NO_STATEMENTS_MESSAGE, span(list, ['Statement']), {
      hint: 'Add the statements of your perimeter.',
    });
  }
  const budget = BUDGETS.policyStatements.limit;
  if (items.length > budget) {
    findings.error(
      'budget/statements',
      overBudgetMessage('policyStatements', items.length),
      span(list, ['Statement']),
      {
        hint: 'An endpoint policy within its 20,480-character quota holds a few hundred statements at most.',
      },
    );
  }
  const limit = Math.min(items.length, maxStatements ?? items.length, budget);
  for (let i = 0; i < limit; i++) {
    const read = readStatement(items[i]!, i, ['Statement', i], findings);
    if (read) model.statements.push(read);
  }
  if (limit < items.length) model.unreadStatements = items.length - limit;
}

/**
 * Reads the policy document; returns undefined when the text is not an object at all. With
 * `maxStatements`, statements past that number are counted but not read (see `validate`).
 */
export function readPolicyModel(
  root: Node,
  findings: Findings,
  options: { maxStatements?: number } = {},
): PolicyModel | undefined {
  if (root.type !== 'object') {
    findings.error(
      'grammar/not-a-policy',
      `A policy is a JSON object with Version and Statement, not ${describeNode(root, findings)}.`,
      span(root),
      {
        hint: 'Start with {"Version": "2012-10-17", "Statement": [...]}.',
      },
    );
    return undefined;
  }
  const model: PolicyModel = { span: span(root), statements: [] };
  const byName = new Map<string, Property>();
  for (const property of propertiesOf(root)) {
    if (!TOP_LEVEL_ELEMENTS.includes(property.key))
      reportUnknownElement(findings, property, TOP_LEVEL_ELEMENTS, 'the policy', []);
    else byName.set(property.key, property);
  }

  readVersion(model, byName.get('Version'), root, findings);

  const id = byName.get('Id');
  if (id && id.value.type !== 'string') {
    findings.error(
      'grammar/invalid-id',
      `Id must be a string, not ${describeNode(id.value, findings)}.`,
      span(id.value, ['Id']),
    );
  }

  const statement = byName.get('Statement');
  if (!statement) {
    findings.error(
      'grammar/missing-statement',
      'The policy has no Statement.',
      { offset: root.offset, length: 1 },
      { hint: 'Add "Statement": [ ... ] with at least one statement.' },
    );
    return model;
  }
  model.statementSpan = span(statement.value, ['Statement']);
  if (statement.value.type === 'object') {
    const read = readStatement(statement.value, 0, ['Statement'], findings);
    if (read) model.statements.push(read);
  } else if (statement.value.type === 'array') {
    readStatementList(model, statement.value, findings, options.maxStatements);
  } else {
    findings.error(
      'grammar/invalid-statement',
      `Statement must be a statement object or a list of them, not ${describeNode(statement.value, findings)}.`,
      span(statement.value, ['Statement']),
    );
  }
  checkPatternLengths(model, findings);
  return model;
}

/**
 * Values with wildcards longer than the budget are errors: matching costs up to the length of the
 * value times the length of the text, and no ARN, action or tag needs such a pattern.
 */
function checkPatternLengths(model: PolicyModel, findings: Findings): void {
  const limit = BUDGETS.patternCharacters.limit;
  const check = (value: PolicyValue) => {
    if (value.value.length <= limit || !(value.value.includes('*') || value.value.includes('?')))
      return;
    findings.error(
      'budget/pattern-too-long',
      overBudgetMessage('patternCharacters', value.value.length),
      value,
      {
        hint: 'Write the exact values, or a shorter pattern.',
      },
    );
  };
  for (const statement of model.statements) {
    for (const value of statement.action?.values ?? []) check(value);
    for (const value of statement.resource?.values ?? []) check(value);
    for (const entry of statement.conditions)
      if (entry.operator?.wildcards) for (const value of entry.values) check(value);
  }
}
