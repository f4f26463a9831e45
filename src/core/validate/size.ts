/** The 20,480-character quota of an endpoint policy, whitespace included, and what minifying would save. */
import { POLICY_SIZE_LIMIT } from '../catalog/ids';
import { countPolicyCharacters, renderPolicy } from '../generate/render';
import type { Findings } from './findings';

export interface PolicySize {
  /** Characters of the text as AWS counts them, whitespace included. */
  characters: number;
  limit: number;
  /** Characters left before the limit; negative when over. */
  headroom: number;
  /** Characters of the minified form, when the text is valid JSON. */
  minifiedCharacters?: number;
  minifiedFits?: boolean;
}

/** A warning starts this close to the limit. */
const NEAR_LIMIT_SHARE = 0.9;

const formatCount = (n: number) => n.toLocaleString('en-US');

/** Offset of the first character past the limit, counting code points as the quota does. */
function offsetOfCharacter(text: string, characterIndex: number): number {
  if (text.length === countPolicyCharacters(text)) return characterIndex;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (count === characterIndex) return i;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) i++;
    count++;
  }
  return text.length;
}

export function measurePolicy(text: string, value: unknown, findings: Findings): PolicySize {
  const characters = countPolicyCharacters(text);
  const size: PolicySize = {
    characters,
    limit: POLICY_SIZE_LIMIT,
    headroom: POLICY_SIZE_LIMIT - characters,
  };
  if (value !== undefined) {
    size.minifiedCharacters = countPolicyCharacters(renderPolicy(value, 'minified'));
    size.minifiedFits = size.minifiedCharacters <= POLICY_SIZE_LIMIT;
  }
  if (characters > POLICY_SIZE_LIMIT) {
    const hints: string[] = [];
    if (size.minifiedFits)
      hints.push(
        `Minified, it is ${formatCount(size.minifiedCharacters!)} characters and fits: remove the whitespace.`,
      );
    else if (size.minifiedCharacters !== undefined)
      hints.push(`Even minified it is ${formatCount(size.minifiedCharacters)} characters.`);
    hints.push(
      "An endpoint lives in one region: a policy per region only needs that region's resources.",
    );
    findings.error(
      'size/over-limit',
      `The policy is ${formatCount(characters)} characters, ${formatCount(characters - POLICY_SIZE_LIMIT)} over the ${formatCount(POLICY_SIZE_LIMIT)}-character limit of an endpoint policy (whitespace counts); AWS rejects it.`,
      { offset: offsetOfCharacter(text, POLICY_SIZE_LIMIT), length: 0 },
      { hint: hints.join(' ') },
    );
  } else if (characters > POLICY_SIZE_LIMIT * NEAR_LIMIT_SHARE) {
    findings.warning(
      'size/near-limit',
      `The policy is ${formatCount(characters)} characters, ${formatCount(size.headroom)} below the ${formatCount(POLICY_SIZE_LIMIT)}-character limit.`,
      undefined,
      size.minifiedCharacters !== undefined
        ? { hint: `Minified, it would be ${formatCount(size.minifiedCharacters)} characters.` }
        : {},
    );
  }
  return size;
}
