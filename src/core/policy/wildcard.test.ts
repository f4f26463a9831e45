/**
 * The wildcard matcher against a simple reference (dynamic programming over pattern and text
 * positions, obviously right and obviously slow), and its cost on patterns built to make a
 * backtracking matcher run for minutes. `npm run test:fuzz` runs many more cases
 * (WILDCARD_FUZZ_RUNS); `npm test` runs a fixed-seed slice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileArnWildcard,
  compileWildcard,
  matchesWildcard,
  wildcardTokens,
  type MatchCost,
  type WildcardToken,
} from './wildcard';

const RUNS = Number(process.env.WILDCARD_FUZZ_RUNS ?? 300);
// The slice in `npm test` is fixed; a long run explores new cases (fast-check prints the seed of a failure).
const SEED = Number(
  process.env.WILDCARD_FUZZ_SEED ??
    (process.env.WILDCARD_FUZZ_RUNS ? Date.now() % 2 ** 31 : 20261204),
);

/** One position of a pattern for the reference: a literal character or a wildcard of a class. */
type Item = { literal: string } | { wildcard: 'any' | 'one'; colon: boolean };

/** Whether `items` match all of `text`, by dynamic programming (no cleverness). */
function referenceMatch(items: readonly Item[], text: string): boolean {
  // reachable[j]: the first i items can match the first j characters.
  let reachable = Array.from({ length: text.length + 1 }, (_, j) => j === 0);
  for (const item of items) {
    const next = Array.from({ length: text.length + 1 }, () => false);
    for (let j = 0; j <= text.length; j++) {
      if ('literal' in item) {
        if (j > 0 && reachable[j - 1] && text[j - 1] === item.literal) next[j] = true;
      } else if (item.wildcard === 'one') {
        if (j > 0 && reachable[j - 1] && (item.colon || text[j - 1] !== ':')) next[j] = true;
      } else {
        // `*`: stay, or extend the previous run by one allowed character.
        if (reachable[j]) next[j] = true;
        else if (j > 0 && next[j - 1] && (item.colon || text[j - 1] !== ':')) next[j] = true;
      }
    }
    reachable = next;
  }
  return reachable[text.length]!;
}

function itemsOf(tokens: readonly WildcardToken[], ignoreCase = false): Item[] {
  return tokens.flatMap((token): Item[] =>
    token.kind === 'any' || token.kind === 'one'
      ? [{ wildcard: token.kind, colon: true }]
      : [...(ignoreCase ? token.text.toLowerCase() : token.text)].map((literal) => ({ literal })),
  );
}

/** The ARN rules written the direct way: a wildcard of the first five segments never takes `:`. */
function referenceArnItems(
  tokens: readonly WildcardToken[],
  complete: boolean,
): Item[] | undefined {
  let separators = 0;
  for (const token of tokens)
    if (token.kind === 'text' || token.kind === 'value')
      for (const ch of token.text) if (ch === ':') separators++;
  const last = tokens[tokens.length - 1];
  if (separators < 5 && (complete || last?.kind !== 'any')) return undefined;
  const items: Item[] = [];
  let colons = 0;
  tokens.forEach((token, index) => {
    if (token.kind === 'text' || token.kind === 'value') {
      for (const literal of token.text) {
        items.push({ literal });
        if (literal === ':') colons++;
      }
    } else {
      const trailing = index === tokens.length - 1 && separators < 5;
      items.push({ wildcard: token.kind, colon: colons >= 5 || trailing });
    }
  });
  return items;
}

const alphabet = fc.constantFrom('a', 'b', 'A', ':', '/', '*', '?');
const textAlphabet = fc.constantFrom('a', 'b', 'A', ':', '/', '*', '?');
const patternArbitrary = fc.array(alphabet, { maxLength: 14 }).map((chars) => chars.join(''));
const textArbitrary = fc.array(textAlphabet, { maxLength: 18 }).map((chars) => chars.join(''));

