/**
 * Strings of a policy that may hold wildcards and policy variables: Action, Resource and condition
 * values. A pattern is split once into tokens; variables are resolved per request.
 *
 * Policy variables (IAM "Policy elements: variables and tags"): `${key}` is replaced by the
 * single value of a request context key, `${key, 'default'}` falls back to the default when the
 * key is absent, and `${*}`, `${?}`, `${$}` stand for the literal characters `*`, `?`, `$`. A
 * variable whose key is absent (with no default) or multivalued cannot be resolved; IAM then
 * treats the value as one that matches nothing. Variables are only recognised in policies whose
 * Version is 2012-10-17; older policies read `${...}` as plain text.
 */
import { compileWildcard, type WildcardMatcher, type WildcardToken } from '../policy/wildcard';
import type { RequestContext } from './context';

export type PatternToken =
  | { kind: 'text'; text: string }
  /** The value a variable resolved to: literal text that never separates ARN segments. */
  | { kind: 'value'; text: string }
  /** `*`: any run of characters. */
  | { kind: 'any' }
  /** `?`: exactly one character. */
  | { kind: 'one' }
  | { kind: 'variable'; key: string; fallback?: string; raw: string };

export interface PolicyPattern {
  raw: string;
  tokens: PatternToken[];
  hasWildcard: boolean;
  hasVariable: boolean;
  /** Characters every match starts with (before the first wildcard or variable). */
  literalPrefix: string;
}

const VARIABLE_FALLBACK = /^\s*'([^']*)'\s*$/;

/** The key and default of a variable body (`aws:username` or `aws:username, 'none'`). */
function readVariableBody(body: string): { key: string; fallback?: string } | undefined {
  const comma = body.indexOf(',');
  const key = (comma === -1 ? body : body.slice(0, comma)).trim();
  if (key === '') return undefined;
  if (comma === -1) return { key };
  const fallback = VARIABLE_FALLBACK.exec(body.slice(comma + 1));
  return fallback ? { key, fallback: fallback[1]! } : undefined;
}

/**
 * Splits a policy string into tokens. `wildcards` says whether `*` and `?` are wildcards here
 * (Resource, Action, StringLike, ArnLike) or plain characters (StringEquals).
 */
export function parsePattern(
  raw: string,
  options: { wildcards: boolean; variables: boolean },
): PolicyPattern {
  const tokens: PatternToken[] = [];
  let text = '';
  let hasWildcard = false;
  let hasVariable = false;
  let literalPrefix: string | undefined;
  const flushText = () => {
    if (text.length > 0) {
      const last = tokens[tokens.length - 1];
      if (last?.kind === 'text') last.text += text;
      else tokens.push({ kind: 'text', text });
      text = '';
    }
  };
  const markPrefix = () => {
    if (literalPrefix === undefined) literalPrefix = tokensText(tokens) + text;
  };
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (options.variables && ch === '$' && raw[i + 1] === '{') {
      const end = raw.indexOf('}', i + 2);
      if (end !== -1) {
        const body = raw.slice(i + 2, end);
        if (body === '*' || body === '?' || body === '$') {
          text += body;
          i = end;
          continue;
        }
        const parsed = readVariableBody(body);
        if (parsed) {
          markPrefix();
          flushText();
          const token: PatternToken = {
            kind: 'variable',
            key: parsed.key,
            raw: raw.slice(i, end + 1),
          };
          if (parsed.fallback !== undefined) token.fallback = parsed.fallback;
          tokens.push(token);
          hasVariable = true;
          i = end;
          continue;
        }
      }
    }
    if (options.wildcards && (ch === '*' || ch === '?')) {
      markPrefix();
      flushText();
      tokens.push(ch === '*' ? { kind: 'any' } : { kind: 'one' });
      hasWildcard = true;
      continue;
    }
    text += ch;
  }
  markPrefix();
  flushText();
  return { raw, tokens, hasWildcard, hasVariable, literalPrefix: literalPrefix ?? raw };
}

function tokensText(tokens: readonly PatternToken[]): string {
  return tokens.map((t) => (t.kind === 'text' || t.kind === 'value' ? t.text : '')).join('');
}

/** The literal value of a pattern without wildcards or variables. */
export function patternText(pattern: PolicyPattern): string {
  return tokensText(pattern.tokens);
}

/** Why a variable could not be resolved, for the explanation. */
export interface UnresolvedVariable {
  raw: string;
  key: string;
  reason: 'absent' | 'multivalued';
}

/**
 * Replaces the variables of a pattern with the request's values. Returns the resolved tokens, or
 * the first variable that has no usable value.
 */
export function resolvePattern(
  pattern: PolicyPattern,
  context: RequestContext,
): PatternToken[] | UnresolvedVariable {
  if (!pattern.hasVariable) return pattern.tokens;
  const out: PatternToken[] = [];
  for (const token of pattern.tokens) {
    if (token.kind !== 'variable') {
      out.push(token);
      continue;
    }
    const value = context.read(token.key);
    let text: string;
    if (typeof value === 'string') text = value;
    else if (value === undefined && token.fallback !== undefined) text = token.fallback;
    else
      return {
        raw: token.raw,
        key: token.key,
        reason: value === undefined ? 'absent' : 'multivalued',
      };
    out.push({ kind: 'value', text });
  }
  return out;
}

export function isUnresolved(
  value: PatternToken[] | UnresolvedVariable,
): value is UnresolvedVariable {
  return !Array.isArray(value);
}

export function describeUnresolved(unresolved: UnresolvedVariable): string {
  return unresolved.reason === 'absent'
    ? `${unresolved.raw} has no value in this request (${unresolved.key} is absent), so it matches nothing`
    : `${unresolved.raw} cannot be used: ${unresolved.key} has several values, and a policy variable needs a single one`;
}

export type StringMatcher = WildcardMatcher;

/**
 * A whole-string matcher for resolved tokens (variables already replaced by their values), with
 * the one wildcard matcher of the policy reader.
 */
export function compileTokens(
  tokens: readonly PatternToken[],
  caseInsensitive: boolean,
): StringMatcher {
  return compileWildcard(literalTokens(tokens), { ignoreCase: caseInsensitive });
}

/** The tokens without unresolved variables, as the wildcard matcher takes them. */
export function literalTokens(tokens: readonly PatternToken[]): WildcardToken[] {
  return tokens.filter((token): token is WildcardToken => token.kind !== 'variable');
}
