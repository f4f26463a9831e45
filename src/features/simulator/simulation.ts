/**
 * Verdicts for the simulator: the policy on an endpoint (the one the preview shows when it is
 * the previewed service and region), compiled once per policy text, and the requests evaluated
 * against it. Each change of choices costs one generation per endpoint the requests go through
 * (shared with the preview's cache), one compilation per new policy text, and evaluations that
 * are remembered per compiled policy.
 */
import { catalog } from '@/core/catalog/catalog';
import { toRegionCode, toServiceId } from '@/core/catalog/ids';
import type { PerimeterConfig } from '@/core/config/schema';
import {
  compilePolicy,
  evaluate,
  type CompiledPolicy,
  type EvaluationResult,
} from '@/core/evaluate/evaluate';
import type { Decision, SavedRequest, SimulatedRequest } from '@/core/config/request-schema';
import {
  checkPolicyForVerdict,
  onlyValuesToFill,
  type PolicyVerdictCheck,
} from '@/core/validate/verdict-check';
import { runSavedRequests, type SavedRequestOutcome } from '@/core/evaluate/suite';
import { DEFAULT_FORMAT, generateForNames, type GeneratedPolicy } from '@/core/generate/generate';
import { canonicalRegions } from '@/core/generate/selection';
import { previewPolicy } from '@/state/preview-policy';

/**
 * Which endpoint a request goes through, as the request names it (a saved request may name what
 * the catalog does not know); `region` undefined when every selected region shares one policy.
 */
export interface EndpointChoice {
  service: string;
  region: string | undefined;
}

/**
 * The endpoint whose policy decides a request, as `endpointPolicyFor` (the CLI) chooses it: with
 * one policy per region, the request's region or the first selected one; otherwise the single
 * policy of every selected region.
 */
export function endpointOf(
  config: PerimeterConfig,
  service: string,
  region: string | undefined,
): EndpointChoice {
  if (config.output?.shape !== 'per-region') return { service, region: undefined };
  return { service, region: region ?? canonicalRegions(config.regions, catalog)[0] };
}

/** The policy on the endpoint, generated (and memoized per configuration) as the preview does. */
export function endpointPolicy(config: PerimeterConfig, endpoint: EndpointChoice): GeneratedPolicy {
  const format = config.output?.format ?? DEFAULT_FORMAT;
  const service = toServiceId(endpoint.service, catalog);
  const region = endpoint.region === undefined ? undefined : toRegionCode(endpoint.region, catalog);
  if (service !== undefined && (region !== undefined || endpoint.region === undefined))
    return previewPolicy(config, service, region, format);
  // A name the catalog does not know: the generator says so, and the policy has nothing in it.
  return generateForNames(config, endpoint.service, {
    catalog,
    format,
    skipPerRegionHint: true,
    ...(endpoint.region !== undefined ? { regions: [endpoint.region] } : {}),
  });
}

const results = new WeakMap<CompiledPolicy, Map<string, EvaluationResult>>();

/** Evaluates a request, remembering the result for this compiled policy. */
export function evaluateRemembered(
  policy: CompiledPolicy,
  request: SimulatedRequest,
): EvaluationResult {
  let byRequest = results.get(policy);
  if (!byRequest) {
    byRequest = new Map();
    results.set(policy, byRequest);
  }
  const key = JSON.stringify(request);
  let result = byRequest.get(key);
  if (!result) {
    result = evaluate(policy, request);
    byRequest.set(key, result);
  }
  return result;
}

/** Policy texts checked lately: the generated ones of the shown endpoints and the user's own. */
const CHECKED_TEXTS = 64;
const checkedTexts = new Map<string, PolicyVerdictCheck>();

/**
 * The validator's verdict on a policy text, as the CLI decides it (`checkPolicyForVerdict`):
 * a policy with errors gets no verdict. Remembered per text, most recent last.
 */
export function policyCheckOf(text: string): PolicyVerdictCheck {
  let check = checkedTexts.get(text);
  if (check) {
    checkedTexts.delete(text);
  } else {
    check = checkPolicyForVerdict(text);
    if (checkedTexts.size >= CHECKED_TEXTS) checkedTexts.delete(checkedTexts.keys().next().value!);
  }
  checkedTexts.set(text, check);
  return check;
}

/**
 * What the simulator says about one request against one policy: a verdict (whose `withheld` is
 * set when the evaluation went over its budget), or none because the policy has errors.
 */
export type PolicyOutcome =
  { kind: 'evaluated'; result: EvaluationResult } | { kind: 'refused'; check: PolicyVerdictCheck };

/** Evaluates the request unless the validator finds errors in the policy text. */
export function outcomeOnText(text: string, request: SimulatedRequest): PolicyOutcome {
  const check = policyCheckOf(text);
  if (check.errors.length > 0) return { kind: 'refused', check };
  const compiled = compilePolicy(text);
  // The validator reads everything the compiler reads; should they ever disagree, no verdict.
  if (!compiled.valid)
    return {
      kind: 'refused',
      check: { errors: compiled.diagnostics.filter((d) => d.severity === 'error') },
    };
  return { kind: 'evaluated', result: evaluateRemembered(compiled, request) };
}

export interface RequestVerdict {
  endpoint: EndpointChoice;
  policy: GeneratedPolicy;
  outcome: PolicyOutcome;
}

