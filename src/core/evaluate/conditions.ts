/**
 * Condition operators (IAM "Condition operators"), compiled once per policy and evaluated per
 * request. Each check answers `undefined` when the condition holds, or a sentence saying why not.
 *
 * Rules applied, all from the IAM condition operator and multivalued-key pages:
 * - several values for one key are ORed: a positive operator holds when any value matches; a
 *   negated operator (StringNotEquals, NotIpAddress, ...) holds when none does;
 * - a key absent from the request fails a positive operator and satisfies a negated one;
 *   `...IfExists` makes an absent key satisfy any operator; `Null` tests presence only, and reads
 *   a multivalued key with no values as null (absent);
 * - `ForAnyValue:` holds when at least one value of the request key passes the operator and fails
 *   on an absent key; `ForAllValues:` holds when every value passes and on an absent key;
 * - an operator without a set qualifier never matches a key that holds several values (such keys
 *   "require a condition set operator"); a set qualifier reads a single value as a set of one;
 * - a value whose policy variable cannot be resolved matches nothing: it is skipped by a positive
 *   operator and makes a negated one fail, since the exclusion cannot be checked;
 * - values that are not of the operator's type (a date that is not ISO 8601 or epoch seconds, a
 *   number that is not a decimal number, ...) never match, for negated operators too.
 */
import { compileArnPattern, isArn } from './arn';
import type { ContextValue, RequestContext } from './context';
import { ipInRange, parseIpAddress, parseIpRange, type IpRange } from './ip';
import {
  compileTokens,
  describeUnresolved,
  isUnresolved,
  parsePattern,
  patternText,
  resolvePattern,
  type PolicyPattern,
  type StringMatcher,
} from './policy-pattern';
import { listInWords } from '../text/words';
import type { ConditionOperator, OperatorFamily } from '../policy/condition-operators';
import { isPolicyDate } from '../policy/identifiers';

type Comparison = 'eq' | 'lt' | 'le' | 'gt' | 'ge';

/** How an operator compares, beyond what its reading says (family, negation, wildcards). */
interface Semantics {
  family: OperatorFamily;
  /** Holds when the request value matches none of the policy values. */
  negated: boolean;
  wildcards: boolean;
  ignoreCase: boolean;
  comparison?: Comparison;
}

const COMPARISONS: Readonly<Record<string, Comparison>> = {
  NumericEquals: 'eq',
  NumericNotEquals: 'eq',
  NumericLessThan: 'lt',
  NumericLessThanEquals: 'le',
  NumericGreaterThan: 'gt',
  NumericGreaterThanEquals: 'ge',
  DateEquals: 'eq',
  DateNotEquals: 'eq',
  DateLessThan: 'lt',
  DateLessThanEquals: 'le',
  DateGreaterThan: 'gt',
  DateGreaterThanEquals: 'ge',
};

function semanticsOf(operator: ConditionOperator): Semantics {
  const semantics: Semantics = {
    family: operator.family,
    negated: operator.negated,
    wildcards: operator.wildcards,
    // Bool compares true/false without regard to case.
    ignoreCase: operator.base.endsWith('IgnoreCase') || operator.family === 'Bool',
  };
  const comparison = COMPARISONS[operator.base];
  if (comparison) semantics.comparison = comparison;
  return semantics;
}

/** A policy value prepared for its operator family. */
type PreparedValue =
  | { kind: 'pattern'; raw: string; pattern: PolicyPattern; matcher?: StringMatcher }
  | { kind: 'number'; raw: string; value: number | undefined }
  | { kind: 'date'; raw: string; value: number | undefined }
  | { kind: 'ip'; raw: string; range: IpRange | undefined }
  | { kind: 'text'; raw: string };

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function parseNumber(text: string): number | undefined {
  return DECIMAL.test(text) ? Number(text) : undefined;
}

const EXPONENT_FORM = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/;

