/**
 * The request simulator: would this request pass through the endpoint, and why. Ready-made
 * requests and a form describe the request; its verdict follows the choices, with the deciding
 * statement highlighted in the preview; saved requests re-run on every change of choices. Loaded
 * only when the panel is opened. Records `vpce:simulator-update` from a change of choices to the
 * new verdicts on screen.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import {
  memo,
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type RefObject,
} from 'react';
import { catalog } from '@/core/catalog/catalog';
import type { PerimeterConfig } from '@/core/config/schema';
import { compilePolicy, statementLabel, unreadablePolicyProblem } from '@/core/evaluate/evaluate';
import {
  perimeterScenarios,
  savedRequestOf,
  type PerimeterScenario,
} from '@/core/evaluate/scenarios';
import type { SavedRequest } from '@/core/evaluate/request-schema';
import { summarizeSuite } from '@/core/evaluate/suite';
import { canonicalServices } from '@/core/generate/selection';
import { saveFile } from '@/shared/browser-io/save-file';
import { previewTarget, type PreviewTarget } from '@/shared/catalog/preview-target';
import {
  useBuilder,
  useBuilderActions,
  useBuilderStoreApi,
  type BuilderStore,
} from '@/state/builder-store';
import { draftOf, readDraft, type DraftReading, type RequestDraft } from '../request-draft';
import {
  evaluateRemembered,
  runSuiteOnChange,
  verdictFor,
  type EndpointChoice,
  type RequestVerdict,
} from '../simulation';
import {
  suiteMemoryOf,
  useSimulatorSession,
  useSimulatorSessionStore,
  type RequestSource,
} from '../simulator-session';
import {
  readSuiteFile,
  SUITE_FILE_NAME,
  suiteFileText,
  suiteSizeProblem,
  withImportedRequests,
} from '../suite-file';
import { RequestForm, type SelectOption } from './request-form';
import { SavedRequests, suiteRowOf, type SavedRequestsProps } from './saved-requests';
import { ScenarioList, type ScenarioItem } from './scenario-list';
import { VerdictView } from './verdict-view';

/** Whether the preview shows the policy of this endpoint (so that it can highlight a statement of it). */
function previewShows(target: PreviewTarget, endpoint: EndpointChoice): boolean {
  return (
    target.service === endpoint.service &&
    (target.shape !== 'per-region' || target.region === endpoint.region)
  );
}

function endpointLabel(endpoint: EndpointChoice): string {
  return `the ${endpoint.service} policy${endpoint.region ? ` for ${endpoint.region}` : ''}`;
}

/** The form's text: what the user typed, else the ready-made or saved request it shows. */
function shownDraft(
  source: RequestSource,
  typed: RequestDraft | undefined,
  scenarios: readonly PerimeterScenario[],
): RequestDraft {
  if (typed) return typed;
  const scenario =
    (source.kind === 'scenario' && scenarios.find((s) => s.id === source.id)) || scenarios[0]!;
  return draftOf(savedRequestOf(scenario));
}

/**
 * Times each refresh: from the change of choices (noted when the store changes) to the commit
 * that shows the verdicts computed for it (`shownConfig`, the configuration they were computed for).
 */
function useSimulatorUpdateMeasure(store: BuilderStore, shownConfig: PerimeterConfig): void {
  const since = useRef<number | undefined>(undefined);
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.config !== previous.config) since.current ??= performance.now();
      }),
    [store],
  );
  useLayoutEffect(() => {
    const start = since.current;
    if (start === undefined || shownConfig !== store.getState().config) return;
    since.current = undefined;
    performance.measure('vpce:simulator-update', { start, end: performance.now() });
  }, [store, shownConfig]);
}

const PanelIntro = memo(function PanelIntro() {
  return (
    <>
      <Typography id="simulator-heading" variant="h2">
        Request simulator
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        Would this request pass through the endpoint, and why? Pick a ready-made request or describe
        your own.
      </Typography>
    </>
  );
});

/** Which policy the verdict is about while the preview shows the user's own text. */
type PolicyUnderTest = 'own' | 'generated';

interface VerdictSectionProps {
  verdict: SimulatorVerdict | undefined;
  shownInPreview: boolean;
  previewShowsOwnText: boolean;
  /** Set while the preview shows the user's own text: which policy the verdict is about. */
  policyUnderTest: PolicyUnderTest | undefined;
  onPolicyUnderTest(choice: PolicyUnderTest): void;
  onShowStatement(sid: string): void;
}

