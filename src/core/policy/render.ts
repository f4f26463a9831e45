import type { PolicyFormat } from '../config/schema';

const INDENT: Record<PolicyFormat, number> = { 'pretty-2': 2, 'pretty-4': 4, minified: 0 };

/** Serializes a policy; the same document always gives the same text. */
export function renderPolicy(policy: unknown, format: PolicyFormat): string {
  const indent = INDENT[format];
  return indent === 0 ? JSON.stringify(policy) : JSON.stringify(policy, null, indent);
}

/** Characters as the endpoint policy quota counts them: every character, whitespace included. */
export function countPolicyCharacters(text: string): number {
  // Code points, not UTF-16 units; ASCII text (the common case) skips the slower count.
  return /[\u0080-\uffff]/.test(text) ? [...text].length : text.length;
}
