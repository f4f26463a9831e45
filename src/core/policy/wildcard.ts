/**
 * The one wildcard matcher for IAM strings: Action names, Resource ARNs and the values of the
 * `...Like` condition operators. `*` stands for any run of characters (the empty one included),
 * `?` for exactly one character (IAM "Policy elements: Resource" and "Condition operators").
 *
 * Policies arrive from colleagues, tickets and links, so a pattern is hostile: a regular
 * expression built from `*a*a*a*a*b` backtracks for minutes on a long text. This matcher splits
 * the pattern at its `*`s into pieces of fixed length (literal characters and `?`) and finds them
 * from left to right: the first piece at the start, the last at the end, every other one at its
 * leftmost place after the previous piece. Taking the leftmost place is never wrong, since a
 * later place leaves less text for the pieces that follow, so nothing is ever tried twice: a match
 * costs at most (text length + 1) × (pattern length + 1) character comparisons, and usually about
 * the text length. `matchCost` counts them, so tests bound the work in steps, not in time.
 *
 * ARNs follow the segment rules of IAM (see `compileArnWildcard`) by cutting the pattern and the
 * text at their colons, then matching each piece with the same matcher.
 */

/** A wildcard pattern as tokens: literal text, `*` (`any`) and `?` (`one`). */
export type WildcardToken =
  | { kind: 'text'; text: string }
  /**
   * Literal text from a resolved policy variable: never a wildcard. In an ARN its colons separate
   * segments as written ones do, since IAM puts the value in the policy's text before matching.
   */
  | { kind: 'value'; text: string }
  | { kind: 'any' }
  | { kind: 'one' };

/**
 * Counts character comparisons: tests bound the work a pattern may cost with it, and an evaluation
 * stops once `limit` is passed (the matcher throws `WorkBudgetExceeded`).
 */
export interface MatchCost {
  steps: number;
  limit?: number;
}

/** Thrown by a matcher whose `MatchCost` passed its limit: the caller gives no answer. */
export class WorkBudgetExceeded extends Error {
  override name = 'WorkBudgetExceeded';
  constructor(readonly limit: number) {
    super(`more than ${limit} steps of wildcard matching`);
  }
}

function charge(cost: MatchCost | undefined): void {
  if (cost?.limit !== undefined && cost.steps > cost.limit)
    throw new WorkBudgetExceeded(cost.limit);
}

export type WildcardMatcher = (text: string, cost?: MatchCost) => boolean;

/**
 * A run of the pattern without `*`: its characters, and where it has `?` (any one character).
 * `plain` when it has no `?`, so the engine's own substring search finds it.
 */
interface Piece {
  chars: string;
  /** Positions of `?` in `chars` (the character stored there is a placeholder). */
  anyAt: readonly boolean[] | undefined;
}

/** The pattern split at its stars: `pieces.length === stars + 1`. */
interface CompiledWildcard {
  pieces: readonly Piece[];
  /** Whether the pattern has at least one `*`. */
  starred: boolean;
  /** Shortest text the pattern can match: the total length of its pieces. */
  minLength: number;
}

/** Tokens of a plain wildcard string, where every `*` and `?` is a wildcard. */
export function wildcardTokens(pattern: string): WildcardToken[] {
  const tokens: WildcardToken[] = [];
  let text = '';
  for (const ch of pattern) {
    if (ch === '*' || ch === '?') {
      if (text) tokens.push({ kind: 'text', text });
      text = '';
      tokens.push(ch === '*' ? { kind: 'any' } : { kind: 'one' });
    } else text += ch;
  }
  if (text) tokens.push({ kind: 'text', text });
  return tokens;
}

function splitPieces(tokens: readonly WildcardToken[], fold: (s: string) => string) {
  const pieces: Piece[] = [];
  let chars = '';
  let anyAt: boolean[] | undefined;
  let minLength = 0;
  const close = () => {
    pieces.push({ chars, anyAt });
    minLength += chars.length;
    chars = '';
    anyAt = undefined;
  };
  for (const token of tokens) {
    if (token.kind === 'any') {
      close();
    } else if (token.kind === 'one') {
      anyAt ??= Array.from({ length: chars.length }, () => false);
      anyAt.push(true);
      // Any character: the placeholder is never compared.
      chars += '\0';
    } else {
      const text = fold(token.text);
      if (anyAt) for (let i = 0; i < text.length; i++) anyAt.push(false);
      chars += text;
    }
  }
  close();
  return { pieces, starred: pieces.length > 1, minLength } satisfies CompiledWildcard;
}

/** Whether `piece` matches `text` at `at` (the caller checks that it fits). */
function pieceAt(piece: Piece, text: string, at: number, cost: MatchCost | undefined): boolean {
  const { chars, anyAt } = piece;
  for (let i = 0; i < chars.length; i++) {
    if (cost) cost.steps++;
    if (anyAt?.[i]) continue;
    if (chars.charCodeAt(i) !== text.charCodeAt(at + i)) return false;
  }
  return true;
}

/** The leftmost place at or after `from` (and no later than `last`) where `piece` matches. */
function findPiece(
  piece: Piece,
  text: string,
  from: number,
  last: number,
  cost: MatchCost | undefined,
): number {
  if (!piece.anyAt) {
    const found = text.indexOf(piece.chars, from);
    // The engine's search compares at most this much; counted as its worst case.
    if (cost) cost.steps += ((found === -1 ? text.length : found) - from + 1) * piece.chars.length;
    return found !== -1 && found <= last ? found : -1;
  }
  for (let at = from; at <= last; at++) if (pieceAt(piece, text, at, cost)) return at;
  return -1;
}

