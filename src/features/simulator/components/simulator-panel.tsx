/**
 * The request simulator: would this request pass through the endpoint, and why. It follows the
 * policy the preview shows: the ready-made requests are those of the service tab and region shown,
 * the verdict names the policy it is about, and the deciding statement is highlighted there. The
 * matrix runs every request in every selected region. Saved requests re-run on every change of
 * choices. Loaded only when the panel is opened. Records `vpce:simulator-update` from a change of
 * choices to the new verdicts on screen.
 */
import Paper from '@mui/material/Paper';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { memo, useCallback, useRef, useState } from 'react';
import type { MatrixCell, MatrixRow } from '@/core/evaluate/request-matrix';
import type { TextRange } from '@/core/diagnostics';
import { focusIfLost } from '@/shared/react/focus-if-lost';
import { useBuilder, useBuilderActions } from '@/state/builder-store';
import { useFormOptions } from '../hooks/use-form-options';
import { useRequestMatrix } from '../hooks/use-request-matrix';
import { useSavedSuite } from '../hooks/use-saved-suite';
import { useShowInPolicy } from '../hooks/use-show-in-policy';
import { useSimulation } from '../hooks/use-simulation';
import { useSimulatorUpdateMeasure } from '../hooks/use-simulator-update-measure';
import type { RequestDraft } from '../request-draft';
import { useSimulatorSession, type SimulatorMode } from '../simulator-session';
import { MatrixView } from './matrix-view';
import { RequestSection } from './request-section';
import { SavedRequests } from './saved-requests';
import { ScenarioList } from './scenario-list';
import { VerdictSection } from './verdict-section';

const PanelIntro = memo(function PanelIntro({
  mode,
  onMode,
}: {
  mode: SimulatorMode;
  onMode(mode: SimulatorMode): void;
}) {
  return (
    <>
      <Typography id="simulator-heading" variant="h2">
        Request simulator
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        Would this request pass through the endpoint, and why? Pick a ready-made request, describe
        your own, or run every request in every selected region.
      </Typography>
      <ToggleButtonGroup
        exclusive
        size="small"
        value={mode}
        onChange={(_event, value: SimulatorMode | null) => value && onMode(value)}
        aria-label="Simulator mode"
        sx={{ mt: 1 }}
      >
        <ToggleButton value="single">One request</ToggleButton>
        <ToggleButton value="matrix">Matrix</ToggleButton>
      </ToggleButtonGroup>
    </>
  );
});

