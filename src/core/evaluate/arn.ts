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
import { splitArn } from '../policy/arn';
import { compileArnWildcard, type WildcardMatcher } from '../policy/wildcard';
import { literalTokens, type PatternToken } from './policy-pattern';

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

/**
 * A matcher for one ARN pattern (already resolved), following the rules above. `complete` asks
 * for a full six-segment pattern (condition values); otherwise a short pattern ending in `*`
 * stretches over the missing segments.
 */
export function compileArnPattern(
  tokens: readonly PatternToken[],
  complete: boolean,
): WildcardMatcher | undefined {
  return compileArnWildcard(literalTokens(tokens), complete);
}
