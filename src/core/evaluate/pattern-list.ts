/**
 * The values of an Action or Resource element, indexed so that a request is checked against a
 * few candidates rather than every value: a generated policy can name thousands of resources.
 * Exact values go into a set; wildcard values are grouped by the literal text they start with,
 * which any match must also start with; values with policy variables are resolved per request.
 */
import { compileArnPattern, splitArn, splitArnPattern } from './arn';
import type { RequestContext } from './context';
import {
  compileTokens,
  isUnresolved,
  parsePattern,
  patternText,
  resolvePattern,
  type PatternToken,
  type PolicyPattern,
  type StringMatcher,
  type UnresolvedVariable,
} from './policy-pattern';

export type PatternKind = 'action' | 'resource';

interface IndexedPattern {
  position: number;
  matcher: StringMatcher;
}

export interface PatternMatch {
  /** Position of the matching value in the element. */
  position?: number;
  /** Variables that could not be resolved, when nothing matched. */
  unresolved?: UnresolvedVariable;
}

/** Compiles resolved tokens of one value: actions ignore case, resources follow ARN rules. */
function compileValue(kind: PatternKind, raw: string, tokens: readonly PatternToken[]): StringMatcher {
  if (kind === 'action') return compileTokens(tokens, true);
  if (raw.startsWith('arn:')) return compileArnPattern(tokens, false) ?? (() => false);
  return compileTokens(tokens, false);
}

export class PatternList {
  readonly values: readonly string[];
  private readonly exact = new Map<string, number>();
  private readonly prefixed = new Map<number, Map<string, IndexedPattern[]>>();
  private readonly prefixLengths: number[] = [];
  private readonly dynamic: { position: number; pattern: PolicyPattern }[] = [];
  private readonly caseInsensitive: boolean;

  constructor(
    private readonly kind: PatternKind,
    values: readonly string[],
    variables: boolean,
  ) {
    this.values = values;
    this.caseInsensitive = kind === 'action';
    values.forEach((raw, position) => {
      const pattern = parsePattern(raw, { wildcards: true, variables: variables && kind === 'resource' });
      if (pattern.hasVariable) {
        this.dynamic.push({ position, pattern });
        return;
      }
      if (!pattern.hasWildcard) {
        const text = this.fold(patternText(pattern));
        if (!this.exact.has(text)) this.exact.set(text, position);
        return;
      }
      const prefix = this.fold(pattern.literalPrefix);
      let byPrefix = this.prefixed.get(prefix.length);
      if (!byPrefix) {
        byPrefix = new Map();
        this.prefixed.set(prefix.length, byPrefix);
        this.prefixLengths.push(prefix.length);
      }
      const list = byPrefix.get(prefix) ?? [];
      list.push({ position, matcher: compileValue(kind, raw, pattern.tokens) });
      byPrefix.set(prefix, list);
    });
    this.prefixLengths.sort((a, b) => a - b);
  }

  private fold(text: string): string {
    return this.caseInsensitive ? text.toLowerCase() : text;
  }

  /** The first value (by position) that matches, or what kept a variable value from matching. */
  match(value: string, context: RequestContext): PatternMatch {
    const folded = this.fold(value);
    let best = this.exact.get(folded);
    for (const length of this.prefixLengths) {
      if (length > folded.length) break;
      const candidates = this.prefixed.get(length)!.get(folded.slice(0, length));
      if (!candidates) continue;
      for (const candidate of candidates) {
        if ((best === undefined || candidate.position < best) && candidate.matcher(value)) best = candidate.position;
      }
    }
    let unresolved: UnresolvedVariable | undefined;
    for (const { position, pattern } of this.dynamic) {
      if (best !== undefined && position > best) continue;
      const tokens = resolvePattern(pattern, context);
      if (isUnresolved(tokens)) {
        if (this.couldMatch(pattern.raw, value)) unresolved ??= tokens;
        continue;
      }
      if (compileValue(this.kind, pattern.raw, tokens)(value)) best = position;
    }
    if (best !== undefined) return { position: best };
    return unresolved ? { unresolved } : {};
  }

  /**
   * Whether a resource value whose variable has no value might still cover the request. It
   * cannot when the request is not an ARN or differs in partition, service, region or account
   * (segments without variables); otherwise the resource segment decides, and it is unknown.
   */
  private couldMatch(raw: string, value: string): boolean {
    const segments = splitArnPattern(raw);
    if (segments[0] !== 'arn' || segments.length < 6) return true;
    const request = splitArn(value);
    if (!request) return false;
    for (let i = 0; i < 4; i++) {
      const segment = segments[i + 1]!;
      if (segment.includes('${')) continue;
      const tokens = parsePattern(segment, { wildcards: true, variables: false }).tokens;
      if (!compileTokens(tokens, false)(request[i]!)) return false;
    }
    return true;
  }
}
