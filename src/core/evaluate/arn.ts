/**
 * ARN matching as IAM does it for the Resource element and the Arn* condition operators.
 *
 * An ARN has six colon-separated segments: `arn:partition:service:region:account:resource`; the
 * resource segment is everything after the fifth colon and may itself hold colons. Matching is
 * case-sensitive ("ArnEquals, ArnLike: case-sensitive matching of the ARN", IAM condition
 * operators) and segment by segment: in the first five segments `*` and `?` stand for characters
 * of that segment only, never for a `:`; in the resource segment they stand for any characters,
 * `/` and `:` included (IAM "Policy elements: Resource", wildcards in resource ARNs).
 *
 * One exception, from the same page: "if the `*` wildcard is the last character of a resource ARN
 * segment, it can expand to match beyond the colon boundaries". We apply it where it changes a
 * result, to a Resource value that stops before the sixth segment and ends with `*`
 * (`arn:aws:s3:*` covers every S3 ARN). A shorter value without that trailing `*` names no full
 * ARN and matches nothing. Condition values must be complete ARNs.
 */
import { splitArn } from '../validate/identifiers';
import type { PatternToken } from './policy-pattern';

/**
 * The six segments of an ARN pattern as written in a policy, where a colon inside a `${...}`
 * policy variable (`${aws:PrincipalAccount}`) does not separate segments. Shorter patterns give
 * fewer segments.
 */
export function splitArnPattern(pattern: string): string[] {
  const segments: string[] = [];
  let start = 0;
  for (let i = 0; i < pattern.length && segments.length < 5; i++) {
    if (pattern[i] === '$' && pattern[i + 1] === '{') {
      const end = pattern.indexOf('}', i + 2);
      if (end !== -1) {
        i = end;
        continue;
      }
    }
    if (pattern[i] === ':') {
      segments.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  segments.push(pattern.slice(start));
  return segments;
}

export function isArn(value: string): boolean {
  return splitArn(value) !== undefined;
}

export { splitArn };

function escapeChar(ch: string): string {
  return /[.*+?^${}()|[\]\\]/.test(ch) ? `\\${ch}` : ch;
}

/** How many segment separators a resolved pattern has (at most five count). */
function separatorCount(tokens: readonly PatternToken[]): number {
  let count = 0;
  for (const token of tokens) {
    if (token.kind !== 'text') continue;
    for (const ch of token.text) if (ch === ':') count++;
  }
  return count;
}

/**
 * A matcher for one ARN pattern (already resolved), following the rules above. `complete` asks
 * for a full six-segment pattern (condition values); otherwise a short pattern ending in `*`
 * stretches over the missing segments.
 */
export function compileArnPattern(
  tokens: readonly PatternToken[],
  complete: boolean,
): ((value: string) => boolean) | undefined {
  const separators = separatorCount(tokens);
  if (separators < 5) {
    const last = tokens[tokens.length - 1];
    if (complete || last?.kind !== 'any') return undefined;
  }
  let source = '';
  let colons = 0;
  tokens.forEach((token, index) => {
    const inResource = colons >= 5;
    if (token.kind === 'text') {
      for (const ch of token.text) {
        source += escapeChar(ch);
        if (ch === ':') colons++;
      }
    } else if (token.kind === 'value') {
      for (const ch of token.text) source += escapeChar(ch);
    } else if (token.kind === 'one') {
      source += inResource ? '[\\s\\S]' : '[^:]';
    } else if (token.kind === 'any') {
      const trailing = index === tokens.length - 1 && separators < 5;
      source += inResource || trailing ? '[\\s\\S]*' : '[^:]*';
    }
  });
  const regexp = new RegExp(`^${source}$`);
  return (value) => regexp.test(value);
}