/**
 * A number in plain decimal digits, the form `parseNumber` reads: JavaScript writes numbers from
 * 1e21 up and below 1e-6 with an exponent (`1e+21`, `1e-7`), which JSON reads as the same number.
 */
export function decimalText(value: number): string {
  const text = String(value);
  const match = EXPONENT_FORM.exec(text);
  if (!match) return text;
  const [, sign, lead, rest = '', power] = match;
  const digits = lead! + rest;
  const point = 1 + Number(power);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Milliseconds since the epoch for a date IAM date operators accept, the forms the validator
 * accepts: epoch seconds, or an ISO 8601 date or date and time (read as UTC without a zone).
 */
export function parseDate(text: string): number | undefined {
  if (!isPolicyDate(text)) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const [date, time] = text.split('T') as [string, string | undefined];
  if (time === undefined) return Date.parse(`${date}T00:00:00Z`);
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(time)
    ? time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
    : `${time}Z`;
  const ms = Date.parse(`${date}T${zoned}`);
  return Number.isNaN(ms) ? undefined : ms;
}

function prepareValue(raw: string, base: Semantics, variables: boolean): PreparedValue {
  switch (base.family) {
    case 'String':
    case 'Arn':
    case 'Bool': {
      const pattern = parsePattern(raw, { wildcards: base.wildcards, variables });
      const prepared: PreparedValue = { kind: 'pattern', raw, pattern };
      if (!pattern.hasVariable) {
        const matcher =
          base.family === 'Arn'
            ? compileArnPattern(pattern.tokens, true)
            : compileTokens(pattern.tokens, base.ignoreCase);
        if (matcher) prepared.matcher = matcher;
      }
      return prepared;
    }
    case 'Numeric':
      return { kind: 'number', raw, value: parseNumber(raw) };
    case 'Date':
      return { kind: 'date', raw, value: parseDate(raw) };
    case 'IpAddress':
      return { kind: 'ip', raw, range: parseIpRange(raw) };
    default:
      return { kind: 'text', raw };
  }
}

export interface CompiledCondition {
  /** The operator as the policy reader understood it. */
  operator: ConditionOperator;
  semantics: Semantics;
  /** The context key as the policy writes it. */
  key: string;
  values: readonly string[];
  prepared: readonly PreparedValue[];
  /** Fast path for StringEquals-like value sets without variables. */
  exactValues?: ReadonlySet<string>;
  /** What the operator asks of a value, in words; computed on first need. */
  requirement?: string;
}

export function compileCondition(
  operator: ConditionOperator,
  key: string,
  values: readonly string[],
  variables: boolean,
): CompiledCondition {
  const semantics = semanticsOf(operator);
  const prepared = values.map((value) => prepareValue(value, semantics, variables));
  const condition: CompiledCondition = { operator, semantics, key, values, prepared };
  const base = semantics;
  if (
    base.family === 'String' &&
    !base.wildcards &&
    prepared.every((p) => p.kind === 'pattern' && !p.pattern.hasVariable)
  ) {
    condition.exactValues = new Set(
      prepared.map((p) =>
        p.kind === 'pattern' ? fold(patternText(p.pattern), base.ignoreCase) : '',
      ),
    );
  }
  return condition;
}

function fold(text: string, ignoreCase: boolean): string {
  return ignoreCase ? text.toLowerCase() : text;
}

const COMPARISON_WORDS: Record<OperatorFamily, Partial<Record<Comparison, string>>> = {
  Numeric: {
    eq: 'a number equal to',
    lt: 'a number less than',
    le: 'a number at most',
    gt: 'a number greater than',
    ge: 'a number at least',
  },
  Date: {
    eq: 'the date',
    lt: 'a date before',
    le: 'a date at or before',
    gt: 'a date after',
    ge: 'a date at or after',
  },
  String: {},
  Bool: {},
  Binary: {},
  IpAddress: {},
  Arn: {},
  Null: {},
};

const TYPE_WORDS: Partial<Record<OperatorFamily, string>> = {
  Numeric: 'a number',
  Date: 'a date (ISO 8601 or epoch seconds)',
  Bool: 'true or false',
  IpAddress: 'an IP address',
  Arn: 'an ARN',
};

/** What the positive operator asks of a value, in words (computed once per condition). */
function requirement(condition: CompiledCondition): string {
  return (condition.requirement ??= describeRequirement(condition));
}

function describeRequirement(condition: CompiledCondition): string {
  const base = condition.semantics;
  const values = listInWords(condition.values);
  switch (base.family) {
    case 'String':
      return base.wildcards
        ? `a value like ${values}`
        : base.ignoreCase
          ? `${values} (in any case)`
          : values;
    case 'Numeric':
    case 'Date':
      return `${COMPARISON_WORDS[base.family][base.comparison!]} ${values}`;
    case 'IpAddress':
      return `an address in ${values}`;
    case 'Arn':
      return `an ARN like ${values}`;
    default:
      return values;
  }
}

/** The request value, parsed for the family; a string when it is not of the operator's type. */
type RequestValue = { text: string; number?: number; ip?: ReturnType<typeof parseIpAddress> };

function compare(a: number, b: number, comparison: Comparison): boolean {
  switch (comparison) {
    case 'eq':
      return a === b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
  }
}

/**
 * Whether one policy value matches one request value under the positive form of the operator:
 * true, false, or a sentence when the pair cannot be compared.
 */
function valueMatches(
  base: Semantics,
  policy: PreparedValue,
  request: RequestValue,
  context: RequestContext,
): boolean | string {
  switch (policy.kind) {
    case 'pattern': {
      let matcher = policy.matcher;
      if (!matcher) {
        const resolved = resolvePattern(policy.pattern, context);
        if (isUnresolved(resolved)) return describeUnresolved(resolved);
        const compiled =
          base.family === 'Arn'
            ? compileArnPattern(resolved, true)
            : compileTokens(resolved, base.ignoreCase);
        if (!compiled) return `the policy value ${policy.raw} is not a complete ARN`;
        matcher = compiled;
      }
      if (base.family === 'Arn') {
        if (!isArn(request.text)) return `${request.text} is not an ARN`;
      } else if (base.family === 'Bool') {
        const lower = request.text.toLowerCase();
        if (lower !== 'true' && lower !== 'false') return `${request.text} is not true or false`;
        const resolved = policy.pattern.hasVariable
          ? resolvePattern(policy.pattern, context)
          : policy.pattern.tokens;
        const policyText = isUnresolved(resolved)
          ? ''
          : resolved
              .map((t) => (t.kind === 'text' ? t.text : ''))
              .join('')
              .toLowerCase();
        if (policyText !== 'true' && policyText !== 'false')
          return `the policy value ${policy.raw} is not true or false`;
      }
      return matcher(request.text, context.cost);
    }
    case 'number':
    case 'date':
      if (policy.value === undefined)
        return `the policy value ${policy.raw} is not ${TYPE_WORDS[base.family === 'Numeric' ? 'Numeric' : 'Date']}`;
      if (request.number === undefined) return `${request.text} is not ${TYPE_WORDS[base.family]}`;
      return compare(request.number, policy.value, base.comparison!);
    case 'ip':
      if (!policy.range) return `the policy value ${policy.raw} is not an IP address or CIDR range`;
      if (!request.ip) return `${request.text} is not an IP address`;
      return ipInRange(request.ip, policy.range);
    case 'text':
      return policy.raw === request.text;
  }
}

function parseRequestValue(base: Semantics, text: string): RequestValue {
  if (base.family === 'Numeric') {
    const number = parseNumber(text);
    return number === undefined ? { text } : { text, number };
  }
  if (base.family === 'Date') {
    const number = parseDate(text);
    return number === undefined ? { text } : { text, number };
  }
  if (base.family === 'IpAddress') return { text, ip: parseIpAddress(text) };
  return { text };
}

/** Checks one request value against the whole condition; undefined when it passes. */
function checkValue(
  condition: CompiledCondition,
  text: string,
  context: RequestContext,
): string | undefined {
  const base = condition.semantics;
  const key = condition.key;
  if (condition.exactValues && !base.negated) {
    if (condition.exactValues.has(fold(text, base.ignoreCase))) return undefined;
    return `${key} is ${text}, the statement requires ${requirement(condition)}`;
  }
  const request = parseRequestValue(base, text);
  let firstProblem: string | undefined;
  for (let i = 0; i < condition.prepared.length; i++) {
    const outcome = valueMatches(base, condition.prepared[i]!, request, context);
    if (outcome === true) {
      if (!base.negated) return undefined;
      return `${key} is ${text}, which the statement excludes (${condition.operator.text} ${condition.values[i]})`;
    }
    if (typeof outcome === 'string') {
      if (base.negated) return `${key} is ${text}, and the exclusion cannot be checked: ${outcome}`;
      firstProblem ??= outcome;
    }
  }
  if (base.negated) return undefined;
  if (firstProblem && condition.prepared.length === 1)
    return `${key} is ${text}, and it cannot match: ${firstProblem}`;
  return `${key} is ${text}, the statement requires ${requirement(condition)}`;
}

function absentNote(key: string, context: RequestContext): string {
  const reason = context.absenceReason(key);
  return reason ? ` (${reason})` : '';
}

function valuesInWords(value: ContextValue): string {
  return Array.isArray(value)
    ? value.length === 0
      ? 'no values'
      : listInWords(value, 'and', 5)
    : value;
}

/** Evaluates one condition entry: undefined when it holds, else why not. */
export function checkCondition(
  condition: CompiledCondition,
  context: RequestContext,
): string | undefined {
  const { operator, key } = condition;
  const value = context.read(key);
  if (operator.family === 'Null') {
    // A key with no values is null too: IAM documents Null false as the way to keep a
    // multivalued key with empty values from passing ForAllValues.
    const present = value !== undefined && !(Array.isArray(value) && value.length === 0);
    let invalid = true;
    for (const raw of condition.values) {
      const lower = raw.toLowerCase();
      if (lower === 'true' || lower === 'false') invalid = false;
      if ((lower === 'true' && !present) || (lower === 'false' && present)) return undefined;
    }
    if (invalid) return `Null takes true or false, not ${listInWords(condition.values)}`;
    if (present)
      return `${key} is present (${valuesInWords(value)}), the statement requires it to be absent`;
    return value === undefined
      ? `${key} is absent, the statement requires it to be present${absentNote(key, context)}`
      : `${key} has no values, the statement requires it to be present with a value`;
  }
  if (value === undefined) {
    if (operator.setQualifier === 'ForAllValues' || operator.ifExists) return undefined;
    if (operator.setQualifier === 'ForAnyValue')
      return `${key} is absent${absentNote(key, context)}, and ForAnyValue needs at least one value`;
    if (operator.negated) return undefined;
    return `${key} is absent${absentNote(key, context)}, the statement requires ${requirement(condition)}`;
  }
  if (!operator.setQualifier) {
    if (Array.isArray(value)) {
      return `${key} holds several values (${valuesInWords(value)}); ${operator.text} without ForAnyValue: or ForAllValues: does not match a multivalued key`;
    }
    return checkValue(condition, value, context);
  }
  const values = Array.isArray(value) ? value : [value];
  if (operator.setQualifier === 'ForAnyValue') {
    for (const item of values)
      if (checkValue(condition, item, context) === undefined) return undefined;
    return `no value of ${key} (${valuesInWords(value)}) passes ${operator.base} ${listInWords(condition.values)}`;
  }
  for (const item of values) {
    const problem = checkValue(condition, item, context);
    if (problem !== undefined)
      return `ForAllValues needs every value of ${key} to pass: ${problem}`;
  }
  return undefined;
}