const tokenArbitrary: fc.Arbitrary<WildcardToken> = fc.oneof(
  fc.constantFrom<WildcardToken>({ kind: 'any' }, { kind: 'one' }),
  fc
    .array(fc.constantFrom('a', 'b', ':', '/'), { minLength: 1, maxLength: 4 })
    .map((chars): WildcardToken => ({ kind: 'text', text: chars.join('') })),
  fc
    .array(fc.constantFrom('a', ':', '*'), { minLength: 1, maxLength: 3 })
    .map((chars): WildcardToken => ({ kind: 'value', text: chars.join('') })),
);
const arnTokensArbitrary = fc
  .array(tokenArbitrary, { maxLength: 12 })
  .map((tokens): WildcardToken[] => [{ kind: 'text', text: 'arn:' }, ...tokens]);
/** A text made from the tokens (wildcards filled at random), so that many of them match. */
const arnCaseArbitrary = arnTokensArbitrary.chain((tokens) =>
  fc
    .tuple(
      fc.array(fc.array(fc.constantFrom('a', 'b', ':', '/'), { maxLength: 3 }), {
        minLength: tokens.length,
        maxLength: tokens.length,
      }),
      fc.boolean(),
      fc.array(fc.constantFrom('a', ':', '/'), { maxLength: 16 }),
    )
    .map(([fills, built, random]) => {
      const text = built
        ? tokens
            .map((token, i) =>
              token.kind === 'any'
                ? fills[i]!.join('')
                : token.kind === 'one'
                  ? (fills[i]![0] ?? 'x')
                  : token.text,
            )
            .join('')
        : `arn:${random.join('')}`;
      return { tokens, text };
    }),
);

describe('wildcard matcher', () => {
  it('agrees with the reference on random patterns and texts', () => {
    fc.assert(
      fc.property(patternArbitrary, textArbitrary, fc.boolean(), (pattern, text, ignoreCase) => {
        const expected = referenceMatch(
          itemsOf(wildcardTokens(pattern), ignoreCase),
          ignoreCase ? text.toLowerCase() : text,
        );
        expect(matchesWildcard(pattern, text, { ignoreCase })).toBe(expected);
      }),
      { numRuns: RUNS * 10, seed: SEED },
    );
  });

  it('agrees with the reference on texts built to match', () => {
    // Random texts rarely match random patterns: build texts from the pattern itself.
    const fill = fc.array(fc.constantFrom('a', 'b', ':'), { maxLength: 4 });
    fc.assert(
      fc.property(
        patternArbitrary,
        fc.array(fill, { minLength: 14, maxLength: 14 }),
        (pattern, fills) => {
          let text = '';
          [...pattern].forEach((ch, i) => {
            if (ch === '*') text += fills[i]!.join('');
            else if (ch === '?') text += fills[i]![0] ?? 'x';
            else text += ch;
          });
          const expected = referenceMatch(itemsOf(wildcardTokens(pattern)), text);
          expect(expected).toBe(true);
          expect(matchesWildcard(pattern, text, { ignoreCase: false })).toBe(true);
        },
      ),
      { numRuns: RUNS * 3, seed: SEED },
    );
  });

  it('treats resolved variable values as literal text, wildcard characters included', () => {
    const matcher = compileWildcard(
      [{ kind: 'text', text: 'a' }, { kind: 'value', text: '*?' }, { kind: 'any' }],
      { ignoreCase: false },
    );
    expect(matcher('a*?b')).toBe(true);
    expect(matcher('axyb')).toBe(false);
  });

  it('ignores case only when asked', () => {
    expect(matchesWildcard('s3:Get*', 'S3:getobject', { ignoreCase: true })).toBe(true);
    expect(matchesWildcard('s3:Get*', 'S3:getobject', { ignoreCase: false })).toBe(false);
    expect(
      matchesWildcard('ec2:Describe?nstances', 'EC2:DESCRIBEINSTANCES', { ignoreCase: true }),
    ).toBe(true);
  });
});

