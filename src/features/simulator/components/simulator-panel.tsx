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
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { catalog } from '@/core/catalog/catalog';
import { statementLabel } from '@/core/evaluate/evaluate';
import { perimeterScenarios, savedRequestOf, type PerimeterScenario } from '@/core/evaluate/scenarios';
import type { SavedRequest } from '@/core/evaluate/request-schema';
import { canonicalServices } from '@/core/generate/selection';
import { saveFile } from '@/features/browser-io/save-file';
import { previewTarget, type PreviewTarget } from '@/features/perimeter/preview-target';
import { useBuilder, useBuilderActions, useBuilderStoreApi, type BuilderStore } from '@/state/builder-store';
import { draftOf, readDraft, type RequestDraft } from '../request-draft';
import { runSuiteOnChange, verdictFor, type EndpointChoice } from '../simulation';
import { suiteMemoryOf, useSimulatorSession, useSimulatorSessionStore, type RequestSource } from '../simulator-session';
import { readSuiteFile, SUITE_FILE_NAME, suiteFileText, suiteSizeProblem, withImportedRequests } from '../suite-file';
import { RequestForm, type SelectOption } from './request-form';
import { SavedRequests, type SavedRequestsProps } from './saved-requests';
import { ScenarioList, type ScenarioItem } from './scenario-list';
import { VerdictView } from './verdict-view';

/** Whether the preview shows the policy of this endpoint (so that it can highlight a statement of it). */
function previewShows(target: PreviewTarget, endpoint: EndpointChoice): boolean {
  return target.service === endpoint.service && (target.shape !== 'per-region' || target.region === endpoint.region);
}

function endpointLabel(endpoint: EndpointChoice): string {
  return `the ${endpoint.service} policy${endpoint.region ? ` for ${endpoint.region}` : ''}`;
}

/** The form's text: what the user typed, else the ready-made or saved request it shows. */
function shownDraft(source: RequestSource, typed: RequestDraft | undefined, scenarios: readonly PerimeterScenario[]): RequestDraft {
  if (typed) return typed;
  const scenario = (source.kind === 'scenario' && scenarios.find((s) => s.id === source.id)) || scenarios[0]!;
  return draftOf(savedRequestOf(scenario));
}

/**
 * Times each refresh: from the change of choices (noted when the store changes) to the commit
 * that shows the verdicts computed for it.
 */
function useSimulatorUpdateMeasure(store: BuilderStore, refreshed: unknown): void {
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
    if (start === undefined) return;
    since.current = undefined;
    performance.measure('vpce:simulator-update', { start, end: performance.now() });
  }, [refreshed]);
}