function matchCompiled(
  compiled: CompiledWildcard,
  text: string,
  cost: MatchCost | undefined,
): boolean {
  const { pieces, starred, minLength } = compiled;
  if (cost) cost.steps++;
  charge(cost);
  if (!starred) return text.length === minLength && pieceAt(pieces[0]!, text, 0, cost);
  if (text.length < minLength) return false;
  const first = pieces[0]!;
  const final = pieces[pieces.length - 1]!;
  if (!pieceAt(first, text, 0, cost)) return false;
  const end = text.length - final.chars.length;
  if (!pieceAt(final, text, end, cost)) return false;
  let at = first.chars.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i]!;
    if (piece.chars.length === 0) continue;
    const found = findPiece(piece, text, at, end - piece.chars.length, cost);
    charge(cost);
    if (found === -1) return false;
    at = found + piece.chars.length;
  }
  return at <= end;
}

/**
 * A whole-string matcher for wildcard tokens. `ignoreCase` compares with both sides in lower case
 * (actions and the `...IgnoreCase` operators); otherwise the comparison is exact.
 */
export function compileWildcard(
  tokens: readonly WildcardToken[],
  options: { ignoreCase: boolean },
): WildcardMatcher {
  const fold = options.ignoreCase ? (s: string) => s.toLowerCase() : (s: string) => s;
  const compiled = splitPieces(tokens, fold);
  const [only] = compiled.pieces;
  if (!compiled.starred && !only!.anyAt) {
    const literal = only!.chars;
    return (text, cost) => {
      if (cost) cost.steps += literal.length + 1;
      charge(cost);
      return fold(text) === literal;
    };
  }
  return (text, cost) => matchCompiled(compiled, fold(text), cost);
}

/** Whether `text` matches a plain wildcard string (every `*` and `?` a wildcard). */
export function matchesWildcard(
  pattern: string,
  text: string,
  options: { ignoreCase: boolean },
  cost?: MatchCost,
): boolean {
  return compileWildcard(wildcardTokens(pattern), options)(text, cost);
}

/** Index just after the first colon of `text` at or after `from`, or -1 when there is none. */
function afterColon(text: string, from: number): number {
  const colon = text.indexOf(':', from);
  return colon === -1 ? -1 : colon + 1;
}

/**
 * A matcher for an ARN pattern, as IAM matches the Resource element and the `Arn...` operators:
 * case-sensitive and segment by segment (`arn:partition:service:region:account:resource`). In the
 * first five segments a wildcard stands for characters of its segment only, never for a `:`; in
 * the resource segment it stands for any characters. A policy variable's value is put in the text
 * before matching (IAM "policy variables": replaced with the value from the request context), so
 * its colons separate segments as written ones do, while its `*` and `?` stay plain characters:
 * `${aws:PrincipalArn}` alone stands for a whole ARN.
 *
 * A pattern with fewer than five separators matches only when `complete` is false and it ends
 * with `*`, which then stretches over the missing segments (`arn:aws:s3:*` covers every S3 ARN;
 * IAM: "if the `*` wildcard is the last character of a resource ARN segment, it can expand to
 * match beyond the colon boundaries"). Otherwise it names no full ARN: undefined.
 *
 * Since a wildcard of the first five segments never matches a colon, the text is cut at its own
 * colons and each piece matched on its own, so the cost stays that of the plain matcher.
 */
export function compileArnWildcard(
  tokens: readonly WildcardToken[],
  complete: boolean,
): WildcardMatcher | undefined {
  const segments: WildcardToken[][] = [[]];
  for (const token of tokens) {
    if ((token.kind === 'text' || token.kind === 'value') && segments.length < 6) {
      // Cut at the colons; the pieces keep their kind (a variable's stay plain characters).
      const { kind } = token;
      let rest = token.text;
      let colon = rest.indexOf(':');
      while (colon !== -1 && segments.length < 6) {
        if (colon > 0) segments[segments.length - 1]!.push({ kind, text: rest.slice(0, colon) });
        segments.push([]);
        rest = rest.slice(colon + 1);
        colon = rest.indexOf(':');
      }
      if (rest) segments[segments.length - 1]!.push({ kind, text: rest });
    } else {
      segments[segments.length - 1]!.push(token);
    }
  }
  const separators = segments.length - 1;
  const lastSegment = segments[separators]!;
  const stretches = separators < 5 && lastSegment[lastSegment.length - 1]?.kind === 'any';
  if (separators < 5 && (complete || !stretches)) return undefined;
  const matchers = segments.map((segment) => compileWildcard(segment, { ignoreCase: false }));
  return (text, cost) => {
    let start = 0;
    for (let i = 0; i < separators; i++) {
      const end = afterColon(text, start);
      if (end === -1) return false;
      if (!matchers[i]!(text.slice(start, end - 1), cost)) return false;
      start = end;
    }
    if (separators === 5) return matchers[5]!(text.slice(start), cost);
    // The trailing `*` takes the rest; the characters before it stay within their segment.
    const end = afterColon(text, start);
    return matchers[separators]!(end === -1 ? text.slice(start) : text.slice(start, end - 1), cost);
  };
}
