/**
 * The values of an Action or Resource element, indexed so that a request is checked against a
 * few candidates rather than every value: a generated policy can name thousands of resources.
 * Exact values go into a set; wildcard values are grouped by the literal text they start with,
 * which any match must also start with; values with policy variables are resolved per request.
 */
import type { MatchCost } from '../policy/wildcard';
import { compileArnPattern, splitArn, splitArnPattern } from './arn';
import { listInWords } from '../text/words';
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
  raw: string;
  /** The literal text every match starts with (folded for actions). */
  prefix: string;
  tokens: readonly PatternToken[];
  /** Compiled on first use: most values of a large policy are never candidates. */
  matcher?: StringMatcher;
}

/**
 * Wildcard values are found by the literal text they start with: values whose prefix has at
 * least this many characters are grouped by its first characters (then checked in full); the few
 * with shorter prefixes are grouped by their whole prefix.
 */
const PREFIX_KEY_LENGTH = 16;

export interface PatternMatch {
  /** Position of the matching value in the element. */
  position?: number;
  /** Variables that could not be resolved, when nothing matched. */
  unresolved?: UnresolvedVariable;
}

/** Compiles resolved tokens of one value: actions ignore case, resources follow ARN rules. */
function compileValue(
  kind: PatternKind,
  raw: string,
  tokens: readonly PatternToken[],
): StringMatcher {
  if (kind === 'action') return compileTokens(tokens, true);
  if (raw.startsWith('arn:')) return compileArnPattern(tokens, false) ?? (() => false);
  return compileTokens(tokens, false);
}

export class PatternList {
  readonly values: readonly string[];
  private readonly exact = new Map<string, number>();
  private readonly longPrefixes = new Map<string, IndexedPattern[]>();
  private readonly shortPrefixes = new Map<number, Map<string, IndexedPattern[]>>();
  private readonly shortLengths: number[] = [];
  private readonly dynamic: { position: number; pattern: PolicyPattern }[] = [];
  private readonly caseInsensitive: boolean;
  private words?: string;

  constructor(
    private readonly kind: PatternKind,
    values: readonly string[],
    variables: boolean,
  ) {
    this.values = values;
    this.caseInsensitive = kind === 'action';
    values.forEach((raw, position) => {
      const pattern = parsePattern(raw, {
        wildcards: true,
        variables: variables && kind === 'resource',
      });
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
      const indexed: IndexedPattern = { position, raw, prefix, tokens: pattern.tokens };
      let group: Map<string, IndexedPattern[]> | undefined = this.longPrefixes;
      let key = prefix.slice(0, PREFIX_KEY_LENGTH);
      if (prefix.length < PREFIX_KEY_LENGTH) {
        group = this.shortPrefixes.get(prefix.length);
        if (!group) {
          group = new Map();
          this.shortPrefixes.set(prefix.length, group);
          this.shortLengths.push(prefix.length);
        }
        key = prefix;
      }
      const list = group.get(key);
      if (list) list.push(indexed);
      else group.set(key, [indexed]);
    });
  }

  private fold(text: string): string {
    return this.caseInsensitive ? text.toLowerCase() : text;
  }

  /** The values in a sentence, computed once: "a, b, c or 12 more". */
  get inWords(): string {
    return (this.words ??= listInWords(this.values));
  }

  /** The lowest position among `best` and the candidates that match. */
  private bestOf(
    candidates: readonly IndexedPattern[] | undefined,
    folded: string,
    value: string,
    best: number | undefined,
    cost: MatchCost,
  ): number | undefined {
    if (!candidates) return best;
    for (const candidate of candidates) {
      if (
        (best === undefined || candidate.position < best) &&
        folded.startsWith(candidate.prefix) &&
        this.candidateMatches(candidate, value, cost)
      )
        best = candidate.position;
    }
    return best;
  }

  private candidateMatches(candidate: IndexedPattern, value: string, cost: MatchCost): boolean {
    candidate.matcher ??= compileValue(this.kind, candidate.raw, candidate.tokens);
    return candidate.matcher(value, cost);
  }

  /** The first value (by position) that matches, or what kept a variable value from matching. */
  match(value: string, context: RequestContext): PatternMatch {
    const folded = this.fold(value);
    let best = this.exact.get(folded);
    if (folded.length >= PREFIX_KEY_LENGTH)
      best = this.bestOf(
        this.longPrefixes.get(folded.slice(0, PREFIX_KEY_LENGTH)),
        folded,
        value,
        best,
        context.cost,
      );
    for (const length of this.shortLengths) {
      if (length <= folded.length)
        best = this.bestOf(
          this.shortPrefixes.get(length)!.get(folded.slice(0, length)),
          folded,
          value,
          best,
          context.cost,
        );
    }
    let unresolved: UnresolvedVariable | undefined;
    for (const { position, pattern } of this.dynamic) {
      if (best !== undefined && position > best) continue;
      const tokens = resolvePattern(pattern, context);
      if (isUnresolved(tokens)) {
        if (this.couldMatch(pattern.raw, value, context.cost)) unresolved ??= tokens;
        continue;
      }
      if (compileValue(this.kind, pattern.raw, tokens)(value, context.cost)) best = position;
    }
    if (best !== undefined) return { position: best };
    return unresolved ? { unresolved } : {};
  }

  /**
   * Whether a resource value whose variable has no value might still cover the request. It
   * cannot when the request is not an ARN or differs in partition, service, region or account
   * (segments without variables); otherwise the resource segment decides, and it is unknown.
   */
  private couldMatch(raw: string, value: string, cost: MatchCost): boolean {
    const segments = splitArnPattern(raw);
    if (segments[0] !== 'arn' || segments.length < 6) return true;
    const request = splitArn(value);
    if (!request) return false;
    const requestSegments = [request.partition, request.service, request.region, request.account];
    for (let i = 0; i < 4; i++) {
      const segment = segments[i + 1]!;
      if (segment.includes('${')) continue;
      const tokens = parsePattern(segment, { wildcards: true, variables: false }).tokens;
      if (!compileTokens(tokens, false)(requestSegments[i]!, cost)) return false;
    }
    return true;
  }
}