/** The verdict as the panel shows it: about a generated policy, or about the user's own text. */
type SimulatorVerdict =
  | ({ own?: false } & Pick<RequestVerdict, 'endpoint' | 'result'>)
  | { own: true; result: RequestVerdict['result'] }
  | { own: true; unreadable: string };

const VerdictSection = memo(function VerdictSection({
  verdict,
  shownInPreview,
  previewShowsOwnText,
  policyUnderTest,
  onPolicyUnderTest,
  onShowStatement,
}: VerdictSectionProps) {
  return (
    <Box component="section" aria-labelledby="simulator-verdict-heading" sx={{ mt: 2 }}>
      <Typography variant="h3" id="simulator-verdict-heading">
        Verdict
      </Typography>
      {policyUnderTest && (
        <ToggleButtonGroup
          exclusive
          size="small"
          value={policyUnderTest}
          onChange={(_event, value: PolicyUnderTest | null) => value && onPolicyUnderTest(value)}
          aria-label="Policy under test"
          sx={{ my: 0.5 }}
        >
          <ToggleButton value="own">Your text</ToggleButton>
          <ToggleButton value="generated">Generated</ToggleButton>
        </ToggleButtonGroup>
      )}
      {verdict && 'unreadable' in verdict ? (
        <Typography role="status" aria-label="Verdict" variant="body2" color="error.main">
          No verdict: your policy text cannot be evaluated. {verdict.unreadable}
        </Typography>
      ) : verdict ? (
        <VerdictView
          result={verdict.result}
          policyLabel={
            verdict.own
              ? 'your policy text in the editor'
              : `${endpointLabel(verdict.endpoint)}${shownInPreview ? ', the one the preview shows' : ''}`
          }
          onShowStatement={onShowStatement}
        />
      ) : (
        <Typography role="status" aria-label="Verdict" variant="body2" color="error.main">
          No verdict: the request has errors (see the fields below).
        </Typography>
      )}
      {verdict?.own && (
        <Typography variant="caption" color="text.secondary" component="p">
          Your text is the policy on the endpoint, whatever service and region the request names.
          The saved requests below still run against the generated policies.
        </Typography>
      )}
      {verdict &&
        !verdict.own &&
        verdict.result.deciding.length > 0 &&
        !shownInPreview &&
        !previewShowsOwnText && (
          <Typography variant="caption" color="text.secondary" component="p">
            The preview shows another policy; Show in policy switches it to{' '}
            {endpointLabel(verdict.endpoint)}, where{' '}
            {verdict.result.deciding.map((s) => statementLabel(s)).join(' and ')} decides.
          </Typography>
        )}
      {previewShowsOwnText && verdict && !verdict.own && (
        <Typography variant="caption" color="text.secondary" component="p">
          The preview shows your own policy text; this verdict is about the policy your choices
          generate.
        </Typography>
      )}
    </Box>
  );
});

interface RequestSectionProps {
  sectionRef: RefObject<HTMLElement | null>;
  /** Where the request in the form comes from, in words. */
  caption: string;
  canGoBack: boolean;
  onBack(): void;
  draft: RequestDraft;
  reading: DraftReading;
  onDraftChange(draft: RequestDraft): void;
  services: readonly SelectOption[];
  regions: readonly SelectOption[];
  regionHelp: string | undefined;
  canAdd: boolean;
  onAdd(): void;
  /** Whether a saved request is open in the form. */
  editing: boolean;
  onSave(): void;
  onStopEditing(): void;
  notice: string | undefined;
}

const RequestSection = memo(function RequestSection(props: RequestSectionProps) {
  const {
    sectionRef,
    caption,
    canGoBack,
    onBack,
    draft,
    reading,
    onDraftChange,
    services,
    regions,
    regionHelp,
    canAdd,
    onAdd,
    editing,
    onSave,
    onStopEditing,
    notice,
  } = props;
  return (
    <Box
      component="section"
      ref={sectionRef}
      aria-labelledby="simulator-request-heading"
      sx={{ mt: 2 }}
    >
      <Typography variant="h3" id="simulator-request-heading">
        Request
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p">
        {caption}
      </Typography>
      {canGoBack && (
        <Button onClick={onBack} sx={{ mt: 0.5 }}>
          Back to the ready-made request
        </Button>
      )}
      <RequestForm
        draft={draft}
        messages={reading.messages}
        onChange={onDraftChange}
        services={services}
        regions={regions}
        {...(regionHelp ? { regionHelp } : {})}
      />
      {reading.otherProblems.map((problem) => (
        <Typography key={problem} variant="body2" color="error.main">
          {problem}
        </Typography>
      ))}
      <Box sx={{ display: 'flex', gap: 1, mt: 1, flexWrap: 'wrap' }}>
        <Button variant="contained" onClick={onAdd} disabled={!canAdd}>
          Add to suite
        </Button>
        {editing && (
          <>
            <Button variant="outlined" onClick={onSave} disabled={reading.saved === undefined}>
              Save changes
            </Button>
            <Button onClick={onStopEditing}>Stop editing</Button>
          </>
        )}
      </Box>
      {notice && (
        <Typography role="status" variant="body2" sx={{ mt: 0.5 }}>
          {notice}
        </Typography>
      )}
    </Box>
  );
});

