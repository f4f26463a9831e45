/**
 * The verdict the panel shows for the request in the form: about a generated endpoint policy or
 * about the user's own policy text; none because that policy has errors (as the CLI refuses, with
 * the validator's errors and their places), none because the evaluation went over its budget, or
 * none because the request has errors. Computed here, without React, so that the panel only
 * renders it.
 */
import type { PerimeterConfig } from '@/core/config/schema';
import type { Diagnostic } from '@/core/diagnostics';
import type { EvaluationResult } from '@/core/evaluate/evaluate';
import type { SavedRequest } from '@/core/config/request-schema';
import type { PreviewTarget } from '@/shared/catalog/preview-target';
import { outcomeOnText, verdictFor, type EndpointChoice, type PolicyOutcome } from './simulation';

/** The policy a verdict is about: the user's text in the editor, or the generated one of an endpoint. */
export type PolicyUnderVerdict =
  { kind: 'own-text' } | { kind: 'generated'; endpoint: EndpointChoice };

export type SimulatorVerdict =
  | { kind: 'generated'; endpoint: EndpointChoice; result: EvaluationResult }
  | { kind: 'own-text'; result: EvaluationResult }
  | {
      kind: 'policy-errors';
      policy: PolicyUnderVerdict;
      /** The validator's errors, in text order, with their places in that policy's text. */
      errors: Diagnostic[];
      /** Set when the text is not a policy at all: the problem that makes it unreadable. */
      unreadable?: Diagnostic;
    }
  | { kind: 'withheld'; policy: PolicyUnderVerdict; reason: string }
  | { kind: 'request-errors' };

function verdictOf(outcome: PolicyOutcome, policy: PolicyUnderVerdict): SimulatorVerdict {
  if (outcome.kind === 'refused')
    return {
      kind: 'policy-errors',
      policy,
      errors: outcome.check.errors,
      ...(outcome.check.unreadable ? { unreadable: outcome.check.unreadable } : {}),
    };
  const { result } = outcome;
  if (result.withheld !== undefined) return { kind: 'withheld', policy, reason: result.withheld };
  return policy.kind === 'own-text'
    ? { kind: 'own-text', result }
    : { kind: 'generated', endpoint: policy.endpoint, result };
}

/**
 * The verdict on `request`: against the user's text when `ownText` is given (the preview is in
 * edit mode and the user chose their text), else against the generated policy of its endpoint.
 */
export function simulatorVerdict(
  config: PerimeterConfig,
  request: SavedRequest | undefined,
  ownText: string | undefined,
): SimulatorVerdict {
  if (!request) return { kind: 'request-errors' };
  if (ownText !== undefined)
    return verdictOf(outcomeOnText(ownText, request.request), { kind: 'own-text' });
  const { endpoint, outcome } = verdictFor(
    config,
    request.service,
    request.region,
    request.request,
  );
  return verdictOf(outcome, { kind: 'generated', endpoint });
}

/**
 * The verdict as text without the places of statements in the policy text, which move when
 * another statement changes: equal texts mean nothing on screen changes, so the panel keeps the
 * value it had. The places of a policy's errors are kept: the panel shows them.
 */
export function verdictIdentity(verdict: SimulatorVerdict): string {
  if (verdict.kind === 'policy-errors') return JSON.stringify(verdict);
  return JSON.stringify(verdict, (key, inner: unknown) => (key === 'range' ? undefined : inner));
}

/** Whether the preview shows the policy of this endpoint (so that it can highlight a statement of it). */
export function previewShows(target: PreviewTarget, endpoint: EndpointChoice): boolean {
  return (
    target.service === endpoint.service &&
    (target.shape !== 'per-region' || target.region === endpoint.region)
  );
}

/**
 * The policy an endpoint has, in words that name its regions: "the s3 policy for eu-west-1", or
 * with one policy for every region, "the s3 policy of all 3 selected regions (us-east-1, ...)".
 */
export function endpointLabel(
  endpoint: EndpointChoice,
  selectedRegions: readonly string[],
): string {
  if (endpoint.region !== undefined) return `the ${endpoint.service} policy for ${endpoint.region}`;
  if (selectedRegions.length === 0) return `the ${endpoint.service} policy (no region selected)`;
  if (selectedRegions.length === 1)
    return `the ${endpoint.service} policy for ${selectedRegions[0]}`;
  const shown = selectedRegions.slice(0, 3).join(', ');
  const more = selectedRegions.length > 3 ? ', ...' : '';
  return `the ${endpoint.service} policy of all ${selectedRegions.length} selected regions (${shown}${more})`;
}