export default function SimulatorPanel() {
  const store = useBuilderStoreApi();
  const config = useBuilder((state) => state.config);
  const view = useBuilder((state) => state.view);
  const checking = useBuilder((state) => state.restoreStatus === 'checking');
  // In the policy editor's mode the preview shows the user's own text, not the generated policy.
  const previewShowsOwnText = useBuilder((state) => state.policyEditor.mode === 'edit');
  const { setSavedRequests, revealStatement, clearReveal, setPreviewService, setPreviewRegion } = useBuilderActions();
  const session = useSimulatorSessionStore();
  const source = useSimulatorSession((s) => s.source);
  const typed = useSimulatorSession((s) => s.draft);
  const { showScenario, editSaved, editDraft, detach } = useSimulatorSession((s) => s.actions);
  const [notice, setNotice] = useState<string>();
  const [importReport, setImportReport] = useState<SavedRequestsProps['importReport']>();
  const requestSection = useRef<HTMLElement>(null);

  const target = useMemo(() => previewTarget(config, view, catalog), [config, view]);
  const scenarioRegion = target.region ?? target.regions[0];
  const scenarios = useMemo(() => perimeterScenarios(config, scenarioRegion !== undefined ? { region: scenarioRegion } : {}), [config, scenarioRegion]);
  const scenarioItems = useMemo<ScenarioItem[]>(
    () => scenarios.map((s) => ({ id: s.id, name: s.name, why: s.why, expect: s.expect, decision: verdictFor(config, s.service, s.region, s.request).result.decision })),
    [config, scenarios],
  );

  const savedRequests = useMemo(() => (checking || !Array.isArray(config.savedRequests) ? [] : config.savedRequests), [checking, config.savedRequests]);
  const editingIndex = source.kind === 'saved' && source.index < savedRequests.length ? source.index : undefined;
  const draft = shownDraft(source, typed, scenarios);
  const reading = useMemo(() => readDraft(draft), [draft]);
  const verdict = useMemo(() => (reading.saved ? verdictFor(config, reading.saved.service, reading.saved.region, reading.saved.request) : undefined), [config, reading.saved]);
  const outcomes = useMemo(() => (checking ? [] : runSuiteOnChange(config, suiteMemoryOf(store))), [checking, config, store]);
  useSimulatorUpdateMeasure(store, [verdict, outcomes, scenarioItems]);

  const scenario = source.kind === 'scenario' ? scenarios.find((s) => s.id === source.id) : undefined;
  const shownInPreview = verdict !== undefined && !previewShowsOwnText && previewShows(target, verdict.endpoint);

  // The deciding statement is highlighted in the preview whenever it changes; none clears the highlight.
  const decidingSid = verdict?.result.deciding.find((s) => s.sid !== undefined)?.sid;
  const highlightKey = shownInPreview ? `${decidingSid ?? ''}` : undefined;
  useEffect(() => {
    if (highlightKey === undefined) return;
    if (highlightKey === '') clearReveal();
    else revealStatement(highlightKey);
  }, [highlightKey, revealStatement, clearReveal]);

  const selectedServices = useMemo(() => canonicalServices(config.services, catalog), [config.services]);
  const showStatement = useCallback(
    (sid: string) => {
      if (!verdict) return;
      const { service, region } = verdict.endpoint;
      if (previewShowsOwnText) {
        setNotice('The preview shows your own policy text; switch it back to the generated policy to see this statement.');
        return;
      }
      if (!selectedServices.includes(service)) {
        setNotice(`The preview shows the selected services only; select ${service} to see its policy.`);
        return;
      }
      setNotice(undefined);
      setPreviewService(service);
      if (region !== undefined) setPreviewRegion(region);
      revealStatement(sid);
    },
    [verdict, previewShowsOwnText, selectedServices, setPreviewService, setPreviewRegion, revealStatement],
  );

  const serviceOptions = useMemo<SelectOption[]>(() => {
    const ids = selectedServices.includes(draft.service) ? selectedServices : [...selectedServices, draft.service];
    return ids.map((id) => ({ value: id, label: `${id}${selectedServices.includes(id) ? '' : ' (not selected)'}` }));
  }, [selectedServices, draft.service]);
  const regionOptions = useMemo<SelectOption[]>(() => {
    const regions = target.regions.includes(draft.region) || draft.region === '' ? target.regions : [...target.regions, draft.region];
    return [{ value: '', label: `First selected${target.regions[0] ? ` (${target.regions[0]})` : ''}` }, ...regions.map((r) => ({ value: r, label: r }))];
  }, [target.regions, draft.region]);

  const addToSuite = () => {
    if (!reading.saved) return;
    const next = [...savedRequests, reading.saved];
    const problem = suiteSizeProblem(next);
    if (problem) {
      setNotice(problem);
      return;
    }
    setSavedRequests(next);
    setNotice(`Added "${reading.saved.name}" to the saved requests.`);
  };
  const saveChanges = () => {
    if (!reading.saved || editingIndex === undefined) return;
    setSavedRequests(savedRequests.map((request, index) => (index === editingIndex ? reading.saved! : request)));
    setNotice(`Saved the changes to "${reading.saved.name}".`);
  };
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
        else if (current.index > index) session.setState({ source: { kind: 'saved', index: current.index - 1 } });
      }
      setSavedRequests(savedRequests.filter((_request, i) => i !== index));
      setNotice(undefined);
    },
    [savedRequests, session, detach, setSavedRequests],
  );
  const exportSuite = useCallback(() => saveFile(SUITE_FILE_NAME, suiteFileText(savedRequests)), [savedRequests]);
  const importSuite = useCallback(
    async (file: File) => {
      const reading = readSuiteFile(file.name, await file.text());
      if (!reading.requests) {
        setImportReport({ severity: 'error', lines: [`Nothing was imported from ${file.name}:`, ...reading.problems.slice(0, 20)] });
        return;
      }
      const current: SavedRequest[] = Array.isArray(store.getState().config.savedRequests) ? (store.getState().config.savedRequests ?? []) : [];
      const merged = withImportedRequests(current, reading.requests);
      const problem = suiteSizeProblem(merged.requests);
      if (problem) {
        setImportReport({ severity: 'error', lines: [`Nothing was imported from ${file.name}: ${problem}`] });
        return;
      }
      setSavedRequests(merged.requests);
      setImportReport({
        severity: 'success',
        lines: [`Imported ${merged.added} saved request${merged.added === 1 ? '' : 's'} from ${file.name}${merged.alreadyThere > 0 ? ` (${merged.alreadyThere} already in the suite)` : ''}.`],
      });
    },
    [store, setSavedRequests],
  );

  const onDraftChange = useCallback((next: RequestDraft) => editDraft(next), [editDraft]);

  return (
    <Paper component="section" aria-labelledby="simulator-heading" sx={{ p: 2, minWidth: 0 }}>
      <Typography id="simulator-heading" variant="h2">
        Request simulator
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        Would this request pass through the endpoint, and why? Pick a ready-made request or describe your own.
      </Typography>
      <ScenarioList scenarios={scenarioItems} selectedId={source.kind === 'scenario' && !typed ? source.id : undefined} onSelect={showScenario} />

      <Box component="section" aria-labelledby="simulator-verdict-heading" sx={{ mt: 2 }}>
        <Typography variant="h3" id="simulator-verdict-heading">
          Verdict
        </Typography>
        {verdict ? (
          <VerdictView
            result={verdict.result}
            policyLabel={`${endpointLabel(verdict.endpoint)}${shownInPreview ? ', the one the preview shows' : ''}`}
            onShowStatement={showStatement}
          />
        ) : (
          <Typography role="status" aria-label="Verdict" variant="body2" color="error.main">
            No verdict: the request has errors (see the fields below).
          </Typography>
        )}
        {verdict && verdict.result.deciding.length > 0 && !shownInPreview && !previewShowsOwnText && (
          <Typography variant="caption" color="text.secondary" component="p">
            The preview shows another policy; Show in policy switches it to {endpointLabel(verdict.endpoint)}, where{' '}
            {verdict.result.deciding.map((s) => statementLabel(s)).join(' and ')} decides.
          </Typography>
        )}
        {previewShowsOwnText && (
          <Typography variant="caption" color="text.secondary" component="p">
            The preview shows your own policy text; the simulator evaluates the policy your choices generate.
          </Typography>
        )}
      </Box>

      <Box component="section" ref={requestSection} aria-labelledby="simulator-request-heading" sx={{ mt: 2 }}>
        <Typography variant="h3" id="simulator-request-heading">
          Request
        </Typography>
        <Typography variant="caption" color="text.secondary" component="p">
          {editingIndex !== undefined
            ? `Saved request ${editingIndex + 1}, "${savedRequests[editingIndex]!.name}": change it, then Save changes.`
            : scenario
              ? `${typed ? 'Edited from' : 'Ready-made'}: ${scenario.name}. ${scenario.why} A sound perimeter gives ${scenario.expect}.`
              : 'Your own request.'}
        </Typography>
        {source.kind === 'scenario' && typed && (
          <Button onClick={() => showScenario(source.id)} sx={{ mt: 0.5 }}>
            Back to the ready-made request
          </Button>
        )}
        <RequestForm
          draft={draft}
          messages={reading.messages}
          onChange={onDraftChange}
          services={serviceOptions}
          regions={regionOptions}
          {...(target.shape !== 'per-region' ? { regionHelp: 'Every selected region shares one policy.' } : {})}
        />
        {reading.otherProblems.map((problem) => (
          <Typography key={problem} variant="body2" color="error.main">
            {problem}
          </Typography>
        ))}
        <Box sx={{ display: 'flex', gap: 1, mt: 1, flexWrap: 'wrap' }}>
          <Button variant="contained" onClick={addToSuite} disabled={!reading.saved || checking}>
            Add to suite
          </Button>
          {editingIndex !== undefined && (
            <>
              <Button variant="outlined" onClick={saveChanges} disabled={!reading.saved}>
                Save changes
              </Button>
              <Button onClick={detach}>Stop editing</Button>
            </>
          )}
        </Box>
        {notice && (
          <Typography role="status" variant="body2" sx={{ mt: 0.5 }}>
            {notice}
          </Typography>
        )}
      </Box>

      <SavedRequests
        outcomes={outcomes}
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