describe('ARN wildcard matcher', () => {
  for (const complete of [false, true]) {
    it(`agrees with the reference on random ARN patterns (complete: ${complete})`, () => {
      fc.assert(
        fc.property(arnCaseArbitrary, ({ tokens, text }) => {
          const items = referenceArnItems(tokens, complete);
          const matcher = compileArnWildcard(tokens, complete);
          expect(matcher === undefined).toBe(items === undefined);
          if (matcher && items) expect(matcher(text)).toBe(referenceMatch(items, text));
        }),
        { numRuns: RUNS * 10, seed: SEED },
      );
    });
  }

  it('keeps wildcards of the first five segments within their segment', () => {
    const match = (pattern: string, text: string, complete = false) =>
      compileArnWildcard(wildcardTokens(pattern), complete)?.(text);
    expect(match('arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/a:b/c')).toBe(true);
    expect(match('arn:aws:*:us-east-1:*:*', 'arn:aws:s3:::x')).toBe(false);
    expect(match('arn:aws:*', 'arn:aws:s3:::x')).toBe(true);
    expect(match('arn:aws:*', 'arn:aws:s3:::x', true)).toBeUndefined();
    expect(match('arn:aws:s?:*', 'arn:aws:s3:us-east-1:1:x')).toBe(true);
    expect(match('arn:aws:s?:*', 'arn:aws:s:3:::x')).toBe(false);
    expect(match('arn:aws:s3:::bucket', 'arn:aws:s3:::bucket')).toBe(true);
    expect(match('arn:aws:s3:::b', 'arn:aws:s3:::bucket')).toBe(false);
  });
});

/** Patterns built to make a backtracking matcher explode. */
const PATHOLOGICAL_PATTERNS = [
  `ec2:${'*?'.repeat(10)}0`,
  `arn:aws:s3:::${'*a'.repeat(13)}*b`,
  `${'*'.repeat(50)}b`,
  `${'*a'.repeat(200)}`,
  `${'?*'.repeat(100)}x`,
  `*${'a?'.repeat(60)}*b`,
  `*${'a'.repeat(300)}b*`,
  `${'*a*'.repeat(40)}${'?'.repeat(40)}c`,
];

function costOf(matcher: (text: string, cost: MatchCost) => boolean | undefined, text: string) {
  const cost: MatchCost = { steps: 0 };
  matcher(text, cost);
  return cost.steps;
}

describe('cost of a match', () => {
  const textArbitrary = fc
    .tuple(
      fc.constantFrom('a', 'ab', '0', ':a', 'a?'),
      fc.integer({ min: 0, max: 5_000 }),
      fc.constantFrom('', 'b', 'c', '0'),
    )
    .map(([unit, repeat, tail]) => `arn:aws:s3:::${unit.repeat(repeat)}${tail}`);

  it('stays within (text length + 1) x (pattern length + 1) steps on pathological patterns', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PATHOLOGICAL_PATTERNS),
        textArbitrary,
        fc.boolean(),
        (pattern, text, ignoreCase) => {
          const bound = (text.length + 1) * (pattern.length + 1);
          const plain = compileWildcard(wildcardTokens(pattern), { ignoreCase });
          expect(costOf(plain, text)).toBeLessThanOrEqual(bound);
          const arn = compileArnWildcard(wildcardTokens(pattern), false);
          if (arn) expect(costOf(arn, text)).toBeLessThanOrEqual(bound);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('stays within the bound on random star-heavy patterns and long texts', () => {
    const pattern = fc
      .array(fc.constantFrom('*', '?', 'a', 'b', '*?', '*a'), { maxLength: 120 })
      .map((parts) => parts.join(''));
    const text = fc
      .tuple(fc.constantFrom('a', 'ab', 'aab', 'b'), fc.integer({ min: 0, max: 3_000 }))
      .map(([unit, repeat]) => unit.repeat(repeat));
    fc.assert(
      fc.property(pattern, text, (p, t) => {
        const bound = (t.length + 1) * (p.length + 1);
        expect(
          costOf(compileWildcard(wildcardTokens(p), { ignoreCase: false }), t),
        ).toBeLessThanOrEqual(bound);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('matches the issue`s patterns in about the length of the text', () => {
    const text = `arn:aws:s3:::${'a'.repeat(100_000)}`;
    const cost: MatchCost = { steps: 0 };
    expect(
      compileArnWildcard(wildcardTokens(`arn:aws:s3:::${'*a'.repeat(13)}*b`), false)!(text, cost),
    ).toBe(false);
    expect(cost.steps).toBeLessThan(4 * text.length);
    const action = { steps: 0 };
    expect(
      matchesWildcard(
        `ec2:${'*?'.repeat(10)}0`,
        `ec2:${'a'.repeat(100_000)}`,
        { ignoreCase: true },
        action,
      ),
    ).toBe(false);
    expect(action.steps).toBeLessThan(100);
  });
});