/** The verdict for one request through its endpoint, or none when its policy has errors. */
export function verdictFor(
  config: PerimeterConfig,
  service: string,
  region: string | undefined,
  request: SimulatedRequest,
): RequestVerdict {
  const endpoint = endpointOf(config, service, region);
  const policy = endpointPolicy(config, endpoint);
  return { endpoint, policy, outcome: outcomeOnText(policy.text, request) };
}

/** The decision of an outcome, or undefined when there is none (policy errors, work over budget). */
export function decisionOf(outcome: PolicyOutcome): Decision | undefined {
  return outcome.kind === 'evaluated' && outcome.result.withheld === undefined
    ? outcome.result.decision
    : undefined;
}

/** What identifies a saved request across runs: everything it says, its name and expectation included. */
export const savedRequestKey = (saved: SavedRequest): string => JSON.stringify(saved);

export interface SuiteOutcome extends SavedRequestOutcome {
  endpoint: EndpointChoice;
  /** The verdict of the previous run, when this run's differs from it. */
  changedFrom?: Decision;
  /** Set when the endpoint service is not in the catalog: the request cannot be evaluated. */
  unknownService?: boolean;
  /** Set when the endpoint's policy has errors: how many; the request gets no verdict. */
  policyErrors?: number;
  /** With `policyErrors`: whether they are all values still to fill (an unfinished policy). */
  policyUnfinished?: boolean;
}

/** The decision of a suite outcome, or undefined when it has none (policy errors, work over budget). */
export function suiteDecisionOf(outcome: SuiteOutcome): Decision | undefined {
  return outcome.policyErrors === undefined && outcome.result.withheld === undefined
    ? outcome.result.decision
    : undefined;
}

/**
 * Runs the saved requests against the configuration's policies, one compilation per policy text.
 * A request whose policy has errors gets no verdict and fails, as the CLI refuses such a suite.
 */
export function runSuite(
  config: PerimeterConfig,
  saved: readonly SavedRequest[],
  previous?: ReadonlyMap<string, Decision>,
): SuiteOutcome[] {
  const endpoints = saved.map((request) => endpointOf(config, request.service, request.region));
  const endpointByRequest = new Map(saved.map((request, index) => [request, endpoints[index]!]));
  const outcomes = runSavedRequests(saved, (request) =>
    compilePolicy(endpointPolicy(config, endpointByRequest.get(request)!).text),
  );
  return outcomes.map((outcome) => {
    const endpoint = endpoints[outcome.index]!;
    const suiteOutcome: SuiteOutcome = { ...outcome, endpoint };
    const { errors } = policyCheckOf(endpointPolicy(config, endpoint).text);
    if (errors.length > 0) {
      suiteOutcome.policyErrors = errors.length;
      suiteOutcome.policyUnfinished = onlyValuesToFill(errors);
      suiteOutcome.passed = false;
    }
    const before = previous?.get(savedRequestKey(outcome.saved));
    const decision = suiteDecisionOf(suiteOutcome);
    if (before !== undefined && decision !== undefined && before !== decision)
      suiteOutcome.changedFrom = before;
    if (!toServiceId(outcome.saved.service, catalog)) suiteOutcome.unknownService = true;
    return suiteOutcome;
  });
}

/** The decisions of a run, to flag what the next run changes; requests without a verdict are left out. */
export function decisionsOf(outcomes: readonly SuiteOutcome[]): Map<string, Decision> {
  const decisions = new Map<string, Decision>();
  for (const outcome of outcomes) {
    const decision = suiteDecisionOf(outcome);
    if (decision !== undefined) decisions.set(savedRequestKey(outcome.saved), decision);
  }
  return decisions;
}

/** The last run of the saved requests: the configuration it ran on, its outcomes and verdicts. */
export interface SuiteMemory {
  config?: PerimeterConfig;
  outcomes: SuiteOutcome[];
  decisions: ReadonlyMap<string, Decision>;
}

/** The choices that make the policies: everything in the configuration but the suite. */
function policyChoicesText(config: PerimeterConfig): string {
  const { savedRequests: _suite, ...choices } = config;
  return JSON.stringify(choices);
}

/**
 * The saved requests' outcomes for the configuration: the remembered run when the configuration
 * is the one it ran on, else a new run whose changed verdicts are flagged against the remembered
 * one. An edit of the suite alone changes no verdict, so the flags of the last change of choices
 * stay until the next one.
 */
export function runSuiteOnChange(config: PerimeterConfig, memory: SuiteMemory): SuiteOutcome[] {
  if (memory.config === config) return memory.outcomes;
  const outcomes = runSuite(config, config.savedRequests ?? [], memory.decisions);
  if (
    memory.config !== undefined &&
    policyChoicesText(memory.config) === policyChoicesText(config)
  ) {
    const earlier = new Map(memory.outcomes.map((o) => [savedRequestKey(o.saved), o.changedFrom]));
    for (const outcome of outcomes) {
      const changedFrom = earlier.get(savedRequestKey(outcome.saved));
      if (changedFrom !== undefined && outcome.changedFrom === undefined)
        outcome.changedFrom = changedFrom;
    }
  }
  memory.config = config;
  memory.outcomes = outcomes;
  memory.decisions = decisionsOf(outcomes);
  return outcomes;
}