export default function SimulatorPanel() {
  const config = useBuilder((state) => state.config);
  const mode = useSimulatorSession((s) => s.mode);
  const source = useSimulatorSession((s) => s.source);
  const typed = useSimulatorSession((s) => s.draft);
  const { showScenario, editDraft, detach, setMode } = useSimulatorSession((s) => s.actions);
  const [notice, setNotice] = useState<string>();
  const requestSection = useRef<HTMLElement>(null);
  const simulation = useSimulation();
  const { target, verdict, reading, scenario } = simulation;
  const suite = useSavedSuite(setNotice);
  const matrix = useRequestMatrix(mode === 'matrix');
  const showInPolicy = useShowInPolicy();
  const options = useFormOptions(target, simulation.draft);
  useSimulatorUpdateMeasure(config);

  const { revealPlace } = useBuilderActions();
  const revealError = useCallback(
    (range: TextRange) => {
      if (verdict.kind !== 'policy-errors') return;
      // A generated policy's place is in the preview: show that policy there first.
      if (verdict.policy.kind === 'generated') {
        const cannot = showInPolicy(verdict.policy.endpoint, undefined);
        if (cannot) return setNotice(cannot);
      }
      setNotice(undefined);
      revealPlace(range);
    },
    [verdict, showInPolicy, revealPlace],
  );
  const showStatement = useCallback(
    (sid: string) => {
      if (verdict.kind === 'own-text') setNotice(showInPolicy('own-text', sid));
      else if (verdict.kind === 'generated') setNotice(showInPolicy(verdict.endpoint, sid));
    },
    [verdict, showInPolicy],
  );
  // Where the focus goes when the control it was on goes away with the action (the matrix, "Back
  // to the ready-made request", "Stop editing"): to the request in the form.
  const focusFormIfLost = useCallback(
    () =>
      requestAnimationFrame(() => {
        const section = requestSection.current;
        if (section && focusIfLost(section)) section.scrollIntoView({ block: 'start' });
      }),
    [],
  );
  const openSaved = useCallback(
    (index: number) => {
      setMode('single');
      suite.open(index);
      // The form is above the list (and drawn only now when the matrix was shown): bring it
      // into view, with the focus.
      requestAnimationFrame(() => {
        requestSection.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
        requestSection.current?.focus({ preventScroll: true });
      });
    },
    [suite, setMode],
  );
  const showCellInPolicy = useCallback(
    (row: MatrixRow, cell: MatrixCell) =>
      showInPolicy(
        { service: row.service, region: target.shape === 'per-region' ? cell.region : undefined },
        cell.deciding.find((d) => d.sid !== undefined)?.sid ?? cell.expectedStatement,
      ),
    [showInPolicy, target.shape],
  );
  const openCell = useCallback(
    (row: MatrixRow, cell: MatrixCell) => {
      if (row.kind === 'saved') {
        suite.open(row.index);
      } else {
        // The ready-made list follows the preview: show the endpoint, then open the request there.
        showInPolicy({ service: row.service, region: cell.region }, undefined, { stay: true });
        showScenario(row.spec.id, cell.region);
      }
      setMode('single');
      focusFormIfLost();
    },
    [suite, showInPolicy, showScenario, setMode, focusFormIfLost],
  );
  const backToScenario = useCallback(() => {
    if (source.kind === 'scenario') showScenario(source.id);
    focusFormIfLost();
  }, [source, showScenario, focusFormIfLost]);
  const stopEditing = useCallback(() => {
    detach();
    focusFormIfLost();
  }, [detach, focusFormIfLost]);
  const onDraftChange = useCallback((next: RequestDraft) => editDraft(next), [editDraft]);
  const add = useCallback(() => reading.saved && suite.add(reading.saved), [reading, suite]);
  const save = useCallback(
    () => reading.saved && suite.saveChanges(reading.saved),
    [reading, suite],
  );

  const editing = suite.editingIndex;
  const caption =
    editing !== undefined
      ? `Saved request ${editing + 1}, "${suite.savedRequests[editing]!.name}": change it, then Save changes.`
      : scenario
        ? `${typed ? 'Edited from' : 'Ready-made'}: ${scenario.name}. ${scenario.why} ${scenario.expectation}`
        : 'Your own request.';

  return (
    <Paper component="section" aria-labelledby="simulator-heading" sx={{ p: 2, minWidth: 0 }}>
      <PanelIntro mode={mode} onMode={setMode} />
      {mode === 'matrix' ? (
        <MatrixView run={matrix} onShowInPolicy={showCellInPolicy} onOpen={openCell} />
      ) : (
        <>
          <ScenarioList
            scenarios={simulation.scenarioItems}
            selectedId={scenario && !typed ? scenario.id : undefined}
            onSelect={showScenario}
            note={simulation.scenarioNote}
          />
          <VerdictSection
            verdict={verdict}
            selectedRegions={target.regions}
            shownInPreview={simulation.shownInPreview}
            previewShowsOwnText={simulation.previewShowsOwnText}
            policyUnderTest={simulation.policyUnderTest}
            onPolicyUnderTest={simulation.setPolicyUnderTest}
            onShowStatement={showStatement}
            onRevealError={revealError}
          />
          <RequestSection
            sectionRef={requestSection}
            caption={caption}
            canGoBack={source.kind === 'scenario' && typed !== undefined}
            onBack={backToScenario}
            draft={simulation.draft}
            reading={reading}
            onDraftChange={onDraftChange}
            services={options.services}
            regions={options.regions}
            regionHelp={options.regionHelp}
            canAdd={reading.saved !== undefined && !suite.checking}
            onAdd={add}
            editing={editing !== undefined}
            onSave={save}
            onStopEditing={stopEditing}
            notice={notice}
          />
        </>
      )}
      <SavedRequests
        rows={suite.rows}
        summary={suite.summary}
        checking={suite.checking}
        editingIndex={editing}
        onEdit={openSaved}
        onRemove={suite.remove}
        onExport={suite.exportFile}
        onImport={(file) => void suite.importFile(file)}
        {...(suite.importReport ? { importReport: suite.importReport } : {})}
      />
    </Paper>
  );
}
