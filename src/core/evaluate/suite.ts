/**
 * Saved requests: the user's test suite of requests with the verdict they expect, kept in the
 * perimeter configuration. The browser re-runs it on every change of choices and the CLI runs it
 * in pipelines; both go through these functions.
 */
import { BUDGETS, budgetRule } from '../budgets';
import { catalog as bundledCatalog, type Catalog } from '../catalog/catalog';
import type { RegionCode, ServiceId } from '../catalog/ids';
import type { PerimeterConfig } from '../config/schema';
import type { Diagnostic } from '../diagnostics';
import { generateForNames, type GeneratedPolicy } from '../generate/generate';
import { canonicalRegions } from '../generate/selection';
import { compilePolicy, evaluate, type EvaluationResult, type PolicySource } from './evaluate';
import type { CompiledPolicy } from './policy';
import { savedRequestSchema, type Decision, type SavedRequest } from '../config/request-schema';
import { issuesToDiagnostics, type Locate } from '../config/parse';
import { readStructuredText } from '../config/structured-text';
import type { ConfigTextFormat } from '../config/text-format';

/**
 * The policy on an endpoint of the service in the region: with one policy per region
 * (output.shape "per-region") the region's own policy, otherwise the single policy that covers
 * every selected region. The region defaults to the first selected one.
 */
export function endpointPolicyFor(
  config: PerimeterConfig,
  service: ServiceId,
  region?: RegionCode,
  catalog: Catalog = bundledCatalog,
): GeneratedPolicy {
  return endpointPolicyForNames(config, service, region, catalog);
}

/**
 * `endpointPolicyFor` for a service and region named by text (a saved request, a row of the
 * request matrix): a name the catalog does not know is reported by the generator and left out,
 * so a request through an unknown service meets a policy without statements.
 */
export function endpointPolicyForNames(
  config: PerimeterConfig,
  serviceName: string,
  regionName?: string,
  catalog: Catalog = bundledCatalog,
): GeneratedPolicy {
  const perRegion = config.output?.shape === 'per-region';
  const endpointRegion = regionName ?? canonicalRegions(config.regions, catalog)[0];
  if (perRegion && endpointRegion !== undefined)
    return generateForNames(config, serviceName, { regions: [endpointRegion], catalog });
  return generateForNames(config, serviceName, { catalog });
}

export interface SavedRequestOutcome {
  /** Position in the suite. */
  index: number;
  saved: SavedRequest;
  result: EvaluationResult;
  /** Whether the verdict is the expected one. */
  passed: boolean;
}

/** Runs saved requests, each against the policy `policyFor` gives for it (compiled once per policy). */
export function runSavedRequests(
  saved: readonly SavedRequest[],
  policyFor: (saved: SavedRequest) => PolicySource,
): SavedRequestOutcome[] {
  const compiled = new Map<PolicySource, CompiledPolicy>();
  // The whole suite shares one budget of matching work, so that a link full of slow requests
  // costs no more than a few slow ones.
  let suiteSteps = 0;
  return saved.map((request, index) => {
    const source = policyFor(request);
    let policy = compiled.get(source);
    if (!policy) {
      policy = compilePolicy(source);
      compiled.set(source, policy);
    }
    const result = evaluate(policy, request.request, { suiteSteps });
    suiteSteps += result.steps;
    const passed = result.withheld === undefined && result.decision === request.expect;
    return { index, saved: request, result, passed };
  });
}

/** Runs saved requests against the policies the configuration generates. */
export function runSavedRequestsAgainstConfig(
  config: PerimeterConfig,
  saved: readonly SavedRequest[] = config.savedRequests ?? [],
  catalog: Catalog = bundledCatalog,
): SavedRequestOutcome[] {
  const policies = new Map<string, string>();
  return runSavedRequests(saved, (request) => {
    const key = `${request.service}\u0000${request.region ?? ''}`;
    let policy = policies.get(key);
    if (policy === undefined) {
      policy = endpointPolicyForNames(config, request.service, request.region, catalog).text;
      policies.set(key, policy);
    }
    return policy;
  });
}

export interface SuiteSummary {
  total: number;
  passed: number;
  failed: number;
  /** Decisions of the failed requests, as `expected -> got`, for a one-line report. */
  failures: { name: string; expected: Decision; got: Decision }[];
}

export function summarizeSuite(outcomes: readonly SavedRequestOutcome[]): SuiteSummary {
  const failures = outcomes
    .filter((o) => !o.passed)
    .map((o) => ({ name: o.saved.name, expected: o.saved.expect, got: o.result.decision }));
  return {
    total: outcomes.length,
    passed: outcomes.length - failures.length,
    failed: failures.length,
    failures,
  };
}

/**
 * Reads a list of saved requests from a parsed value: a list, or an object with a
 * `savedRequests` list (as in a configuration). Every problem is a diagnostic with its path.
 */
export function parseSavedRequests(
  value: unknown,
  locate?: Locate,
): {
  requests?: SavedRequest[];
  diagnostics: Diagnostic[];
} {
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null && 'savedRequests' in value
      ? (value as { savedRequests: unknown }).savedRequests
      : undefined;
  if (!Array.isArray(list)) {
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'requests/shape',
          message: 'Expected a list of saved requests, or an object with a "savedRequests" list.',
        },
      ],
    };
  }
  const prefix = Array.isArray(value) ? [] : ['savedRequests'];
  const parsed = savedRequestSchema
    .array()
    .max(BUDGETS.savedRequests.limit, budgetRule('savedRequests'))
    .safeParse(list);
  if (parsed.success) return { requests: parsed.data, diagnostics: [] };
  const issues = parsed.error.issues.map((issue) => ({
    ...issue,
    path: [...prefix, ...issue.path],
  }));
  return { diagnostics: issuesToDiagnostics(issues, value, locate) };
}

/**
 * Reads saved requests from a file's text (JSON with comments, or YAML): syntax problems and
 * shape problems alike come back as diagnostics placed in the text.
 */
export function parseSavedRequestsText(
  text: string,
  format: ConfigTextFormat = 'json',
): { requests?: SavedRequest[]; diagnostics: Diagnostic[] } {
  const read = readStructuredText(text, format);
  if (read.value === undefined) return { diagnostics: read.diagnostics };
  return parseSavedRequests(read.value, read.locate);
}
