/**
 * Whether a verdict may be given on a policy text: never on one the validator finds errors in.
 * AWS would refuse such a policy, and a statement the evaluator cannot read (a malformed CIDR in
 * a Deny's NotIpAddress, say) would simply not apply, turning a denial into "Allowed". The CLI
 * and the browser's simulator both decide here, so that neither fails open where the other
 * refuses.
 */
import type { Diagnostic } from '../diagnostics';
import { findingKind } from '../finding-kinds';
import { validate, type ValidateOptions } from './validate';
import { unreadablePolicyProblem } from '../evaluate/evaluate';

export interface PolicyVerdictCheck {
  /** The validator's errors, in text order: any of them means no verdict. */
  errors: Diagnostic[];
  /** The first error that leaves nothing to evaluate (the text is not a policy), if any. */
  unreadable?: Diagnostic;
}

/** Validates the policy text and says whether it may be evaluated, with the validator's errors. */
export function checkPolicyForVerdict(
  text: string,
  options: Pick<ValidateOptions, 'iamIndex'> = {},
): PolicyVerdictCheck {
  const { diagnostics } = validate(text, options);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const unreadable = unreadablePolicyProblem(diagnostics);
  return unreadable ? { errors, unreadable } : { errors };
}

/** Whether the check allows a verdict. */
export const allowsVerdict = (check: PolicyVerdictCheck): boolean => check.errors.length === 0;

/**
 * Why a refused policy gets no verdict, in a few words: a policy whose only errors are values
 * still to give is unfinished, not wrong, and the page counts those as "to fill", not as errors.
 */
export function refusalReason(errors: readonly Diagnostic[]): string {
  return onlyValuesToFill(errors) ? 'the policy has values still to fill' : 'the policy has errors';
}

/** Whether every error is a value still to give: the policy is unfinished rather than wrong. */
export function onlyValuesToFill(errors: readonly Diagnostic[]): boolean {
  return errors.length > 0 && errors.every((d) => findingKind(d) === 'to-fill');
}