export default function SimulatorPanel() {
  const store = useBuilderStoreApi();
  const config = useBuilder((state) => state.config);
  const view = useBuilder((state) => state.view);
  const checking = useBuilder((state) => state.restoreStatus === 'checking');
  // In the policy editor's mode the preview shows the user's own text, not the generated policy.
  const previewShowsOwnText = useBuilder((state) => state.policyEditor.mode === 'edit');
  // Deferred: the text changes with every keystroke, and its verdict need not hold up the typing.
  const ownText = useDeferredValue(
    useBuilder((state) =>
      state.policyEditor.mode === 'edit' ? state.policyEditor.draft?.text : undefined,
    ),
  );
  const [policyUnderTest, setPolicyUnderTest] = useState<PolicyUnderTest>('own');
  const testingOwnText = ownText !== undefined && policyUnderTest === 'own';
  const { setSavedRequests, revealStatement, clearReveal, setPreviewService, setPreviewRegion } =
    useBuilderActions();
  const session = useSimulatorSessionStore();
  const source = useSimulatorSession((s) => s.source);
  const typed = useSimulatorSession((s) => s.draft);
  const { showScenario, editSaved, editDraft, detach } = useSimulatorSession((s) => s.actions);
  const [notice, setNotice] = useState<string>();
  const [importReport, setImportReport] = useState<SavedRequestsProps['importReport']>();
  const requestSection = useRef<HTMLElement>(null);

  const target = useMemo(() => previewTarget(config, view, catalog), [config, view]);
  const scenarioRegion = target.region ?? target.regions[0];
  const scenarios = useMemo(
    () =>
      perimeterScenarios(config, scenarioRegion !== undefined ? { region: scenarioRegion } : {}),
    [config, scenarioRegion],
  );
  // The lists and the form are kept as they were when their content is (most changes of choices
  // leave them so), so that only the verdicts re-render.
  const scenarioItemsText = useMemo(
    () =>
      JSON.stringify(
        scenarios.map<ScenarioItem>((s) => ({
          id: s.id,
          name: s.name,
          why: s.why,
          expect: s.expect,
          decision: verdictFor(config, s.service, s.region, s.request).result.decision,
        })),
      ),
    [config, scenarios],
  );
  const scenarioItems = useMemo(
    () => JSON.parse(scenarioItemsText) as ScenarioItem[],
    [scenarioItemsText],
  );

  const savedRequests = useMemo(
    () => (checking || !Array.isArray(config.savedRequests) ? [] : config.savedRequests),
    [checking, config.savedRequests],
  );
  const editingIndex =
    source.kind === 'saved' && source.index < savedRequests.length ? source.index : undefined;
  const draftText = typed ? undefined : JSON.stringify(shownDraft(source, undefined, scenarios));
  const draft = useMemo(
    () => typed ?? (JSON.parse(draftText!) as RequestDraft),
    [typed, draftText],
  );
  const reading = useMemo(() => readDraft(draft), [draft]);
  // Without the places in the policy text (which move when another statement changes), the verdict is usually the same.
  const verdictText = useMemo(() => {
    if (!reading.saved) return undefined;
    const withoutRanges = (value: SimulatorVerdict) =>
      JSON.stringify(value, (key, inner: unknown) => (key === 'range' ? undefined : inner));
    if (testingOwnText) {
      const compiled = compilePolicy(ownText);
      const unreadable = unreadablePolicyProblem(compiled.diagnostics);
      if (unreadable) {
        const at = unreadable.range
          ? ` (line ${unreadable.range.start.line}, column ${unreadable.range.start.column})`
          : '';
        return withoutRanges({ own: true, unreadable: `${unreadable.message}${at}` });
      }
      return withoutRanges({
        own: true,
        result: evaluateRemembered(compiled, reading.saved.request),
      });
    }
    const { endpoint, result } = verdictFor(
      config,
      reading.saved.service,
      reading.saved.region,
      reading.saved.request,
    );
    return withoutRanges({ endpoint, result });
  }, [config, reading.saved, testingOwnText, ownText]);
  const verdict = useMemo(
    () => (verdictText === undefined ? undefined : (JSON.parse(verdictText) as SimulatorVerdict)),
    [verdictText],
  );
  const suiteText = useMemo(() => {
    const outcomes = checking ? [] : runSuiteOnChange(config, suiteMemoryOf(store));
    return JSON.stringify({ rows: outcomes.map(suiteRowOf), summary: summarizeSuite(outcomes) });
  }, [checking, config, store]);
  const suite = useMemo(
    () => JSON.parse(suiteText) as Pick<SavedRequestsProps, 'rows' | 'summary'>,
    [suiteText],
  );
  useSimulatorUpdateMeasure(store, config);

  const scenario =
    source.kind === 'scenario' ? scenarios.find((s) => s.id === source.id) : undefined;
  const generatedVerdict = verdict && !verdict.own ? verdict : undefined;
  const shownInPreview =
    generatedVerdict !== undefined &&
    !previewShowsOwnText &&
    previewShows(target, generatedVerdict.endpoint);

  // The deciding statement is highlighted in the preview whenever it changes; none clears the highlight.
  const decidingSid = generatedVerdict?.result.deciding.find((s) => s.sid !== undefined)?.sid;
  const highlightKey = shownInPreview ? `${decidingSid ?? ''}` : undefined;
  useEffect(() => {
    if (highlightKey === undefined) return;
    if (highlightKey === '') clearReveal();
    else revealStatement(highlightKey);
  }, [highlightKey, revealStatement, clearReveal]);

  const selectedServices = useMemo(
    () => canonicalServices(config.services, catalog),
    [config.services],
  );
  const endpoint = generatedVerdict?.endpoint;
  const showStatement = useCallback(
    (sid: string) => {
      if (testingOwnText) {
        // The policy editor reveals the statement with this Sid in the user's text.
        setNotice(undefined);
        revealStatement(sid);
        return;
      }
      if (!endpoint) return;
      const { service, region } = endpoint;
      if (previewShowsOwnText) {
        setNotice(
          'The preview shows your own policy text; switch it back to the generated policy to see this statement.',
        );
        return;
      }
      if (!selectedServices.includes(service)) {
        setNotice(
          `The preview shows the selected services only; select ${service} to see its policy.`,
        );
        return;
      }
      setNotice(undefined);
      setPreviewService(service);
      if (region !== undefined) setPreviewRegion(region);
      revealStatement(sid);
    },
    [
      testingOwnText,
      endpoint,
      previewShowsOwnText,
      selectedServices,
      setPreviewService,
      setPreviewRegion,
      revealStatement,
    ],
  );

  const serviceOptions = useMemo<SelectOption[]>(() => {
    const ids = selectedServices.includes(draft.service)
      ? selectedServices
      : [...selectedServices, draft.service];
    return ids.map((id) => ({
      value: id,
      label: `${id}${selectedServices.includes(id) ? '' : ' (not selected)'}`,
    }));
  }, [selectedServices, draft.service]);
  const selectedRegionsText = target.regions.join(' ');
  const regionOptions = useMemo<SelectOption[]>(() => {
    const selected = selectedRegionsText.split(' ').filter(Boolean);
    const regions =
      selected.includes(draft.region) || draft.region === ''
        ? selected
        : [...selected, draft.region];
    return [
      { value: '', label: `First selected${selected[0] ? ` (${selected[0]})` : ''}` },
      ...regions.map((r) => ({ value: r, label: r })),
    ];
  }, [selectedRegionsText, draft.region]);

  const request = reading.saved;
  const addToSuite = useCallback(() => {
    if (!request) return;
    const next = [...savedRequests, request];
    const problem = suiteSizeProblem(next);
    if (problem) {
      setNotice(problem);
      return;
    }
    setSavedRequests(next);
    setNotice(`Added "${request.name}" to the saved requests.`);
  }, [request, savedRequests, setSavedRequests]);
  const saveChanges = useCallback(() => {
    if (!request || editingIndex === undefined) return;
    setSavedRequests(
      savedRequests.map((saved, index) => (index === editingIndex ? request : saved)),
    );
    setNotice(`Saved the changes to "${request.name}".`);
  }, [request, editingIndex, savedRequests, setSavedRequests]);
  const backToScenario = useCallback(() => {
    const current = session.getState().source;
    if (current.kind === 'scenario') showScenario(current.id);
  }, [session, showScenario]);
  const editSavedRequest = useCallback(
    (index: number) => {
      const saved = savedRequests[index];
      if (!saved) return;
      editSaved(index, draftOf(saved));
      setNotice(undefined);
      // The form is above the list: bring it into view.
      requestSection.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    },
    [savedRequests, editSaved],
  );
  const removeSavedRequest = useCallback(
    (index: number) => {
      const current = session.getState().source;
      if (current.kind === 'saved') {
        if (current.index === index) detach();
        else if (current.index > index)
          session.setState({ source: { kind: 'saved', index: current.index - 1 } });
      }
      setSavedRequests(savedRequests.filter((_request, i) => i !== index));
      setNotice(undefined);
    },
    [savedRequests, session, detach, setSavedRequests],
  );
  const exportSuite = useCallback(
    () => saveFile(SUITE_FILE_NAME, suiteFileText(savedRequests)),
    [savedRequests],
  );
  const importSuite = useCallback(
    async (file: File) => {
      const reading = readSuiteFile(file.name, await file.text());
      if (!reading.requests) {
        setImportReport({
          severity: 'error',
          lines: [`Nothing was imported from ${file.name}:`, ...reading.problems.slice(0, 20)],
        });
        return;
      }
      const current: SavedRequest[] = Array.isArray(store.getState().config.savedRequests)
        ? (store.getState().config.savedRequests ?? [])
        : [];
      const merged = withImportedRequests(current, reading.requests);
      const problem = suiteSizeProblem(merged.requests);
      if (problem) {
        setImportReport({
          severity: 'error',
          lines: [`Nothing was imported from ${file.name}: ${problem}`],
        });
        return;
      }
      setSavedRequests(merged.requests);
      setImportReport({
        severity: 'success',
        lines: [
          `Imported ${merged.added} saved request${merged.added === 1 ? '' : 's'} from ${file.name}${merged.alreadyThere > 0 ? ` (${merged.alreadyThere} already in the suite)` : ''}.`,
        ],
      });
    },
    [store, setSavedRequests],
  );

  const onDraftChange = useCallback((next: RequestDraft) => editDraft(next), [editDraft]);

  const requestCaption =
    editingIndex !== undefined
      ? `Saved request ${editingIndex + 1}, "${savedRequests[editingIndex]!.name}": change it, then Save changes.`
      : scenario
        ? `${typed ? 'Edited from' : 'Ready-made'}: ${scenario.name}. ${scenario.why} A sound perimeter gives ${scenario.expect}.`
        : 'Your own request.';

  return (
    <Paper component="section" aria-labelledby="simulator-heading" sx={{ p: 2, minWidth: 0 }}>
      <PanelIntro />
      <ScenarioList
        scenarios={scenarioItems}
        selectedId={source.kind === 'scenario' && !typed ? source.id : undefined}
        onSelect={showScenario}
      />
      <VerdictSection
        verdict={verdict}
        shownInPreview={shownInPreview}
        previewShowsOwnText={previewShowsOwnText}
        policyUnderTest={ownText !== undefined ? policyUnderTest : undefined}
        onPolicyUnderTest={setPolicyUnderTest}
        onShowStatement={showStatement}
      />
      <RequestSection
        sectionRef={requestSection}
        caption={requestCaption}
        canGoBack={source.kind === 'scenario' && typed !== undefined}
        onBack={backToScenario}
        draft={draft}
        reading={reading}
        onDraftChange={onDraftChange}
        services={serviceOptions}
        regions={regionOptions}
        regionHelp={
          target.shape !== 'per-region' ? 'Every selected region shares one policy.' : undefined
        }
        canAdd={reading.saved !== undefined && !checking}
        onAdd={addToSuite}
        editing={editingIndex !== undefined}
        onSave={saveChanges}
        onStopEditing={detach}
        notice={notice}
      />
      <SavedRequests
        rows={suite.rows}
        summary={suite.summary}
        checking={checking}
        editingIndex={editingIndex}
        onEdit={editSavedRequest}
        onRemove={removeSavedRequest}
        onExport={exportSuite}
        onImport={(file) => void importSuite(file)}
        {...(importReport ? { importReport } : {})}
      />
    </Paper>
  );
}
