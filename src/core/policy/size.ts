/** The 20,480-character quota of an endpoint policy, whitespace included, and what minifying would save. */
import type { Node } from 'jsonc-parser';
import { POLICY_SIZE_LIMIT } from '../catalog/ids';
import { countPolicyCharacters, renderPolicy } from './render';
import type { Findings } from './findings';
import type { PolicyJson } from './policy-json';
import { formatCount } from '../text/format-count';

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

/**
 * Characters of the minified form counted on the syntax tree, without rendering it: exact when
 * every token would be written back as it is (ASCII, no escapes, numbers in their shortest form,
 * no repeated keys); undefined otherwise.
 */
function countMinifiedOnTree(root: Node, text: string): number | undefined {
  let total = 0;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.type) {
      case 'object':
      case 'array': {
        const children = node.children ?? [];
        // Brackets and commas, and a colon per property.
        total +=
          2 + Math.max(children.length - 1, 0) + (node.type === 'object' ? children.length : 0);
        for (const child of children) {
          if (node.type === 'object') stack.push(...(child.children ?? []));
          else stack.push(child);
        }
        break;
      }
      case 'string':
        total += node.length;
        break;
      case 'number': {
        const written = String(node.value);
        if (
          !Number.isFinite(node.value) ||
          written.length !== node.length ||
          !text.startsWith(written, node.offset)
        )
          return undefined;
        total += node.length;
        break;
      }
      case 'boolean':
        total += node.value ? 4 : 5;
        break;
      case 'null':
        total += 4;
        break;
      default:
        return undefined;
    }
  }
  return total;
}

/** Characters of the text's minified form as `renderPolicy` writes it, when the text is valid JSON. */
export function minifiedCharacters(text: string, json: PolicyJson): number | undefined {
  if (!json.root || !json.valid) return undefined;
  if (!json.duplicateKeys && !text.includes('\\') && countPolicyCharacters(text) === text.length) {
    const counted = countMinifiedOnTree(json.root, text);
    if (counted !== undefined) return counted;
  }
  const value = json.value;
  return value === undefined ? undefined : countPolicyCharacters(renderPolicy(value, 'minified'));
}

/**
 * Measures the text against the quota. The minified size comes from `minified` when the caller
 * has it, else from rendering `value`.
 */
export function measurePolicy(
  text: string,
  value: unknown,
  findings: Findings,
  minified?: number,
): PolicySize {
  const characters = countPolicyCharacters(text);
  const size: PolicySize = {
    characters,
    limit: POLICY_SIZE_LIMIT,
    headroom: POLICY_SIZE_LIMIT - characters,
  };
  const minifiedCount =
    minified ??
    (value !== undefined ? countPolicyCharacters(renderPolicy(value, 'minified')) : undefined);
  if (minifiedCount !== undefined) {
    size.minifiedCharacters = minifiedCount;
    size.minifiedFits = minifiedCount <= POLICY_SIZE_LIMIT;
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
