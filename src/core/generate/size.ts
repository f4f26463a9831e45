/** The generator's findings about a policy's size against the 20,480-character quota. */
import { POLICY_SIZE_LIMIT } from '../catalog/ids';
import type { PolicyFormat } from '../config/schema';
import {
  ONE_REGION_PER_ENDPOINT,
  overLimitMessage,
  perRegionFitAdvice,
  type LargestRegionPolicy,
} from '../diagnostic-messages';
import type { EngineDiagnostic } from '../diagnostics';
import { formatCount } from '../text/format-count';
import { countPolicyCharacters, renderPolicy } from '../policy/render';

/**
 * Over the quota: an error with what would fit (the minified form, one policy per region, whose
 * largest `largestRegionPolicy` measures when there are several regions). Near it: a warning.
 */
export function sizeDiagnostics(
  policy: unknown,
  size: number,
  format: PolicyFormat,
  largestRegionPolicy?: () => LargestRegionPolicy,
): Array<[string, EngineDiagnostic]> {
  if (size > POLICY_SIZE_LIMIT) {
    const minifiedSize =
      format === 'minified' ? size : countPolicyCharacters(renderPolicy(policy, 'minified'));
    const hints: string[] = [];
    if (minifiedSize <= POLICY_SIZE_LIMIT)
      hints.push(`The minified form is ${formatCount(minifiedSize)} characters and fits.`);
    if (largestRegionPolicy)
      hints.push(perRegionFitAdvice(largestRegionPolicy()), ONE_REGION_PER_ENDPOINT);
    return [
      [
        'size',
        {
          severity: 'error',
          code: 'size/over-limit',
          message: `${overLimitMessage(size)}.`,
          hint: hints.join(' ') || 'Remove data access patterns or regions you do not need.',
        },
      ],
    ];
  }
  if (size > POLICY_SIZE_LIMIT * 0.9)
    return [
      [
        'size-near',
        {
          severity: 'warning',
          code: 'size/near-limit',
          message: `The policy is ${formatCount(size)} characters, within ${formatCount(POLICY_SIZE_LIMIT - size)} of the ${formatCount(POLICY_SIZE_LIMIT)}-character limit.`,
        },
      ],
    ];
  return [];
}
