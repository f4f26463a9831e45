/**
 * The request in the form and its verdict, following the policy the preview shows: the ready-made
 * requests are those of the service tab shown, built for the region shown (the first selected one
 * when every region shares one policy); the verdict is about the generated policy of the
 * request's endpoint, or about the user's own text while the preview edits it. The deciding
 * statement is highlighted in the preview whenever the preview shows that policy.
 */
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { catalog } from '@/core/catalog/catalog';
import { STARTING_SERVICE, type ServiceId } from '@/core/catalog/ids';
import type { PerimeterConfig } from '@/core/config/schema';
import {
  buildReadyMadeRequest,
  perimeterScenarios,
  readyMadeSpec,
  savedRequestOf,
  servicesWithReadyMadeRequests,
  type PerimeterScenario,
} from '@/core/evaluate/scenarios';
import { previewTarget, type PreviewTarget } from '@/shared/catalog/preview-target';
import { useBuilder, useBuilderActions } from '@/state/builder-store';
import { draftOf, readDraft, type DraftReading, type RequestDraft } from '../request-draft';
import { verdictFor } from '../simulation';
import { refusalReason } from '@/core/validate/verdict-check';
import { useSimulatorSession, type RequestSource } from '../simulator-session';
import {
  previewShows,
  simulatorVerdict,
  verdictIdentity,
  type SimulatorVerdict,
} from '../simulator-verdict';
import type { ScenarioItem } from '../components/scenario-list';

/** Which policy the verdict is about while the preview shows the user's own text. */
export type PolicyUnderTest = 'own' | 'generated';

/** The value of a JSON text, the same object while the text stays the same, so that memoized parts do not re-render. */
function useStableByText<T>(text: string): T {
  return useMemo(() => JSON.parse(text) as T, [text]);
}

/**
 * The ready-made requests to offer: the shown service's own; when it has none, those of the other
 * selected services that have some; when none has any, those of the starting service (S3).
 */
function offeredScenarios(
  config: PerimeterConfig,
  target: PreviewTarget,
): { scenarios: PerimeterScenario[]; note?: string } {
  const region = target.region ?? target.regions[0];
  const build = (service: ServiceId) =>
    perimeterScenarios(config, { service, ...(region !== undefined ? { region } : {}) });
  const shown = target.service !== undefined ? build(target.service) : [];
  if (shown.length > 0) return { scenarios: shown };
  const withRequests = new Set(servicesWithReadyMadeRequests(catalog));
  const others = target.services.filter((s) => withRequests.has(s));
  const about = target.service ? `${target.service} has none of its own` : 'no service is selected';
  if (others.length > 0)
    return {
      scenarios: others.flatMap(build),
      note: `Ready-made requests are written for some services only: ${about}; these are for ${others.join(', ')}.`,
    };
  return {
    scenarios: build(STARTING_SERVICE),
    note: `Ready-made requests are written for some services only: ${about}; these are for ${STARTING_SERVICE}.`,
  };
}

/**
 * The ready-made request the form shows: the one chosen, built for the region it was chosen for
 * (a cell of the matrix) or else as listed; a request of another service tab gives way to the
 * first one listed.
 */
function openScenario(
  source: RequestSource,
  scenarios: readonly PerimeterScenario[],
  config: PerimeterConfig,
): PerimeterScenario | undefined {
  if (source.kind !== 'scenario') return undefined;
  const spec = source.region !== undefined ? readyMadeSpec(source.id) : undefined;
  const listed = spec !== undefined && scenarios.some((s) => s.service === spec.service);
  if (spec && listed && source.region !== scenarios[0]?.region)
    return buildReadyMadeRequest(spec, config, source.region!, catalog);
  return scenarios.find((s) => s.id === source.id) ?? scenarios[0];
}

/** What the list says of a ready-made request: its verdict, or why it has none. */
function verdictOfScenario(
  config: PerimeterConfig,
  scenario: PerimeterScenario,
): Pick<ScenarioItem, 'decision' | 'noVerdict'> {
  const { outcome } = verdictFor(config, scenario.service, scenario.region, scenario.request);
  if (outcome.kind === 'refused') return { noVerdict: refusalReason(outcome.check.errors) };
  if (outcome.result.withheld !== undefined) return { noVerdict: 'over the evaluation budget' };
  return { decision: outcome.result.decision };
}

