/**
 * IAM condition operators: the base operators of each family, the `ForAllValues:` / `ForAnyValue:`
 * set qualifiers and the `...IfExists` suffix, with what each means for the checks.
 */

export type OperatorFamily =
  'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IpAddress' | 'Arn' | 'Null';

interface BaseOperator {
  family: OperatorFamily;
  /** True for the "not" operators: they match when the value differs. */
  negated: boolean;
  /** True when `*` and `?` in values are wildcards (the `Like` operators). */
  wildcards: boolean;
}

const BASE_OPERATORS: Readonly<Record<string, BaseOperator>> = {
  StringEquals: { family: 'String', negated: false, wildcards: false },
  StringNotEquals: { family: 'String', negated: true, wildcards: false },
  StringEqualsIgnoreCase: { family: 'String', negated: false, wildcards: false },
  StringNotEqualsIgnoreCase: { family: 'String', negated: true, wildcards: false },
  StringLike: { family: 'String', negated: false, wildcards: true },
  StringNotLike: { family: 'String', negated: true, wildcards: true },
  NumericEquals: { family: 'Numeric', negated: false, wildcards: false },
  NumericNotEquals: { family: 'Numeric', negated: true, wildcards: false },
  NumericLessThan: { family: 'Numeric', negated: false, wildcards: false },
  NumericLessThanEquals: { family: 'Numeric', negated: false, wildcards: false },
  NumericGreaterThan: { family: 'Numeric', negated: false, wildcards: false },
  NumericGreaterThanEquals: { family: 'Numeric', negated: false, wildcards: false },
  DateEquals: { family: 'Date', negated: false, wildcards: false },
  DateNotEquals: { family: 'Date', negated: true, wildcards: false },
  DateLessThan: { family: 'Date', negated: false, wildcards: false },
  DateLessThanEquals: { family: 'Date', negated: false, wildcards: false },
  DateGreaterThan: { family: 'Date', negated: false, wildcards: false },
  DateGreaterThanEquals: { family: 'Date', negated: false, wildcards: false },
  Bool: { family: 'Bool', negated: false, wildcards: false },
  BinaryEquals: { family: 'Binary', negated: false, wildcards: false },
  IpAddress: { family: 'IpAddress', negated: false, wildcards: false },
  NotIpAddress: { family: 'IpAddress', negated: true, wildcards: false },
  ArnEquals: { family: 'Arn', negated: false, wildcards: true },
  ArnLike: { family: 'Arn', negated: false, wildcards: true },
  ArnNotEquals: { family: 'Arn', negated: true, wildcards: true },
  ArnNotLike: { family: 'Arn', negated: true, wildcards: true },
  Null: { family: 'Null', negated: false, wildcards: false },
};

export const CONDITION_OPERATOR_NAMES: readonly string[] = Object.keys(BASE_OPERATORS);

export type SetQualifier = 'ForAllValues' | 'ForAnyValue';

export interface ConditionOperator {
  /** The operator as written. */
  text: string;
  /** The base operator, e.g. `StringEquals` for `ForAnyValue:StringEqualsIfExists`. */
  base: string;
  family: OperatorFamily;
  negated: boolean;
  wildcards: boolean;
  setQualifier?: SetQualifier;
  /** `...IfExists`: the condition also holds when the key is absent from the request. */
  ifExists: boolean;
}

export type OperatorReading =
  | {
      ok: true;
      operator: ConditionOperator;
      /** Set when the text differs from the documented spelling only in case. */ documented?: string;
    }
  | { ok: false; problem: string; suggestion?: string };

const lowerBases = new Map(CONDITION_OPERATOR_NAMES.map((name) => [name.toLowerCase(), name]));

function qualifierOf(text: string): { qualifier?: SetQualifier; rest: string; written?: string } {
  const colon = text.indexOf(':');
  if (colon === -1) return { rest: text };
  const written = text.slice(0, colon);
  const lower = written.toLowerCase();
  const qualifier =
    lower === 'forallvalues' ? 'ForAllValues' : lower === 'foranyvalue' ? 'ForAnyValue' : undefined;
  return qualifier ? { qualifier, rest: text.slice(colon + 1), written } : { rest: text, written };
}

/** Reads an operator such as `ForAnyValue:StringLikeIfExists`; spelling differences of case only are accepted and reported. */
export function readConditionOperator(text: string): OperatorReading {
  const { qualifier, rest, written } = qualifierOf(text);
  if (written !== undefined && !qualifier) {
    return {
      ok: false,
      problem: `"${written}:" is not a set qualifier; only ForAllValues: and ForAnyValue: exist`,
    };
  }
  const ifExists = /IfExists$/i.test(rest);
  const baseText = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  const base = lowerBases.get(baseText.toLowerCase());
  if (!base) {
    const guess = CONDITION_OPERATOR_NAMES.find((name) =>
      name.toLowerCase().startsWith(baseText.toLowerCase().slice(0, 6)),
    );
    return guess
      ? { ok: false, problem: `unknown condition operator "${text}"`, suggestion: guess }
      : { ok: false, problem: `unknown condition operator "${text}"` };
  }
  if (base === 'Null' && (ifExists || qualifier)) {
    return {
      ok: false,
      problem: `Null takes neither ${ifExists ? 'IfExists' : `${qualifier}:`}: it already tests whether the key is present`,
    };
  }
  const documented = `${qualifier ? `${qualifier}:` : ''}${base}${ifExists ? 'IfExists' : ''}`;
  const operator: ConditionOperator = { text, base, ...BASE_OPERATORS[base]!, ifExists };
  if (qualifier) operator.setQualifier = qualifier;
  return documented === text ? { ok: true, operator } : { ok: true, operator, documented };
}
