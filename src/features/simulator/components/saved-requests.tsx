/**
 * The user's test suite: saved requests with the verdict each expects, re-run on every change of
 * choices. A request whose verdict is not the expected one, or that the last change of choices
 * turned, is flagged. The suite can be exported and imported in the CLI's `--requests` format.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { memo, useId, useRef } from 'react';
import type { SuiteSummary } from '@/core/evaluate/suite';
import type { Decision } from '@/core/config/request-schema';
import { takeFiles } from '@/shared/browser-io/file-drop-zone';
import { focusIfLost } from '@/shared/react/focus-if-lost';
import { suiteDecisionOf, type SuiteOutcome } from '../simulation';
import { DECISION_COLOR } from './verdict-view';

/** What the list shows of one outcome: plain values, so that an unchanged run renders nothing new. */
export interface SuiteRow {
  index: number;
  name: string;
  /** "s3 · us-east-1 · s3:GetObject on arn:aws:s3:::bucket/key" */
  description: string;
  expect: Decision;
  /** The verdict, when there is one. */
  decision?: Decision;
  /** Why there is no verdict: the policy has errors, or the evaluation went over its budget. */
  noVerdict?: string;
  passed: boolean;
  changedFrom?: Decision;
  unknownService?: string;
  summary: string;
}

export function suiteRowOf(outcome: SuiteOutcome): SuiteRow {
  const { saved, endpoint } = outcome;
  const row: SuiteRow = {
    index: outcome.index,
    name: saved.name,
    description: `${saved.service}${endpoint.region ? ` · ${endpoint.region}` : ''} · ${saved.request.action} on ${saved.request.resource}`,
    expect: saved.expect,
    passed: outcome.passed,
    summary: outcome.result.summary,
  };
  const decision = suiteDecisionOf(outcome);
  if (decision !== undefined) row.decision = decision;
  else if (outcome.policyErrors !== undefined)
    row.noVerdict = outcome.policyUnfinished
      ? 'its policy has values still to fill (see the verdict above when you open it)'
      : `its policy has ${outcome.policyErrors} error${outcome.policyErrors === 1 ? '' : 's'} (see the verdict above when you open it)`;
  else row.noVerdict = outcome.result.withheld ?? 'the evaluation did not finish';
  if (outcome.changedFrom !== undefined) row.changedFrom = outcome.changedFrom;
  if (outcome.unknownService) row.unknownService = saved.service;
  return row;
}

function suiteSummaryText(summary: SuiteSummary, changed: number): string {
  if (summary.total === 0)
    return 'No saved requests yet: set up a request above and choose "Add to suite".';
  const parts = [
    `${summary.total} saved request${summary.total === 1 ? '' : 's'}: ${summary.passed} as expected`,
  ];
  if (summary.failed > 0)
    parts.push(
      `${summary.failed} ${summary.failed === 1 ? 'fails its' : 'fail their'} expectation`,
    );
  if (changed > 0)
    parts.push(
      `${changed} verdict${changed === 1 ? '' : 's'} changed by the last change of choices`,
    );
  return `${parts.join(', ')}.`;
}

export interface SavedRequestsProps {
  rows: readonly SuiteRow[];
  summary: SuiteSummary;
  /** True while saved or linked choices are being checked: the suite runs once they are. */
  checking: boolean;
  /** The saved request open in the form, if any. */
  editingIndex: number | undefined;
  onEdit(index: number): void;
  onRemove(index: number): void;
  onExport(): void;
  onImport(file: File): void;
  /** The outcome of the last import: what was added, or what is wrong with the file. */
  importReport?: { severity: 'success' | 'error'; lines: string[] };
}