export interface Simulation {
  target: PreviewTarget;
  scenarios: PerimeterScenario[];
  scenarioItems: ScenarioItem[];
  /** Said when the ready-made requests are not the shown service's own. */
  scenarioNote: string | undefined;
  /** The ready-made request open in the form, if any. */
  scenario: PerimeterScenario | undefined;
  draft: RequestDraft;
  reading: DraftReading;
  verdict: SimulatorVerdict;
  /** Whether the preview shows the policy the verdict is about. */
  shownInPreview: boolean;
  /** Whether the preview shows the user's own text (its edit mode). */
  previewShowsOwnText: boolean;
  /** Set while the preview shows the user's own text: which policy the verdict is about. */
  policyUnderTest: PolicyUnderTest | undefined;
  setPolicyUnderTest(choice: PolicyUnderTest): void;
}

export function useSimulation(): Simulation {
  const config = useBuilder((state) => state.config);
  const view = useBuilder((state) => state.view);
  const previewShowsOwnText = useBuilder((state) => state.policyEditor.mode === 'edit');
  // Deferred: the text changes with every keystroke, and its verdict need not hold up the typing.
  const ownText = useDeferredValue(
    useBuilder((state) =>
      state.policyEditor.mode === 'edit' ? state.policyEditor.draft?.text : undefined,
    ),
  );
  const [policyUnderTest, setPolicyUnderTest] = useState<PolicyUnderTest>('own');
  const testingOwnText = ownText !== undefined && policyUnderTest === 'own';
  const { revealStatement, clearReveal } = useBuilderActions();
  const source = useSimulatorSession((s) => s.source);
  const typed = useSimulatorSession((s) => s.draft);

  const target = useMemo(() => previewTarget(config, view, catalog), [config, view]);
  const offered = useMemo(() => offeredScenarios(config, target), [config, target]);
  const { scenarios } = offered;
  // Most changes of choices leave the list and the form as they were: only the verdicts re-render.
  const scenarioItemsText = useMemo(
    () =>
      JSON.stringify(
        scenarios.map<ScenarioItem>((s) => ({
          id: s.id,
          name: s.name,
          why: s.why,
          service: s.service,
          expect: s.expect,
          ...verdictOfScenario(config, s),
        })),
      ),
    [config, scenarios],
  );
  const scenarioItems = useStableByText<ScenarioItem[]>(scenarioItemsText);
  const scenario = useMemo(
    () => openScenario(source, scenarios, config),
    [source, scenarios, config],
  );
  const draftText = useMemo(
    () => JSON.stringify(typed ?? draftOf(savedRequestOf(scenario ?? scenarios[0]!))),
    [typed, scenario, scenarios],
  );
  const draft = useStableByText<RequestDraft>(draftText);
  const reading = useMemo(() => readDraft(draft), [draft]);
  const verdictText = useMemo(
    () =>
      verdictIdentity(
        simulatorVerdict(config, reading.saved, testingOwnText ? ownText : undefined),
      ),
    [config, reading.saved, testingOwnText, ownText],
  );
  const verdict = useStableByText<SimulatorVerdict>(verdictText);

  const shownInPreview =
    verdict.kind === 'generated' && !previewShowsOwnText && previewShows(target, verdict.endpoint);
  // The deciding statement is highlighted in the preview whenever it changes; none clears the highlight.
  const decidingSid =
    verdict.kind === 'generated'
      ? verdict.result.deciding.find((s) => s.sid !== undefined)?.sid
      : undefined;
  const highlightKey = shownInPreview ? `${decidingSid ?? ''}` : undefined;
  useEffect(() => {
    if (highlightKey === undefined) return;
    if (highlightKey === '') clearReveal();
    else revealStatement(highlightKey);
  }, [highlightKey, revealStatement, clearReveal]);

  return {
    target,
    scenarios,
    scenarioItems,
    scenarioNote: offered.note,
    scenario,
    draft,
    reading,
    verdict,
    shownInPreview,
    previewShowsOwnText,
    policyUnderTest: ownText !== undefined ? policyUnderTest : undefined,
    setPolicyUnderTest,
  };
}
