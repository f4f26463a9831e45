/**
 * The verdict the panel shows for the request in the form, as one of four kinds: about a
 * generated endpoint policy, about the user's own policy text, no verdict because that text is
 * not a policy, or none because the request has errors. Computed here, without React, so that
 * the panel only renders it.
 */
import type { PerimeterConfig } from '@/core/config/schema';
import {
  compilePolicy,
  unreadablePolicyProblem,
  type EvaluationResult,
} from '@/core/evaluate/evaluate';
import type { SavedRequest } from '@/core/evaluate/request-schema';
import type { PreviewTarget } from '@/shared/catalog/preview-target';
import { evaluateRemembered, verdictFor, type EndpointChoice } from './simulation';

export type SimulatorVerdict =
  | { kind: 'generated'; endpoint: EndpointChoice; result: EvaluationResult }
  | { kind: 'own-text'; result: EvaluationResult }
  | { kind: 'unreadable-text'; problem: string }
  | { kind: 'request-errors' };

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
  if (ownText !== undefined) {
    const compiled = compilePolicy(ownText);
    const unreadable = unreadablePolicyProblem(compiled.diagnostics);
    if (unreadable) {
      const at = unreadable.range
        ? ` (line ${unreadable.range.start.line}, column ${unreadable.range.start.column})`
        : '';
      return { kind: 'unreadable-text', problem: `${unreadable.message}${at}` };
    }
    return { kind: 'own-text', result: evaluateRemembered(compiled, request.request) };
  }
  const { endpoint, result } = verdictFor(config, request.service, request.region, request.request);
  return { kind: 'generated', endpoint, result };
}

/**
 * The verdict as text without the places in the policy text, which move when another statement
 * changes: equal texts mean nothing on screen changes, so the panel keeps the value it had.
 */
export function verdictIdentity(verdict: SimulatorVerdict): string {
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