export const SavedRequests = memo(function SavedRequests({
  rows,
  summary,
  checking,
  editingIndex,
  onEdit,
  onRemove,
  onExport,
  onImport,
  importReport,
}: SavedRequestsProps) {
  const ids = useId();
  // A removed request takes its buttons with it: the focus goes to the section, not to the page.
  const section = useRef<HTMLElement>(null);
  const remove = (index: number) => {
    onRemove(index);
    requestAnimationFrame(() => focusIfLost(section.current));
  };
  return (
    <Box
      ref={section}
      component="section"
      aria-labelledby={`${ids}-heading`}
      tabIndex={-1}
      sx={{ mt: 2 }}
    >
      <Typography variant="h3" id={`${ids}-heading`}>
        Saved requests
      </Typography>
      <Typography role="status" aria-label="Suite result" variant="body2" sx={{ mt: 0.5 }}>
        {checking
          ? 'Checking the saved choices before running the suite...'
          : suiteSummaryText(summary, rows.filter((row) => row.changedFrom !== undefined).length)}
      </Typography>
      {!checking && rows.length > 0 && (
        <Box component="ul" aria-labelledby={`${ids}-heading`} sx={{ m: 0, mt: 1, p: 0 }}>
          {rows.map((row) => {
            const nameId = `${ids}-name-${row.index}`;
            const decision = row.decision;
            return (
              <Box
                component="li"
                key={row.index}
                sx={{
                  listStyle: 'none',
                  borderTop: 1,
                  borderColor: 'divider',
                  py: 0.75,
                  // A bar, not a fill, marks the request open in the form: a fill would take the
                  // error and warning lines below contrast.
                  ...(editingIndex === row.index
                    ? { borderLeft: 4, borderLeftColor: 'primary.main', pl: 1 }
                    : {}),
                }}
              >
                <Typography
                  variant="body2"
                  id={nameId}
                  sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}
                >
                  {row.name}
                </Typography>
                <Typography
                  variant="caption"
                  color="text.secondary"
                  component="p"
                  sx={{ overflowWrap: 'anywhere' }}
                >
                  {row.description}
                </Typography>
                <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
                  Expects {row.expect}
                  {decision === undefined ? (
                    <>
                      . <Box component="strong">No verdict</Box>: {row.noVerdict}
                    </>
                  ) : (
                    <>
                      , got{' '}
                      <Box component="strong" sx={{ color: DECISION_COLOR[decision] }}>
                        {decision}
                      </Box>
                    </>
                  )}
                  {row.passed ? ' · passes' : ''}
                </Typography>
                {!row.passed && (
                  <Typography variant="body2" sx={{ color: 'error.main', fontWeight: 600 }}>
                    Fails its expectation
                  </Typography>
                )}
                {row.changedFrom !== undefined && (
                  <Typography variant="body2" sx={{ color: 'warning.main', fontWeight: 600 }}>
                    Verdict changed: was {row.changedFrom}
                  </Typography>
                )}
                {row.unknownService !== undefined && (
                  <Typography variant="body2" sx={{ color: 'error.main' }}>
                    &quot;{row.unknownService}&quot; is not an endpoint service of the catalog.
                  </Typography>
                )}
                {!row.passed && decision !== undefined && (
                  <Typography variant="caption" component="p" sx={{ overflowWrap: 'anywhere' }}>
                    {row.summary}
                  </Typography>
                )}
                <Box sx={{ display: 'flex', gap: 1, mt: 0.25 }}>
                  <Button
                    variant="outlined"
                    onClick={() => onEdit(row.index)}
                    aria-describedby={nameId}
                  >
                    Edit
                  </Button>
                  <Button onClick={() => remove(row.index)} aria-describedby={nameId}>
                    Remove
                  </Button>
                </Box>
              </Box>
            );
          })}
        </Box>
      )}
      <Box sx={{ display: 'flex', gap: 1, mt: 1, flexWrap: 'wrap' }}>
        <Button variant="outlined" onClick={onExport} disabled={rows.length === 0}>
          Export suite
        </Button>
        <Button variant="outlined" component="label">
          Import suite
          <input
            hidden
            type="file"
            accept=".json,.jsonc,.yaml,.yml,application/json,text/yaml"
            onChange={(event) => {
              const [file] = takeFiles(event.target);
              if (file) onImport(file);
            }}
          />
        </Button>
      </Box>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
        The file is what <code>vpce-policy simulate --requests FILE</code> reads. The suite is also
        kept in the configuration: it is saved with your choices and travels in Export config and
        the share link.
      </Typography>
      {importReport && (
        <Alert
          severity={importReport.severity}
          sx={{ mt: 1 }}
          role={importReport.severity === 'error' ? 'alert' : 'status'}
        >
          {importReport.lines.map((line, index) => (
            <Box key={index} component="span" sx={{ display: 'block', overflowWrap: 'anywhere' }}>
              {line}
            </Box>
          ))}
        </Alert>
      )}
    </Box>
  );
});
