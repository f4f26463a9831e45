/**
 * The saved requests: their outcomes under the current choices (re-run on every change, with the
 * verdicts a change turned flagged), and adding, changing, opening, removing, exporting and
 * importing them. The suite lives in the configuration; the form's state in the session.
 */
import { useCallback, useMemo, useState } from 'react';
import type { SavedRequest } from '@/core/config/request-schema';
import { summarizeSuite } from '@/core/evaluate/suite';
import { saveFile } from '@/shared/browser-io/save-file';
import { useBuilder, useBuilderActions, useBuilderStoreApi } from '@/state/builder-store';
import { draftOf } from '../request-draft';
import { runSuiteOnChange } from '../simulation';
import { suiteMemoryOf, useSimulatorSession, useSimulatorSessionStore } from '../simulator-session';
import {
  readSuiteFile,
  SUITE_FILE_NAME,
  suiteFileText,
  suiteSizeProblem,
  withImportedRequests,
} from '../suite-file';
import { suiteRowOf, type SavedRequestsProps } from '../components/saved-requests';

export interface SavedSuite {
  savedRequests: readonly SavedRequest[];
  /** True while saved or linked choices are being checked: the suite runs once they are. */
  checking: boolean;
  /** The saved request open in the form, if any. */
  editingIndex: number | undefined;
  rows: SavedRequestsProps['rows'];
  summary: SavedRequestsProps['summary'];
  importReport: SavedRequestsProps['importReport'];
  add(request: SavedRequest): void;
  saveChanges(request: SavedRequest): void;
  open(index: number): void;
  remove(index: number): void;
  exportFile(): void;
  importFile(file: File): Promise<void>;
}

/** `say` reports what an action did (or why it did nothing) next to the form. */
export function useSavedSuite(say: (notice: string | undefined) => void): SavedSuite {
  const store = useBuilderStoreApi();
  const session = useSimulatorSessionStore();
  const config = useBuilder((state) => state.config);
  const checking = useBuilder((state) => state.restoreStatus === 'checking');
  const source = useSimulatorSession((s) => s.source);
  const { setSavedRequests } = useBuilderActions();
  const [importReport, setImportReport] = useState<SavedRequestsProps['importReport']>();

  const savedRequests = useMemo(
    () => (checking || !Array.isArray(config.savedRequests) ? [] : config.savedRequests),
    [checking, config.savedRequests],
  );
  const editingIndex =
    source.kind === 'saved' && source.index < savedRequests.length ? source.index : undefined;
  // Kept as it was while the outcomes read the same, so that the list does not re-render.
  const suiteText = useMemo(() => {
    const outcomes = checking ? [] : runSuiteOnChange(config, suiteMemoryOf(store));
    return JSON.stringify({ rows: outcomes.map(suiteRowOf), summary: summarizeSuite(outcomes) });
  }, [checking, config, store]);
  const suite = useMemo(
    () => JSON.parse(suiteText) as Pick<SavedRequestsProps, 'rows' | 'summary'>,
    [suiteText],
  );

  const add = useCallback(
    (request: SavedRequest) => {
      const next = [...savedRequests, request];
      const problem = suiteSizeProblem(next);
      if (problem) return say(problem);
      setSavedRequests(next);
      say(`Added "${request.name}" to the saved requests.`);
    },
    [savedRequests, setSavedRequests, say],
  );
  const saveChanges = useCallback(
    (request: SavedRequest) => {
      if (editingIndex === undefined) return;
      setSavedRequests(savedRequests.map((saved, i) => (i === editingIndex ? request : saved)));
      say(`Saved the changes to "${request.name}".`);
    },
    [editingIndex, savedRequests, setSavedRequests, say],
  );
  const open = useCallback(
    (index: number) => {
      const saved = savedRequests[index];
      if (!saved) return;
      session.getState().actions.editSaved(index, draftOf(saved));
      say(undefined);
    },
    [savedRequests, session, say],
  );
  const remove = useCallback(
    (index: number) => {
      const current = session.getState().source;
      if (current.kind === 'saved') {
        if (current.index === index) session.getState().actions.detach();
        else if (current.index > index)
          session.setState({ source: { kind: 'saved', index: current.index - 1 } });
      }
      setSavedRequests(savedRequests.filter((_request, i) => i !== index));
      say(undefined);
    },
    [savedRequests, session, setSavedRequests, say],
  );
  const exportFile = useCallback(
    () => saveFile(SUITE_FILE_NAME, suiteFileText(savedRequests)),
    [savedRequests],
  );
  const importFile = useCallback(
    async (file: File) => {
      const reading = readSuiteFile(file.name, await file.text());
      if (!reading.requests) {
        setImportReport({
          severity: 'error',
          lines: [`Nothing was imported from ${file.name}:`, ...reading.problems.slice(0, 20)],
        });
        return;
      }
      const current = store.getState().config.savedRequests;
      const merged = withImportedRequests(Array.isArray(current) ? current : [], reading.requests);
      const problem = suiteSizeProblem(merged.requests);
      if (problem) {
        setImportReport({
          severity: 'error',
          lines: [`Nothing was imported from ${file.name}: ${problem}`],
        });
        return;
      }
      setSavedRequests(merged.requests);
      const count = `${merged.added} saved request${merged.added === 1 ? '' : 's'}`;
      const already =
        merged.alreadyThere > 0 ? ` (${merged.alreadyThere} already in the suite)` : '';
      setImportReport({
        severity: 'success',
        lines: [`Imported ${count} from ${file.name}${already}.`],
      });
    },
    [store, setSavedRequests],
  );

  return useMemo(
    () => ({
      savedRequests,
      checking,
      editingIndex,
      rows: suite.rows,
      summary: suite.summary,
      importReport,
      add,
      saveChanges,
      open,
      remove,
      exportFile,
      importFile,
    }),
    [
      savedRequests,
      checking,
      editingIndex,
      suite,
      importReport,
      add,
      saveChanges,
      open,
      remove,
      exportFile,
      importFile,
    ],
  );
}
