/**
 * The request matrix as a grid: a row per request (the ones not getting their expected verdict
 * first), a column per selected region, the verdict in each cell. A cell explains itself when
 * chosen: the verdict and the statement that decided it, why that verdict is the expected one,
 * and a way to see the statement in the policy or to open the request in the form. A cell whose
 * policy has errors, or whose evaluation went over its budget, says "No verdict" instead.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { styled, type Theme } from '@mui/material/styles';
import { memo, useId, useLayoutEffect, useState } from 'react';
import { VISUALLY_HIDDEN } from '@/shared/react/visually-hidden';
import type { MatrixCell, MatrixRow } from '@/core/evaluate/request-matrix';
import { DECISIONS, type Decision } from '@/core/config/request-schema';
import { countOf, formatCount } from '@/shared/format/format-count';
import type { MatrixRun } from '../hooks/use-request-matrix';
import { noVerdictOf, type CheckedMatrixCell } from '../matrix/matrix-runner';
import { DECISION_COLOR } from './verdict-view';

/** The theme colour of a verdict (`success.main` and so on), as the rest of the panel shows it. */
function decisionColor(theme: Theme, decision: Decision): string {
  const [palette, shade] = DECISION_COLOR[decision].split('.') as ['success', 'main'];
  return (theme.vars ?? theme).palette[palette][shade];
}

/** Rows shown at first and added by "Show more": a grid of every row at once would be slow to draw. */
const ROWS_PER_PAGE = 25;

/**
 * The grid's style, once for every cell: the cells are plain buttons marked with data attributes,
 * so that a grid of a thousand cells is drawn without a style computation per cell.
 */
const MatrixTable = styled('table')(({ theme }) => {
  // The colour scheme's variables, so that the cells follow the light and dark themes.
  const palette = (theme.vars ?? theme).palette;
  return {
    borderCollapse: 'collapse',
    fontSize: '0.75rem',
    '& th, & td': { padding: theme.spacing(0.25) },
    '& button': {
      font: 'inherit',
      fontWeight: 600,
      cursor: 'pointer',
      whiteSpace: 'nowrap',
      padding: theme.spacing(0.25, 0.5),
      backgroundColor: palette.background.paper,
      border: `1px solid ${palette.divider}`,
      borderRadius: theme.shape.borderRadius,
    },
    ...Object.fromEntries(
      DECISIONS.map((decision) => [
        `& button[data-decision="${decision}"]`,
        { color: decisionColor(theme, decision) },
      ]),
    ),
    '& button[data-passed="false"]': { border: `2px solid ${palette.error.main}` },
    // No verdict is not a wrong verdict: a dashed border of its own, in the text's own colour.
    '& button[data-no-verdict]': {
      border: `2px dashed ${palette.warning.main}`,
      color: palette.text.secondary,
    },
    // An outline, not a fill, marks the chosen cell: a fill would take the verdict's colour below contrast.
    '& button[aria-pressed="true"]': {
      outline: `2px solid ${palette.primary.main}`,
      outlineOffset: 1,
    },
  };
});

const SHORT_DECISION: Record<Decision, string> = {
  Allowed: 'Allowed',
  ImplicitDeny: 'Denied',
  ExplicitDeny: 'Denied (explicit)',
};

export interface MatrixViewProps {
  run: MatrixRun | undefined;
  /** Shows the cell's deciding (or expected) statement in its policy; returns why it cannot. */
  onShowInPolicy(row: MatrixRow, cell: MatrixCell): string | undefined;
  /** Opens the cell's request in the form. */
  onOpen(row: MatrixRow, cell: MatrixCell): void;
}

function statusText(run: MatrixRun | undefined): string {
  if (!run) return 'Preparing the matrix...';
  const size = `${formatCount(run.plan.rows.length)} request${run.plan.rows.length === 1 ? '' : 's'} × ${formatCount(run.plan.regions.length)} region${run.plan.regions.length === 1 ? '' : 's'}`;
  if (run.status === 'failed') return `The matrix could not be computed: ${run.message}`;
  if (run.status === 'running')
    return `Evaluating ${size}: ${formatCount(run.done)} of ${formatCount(run.total)} cells...`;
  if (run.failures === 0)
    return `${size}: every verdict is the one expected (what your choices call for, or what a saved request expects).`;
  // A cell without a verdict is not a wrong verdict: a policy still to finish is not a hole.
  const wrong = run.failures - run.withoutVerdict.count;
  const parts = [
    ...(wrong > 0 ? [`${countOf(wrong, 'cell')} not as expected`] : []),
    ...(run.withoutVerdict.count > 0
      ? [
          `${countOf(run.withoutVerdict.count, 'cell')} without a verdict (${run.withoutVerdict.reasons.join('; ')})`,
        ]
      : []),
  ];
  return `${size}: ${parts.join(', ')}, in the first rows.`;
}

function CellDetails({
  row,
  cell,
  onShowInPolicy,
  onOpen,
}: { row: MatrixRow; cell: MatrixCell } & Pick<MatrixViewProps, 'onShowInPolicy' | 'onOpen'>) {
  const [notice, setNotice] = useState<string>();
  const checked: CheckedMatrixCell = cell;
  const deciding = cell.deciding.map((d) => d.sid ?? `statement ${d.index + 1}`).join(' and ');
  const statement = cell.deciding.find((d) => d.sid !== undefined)?.sid ?? cell.expectedStatement;
  return (
    <Box
      component="section"
      aria-label="Matrix cell"
      sx={{ mt: 1, p: 1, border: 1, borderColor: 'divider', borderRadius: 1 }}
    >
      <Typography variant="body2" sx={{ fontWeight: 600, overflowWrap: 'anywhere' }}>
        {row.name}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p">
        {row.kind === 'saved' ? `Saved request ${row.index + 1}` : 'Ready-made request'} through the{' '}
        {row.service} endpoint in {cell.region}
      </Typography>
      {checked.policyErrors !== undefined ? (
        <Typography variant="body2" sx={{ mt: 0.5, overflowWrap: 'anywhere' }}>
          <Box component="strong">No verdict: {noVerdictOf(checked)}</Box> ({checked.policyErrors}{' '}
          the validator finds; no verdict is given on a policy that cannot be deployed as it is).
          Expected {cell.expected}. Open the request in the form to see the errors and their places.
        </Typography>
      ) : checked.withheld !== undefined ? (
        <Typography variant="body2" sx={{ mt: 0.5, overflowWrap: 'anywhere' }}>
          <Box component="strong">No verdict:</Box> {checked.withheld} Expected {cell.expected}.
        </Typography>
      ) : (
        <>
          <Typography variant="body2" sx={{ mt: 0.5, overflowWrap: 'anywhere' }}>
            <Box component="strong" sx={{ color: DECISION_COLOR[cell.decision] }}>
              {cell.decision}
            </Box>
            {deciding ? ` by ${deciding}` : ''}; expected {cell.expected}
            {cell.passed ? ', as expected.' : ': not as expected.'}
          </Typography>
          <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
            {cell.summary}
          </Typography>
        </>
      )}
      <Typography variant="caption" component="p" sx={{ overflowWrap: 'anywhere' }}>
        {cell.expectation}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, mt: 0.5, flexWrap: 'wrap' }}>
        <Button variant="outlined" onClick={() => setNotice(onShowInPolicy(row, cell))}>
          {statement ? `Show ${statement} in the policy` : 'Show the policy'}
        </Button>
        <Button onClick={() => onOpen(row, cell)}>Open in the form</Button>
      </Box>
      {/* In the page from the start, so that a screen reader reads the notice when it comes. */}
      <Typography role="status" variant="body2" sx={{ mt: 0.5, '&:empty': { mt: 0 } }}>
        {notice}
      </Typography>
    </Box>
  );
}

export const MatrixView = memo(function MatrixView({
  run,
  onShowInPolicy,
  onOpen,
}: MatrixViewProps) {
  const ids = useId();
  const [shownRows, setShownRows] = useState(ROWS_PER_PAGE);
  const [selected, setSelected] = useState<{ key: string; region: string }>();
  const done = run?.status === 'done' ? run : undefined;
  // Records `vpce:simulator-matrix-grid`: from the last cell evaluated to the grid on screen.
  useLayoutEffect(() => {
    if (done && performance.getEntriesByName('vpce:simulator-matrix-done', 'mark').length > 0)
      performance.measure('vpce:simulator-matrix-grid', 'vpce:simulator-matrix-done');
  }, [done]);
  const rows = done?.rows.slice(0, shownRows) ?? [];
  const selectedRow = done?.plan.rows.find((r) => r.key === selected?.key);
  const selectedCell =
    selectedRow &&
    done?.rows.find((r) => done.plan.rows[r.row] === selectedRow)?.cells.get(selected!.region);
  return (
    <Box component="section" aria-labelledby={`${ids}-heading`} sx={{ mt: 1.5 }}>
      <Typography variant="h3" id={`${ids}-heading`}>
        Every request in every region
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p">
        Each ready-made request of the selected services and each saved request goes through the
        endpoint of its own service in every selected region, against the generated policies.
      </Typography>
      <Typography role="status" aria-label="Matrix result" variant="body2" sx={{ mt: 0.5 }}>
        {statusText(run)}
      </Typography>
      {run?.status === 'running' && (
        <LinearProgress
          variant="determinate"
          value={run.total === 0 ? 100 : (100 * run.done) / run.total}
          aria-label="Matrix progress"
          sx={{ mt: 0.5 }}
        />
      )}
      {done && done.plan.servicesWithoutReadyMade.length > 0 && (
        <Typography variant="caption" color="text.secondary" component="p">
          No ready-made requests are written for{' '}
          {done.plan.servicesWithoutReadyMade.slice(0, 8).join(', ')}
          {done.plan.servicesWithoutReadyMade.length > 8
            ? ` and ${done.plan.servicesWithoutReadyMade.length - 8} more`
            : ''}
          : save requests of your own to check them here.
        </Typography>
      )}
      {done && rows.length > 0 && (
        <Box sx={{ overflowX: 'auto', mt: 1, maxWidth: '100%' }}>
          <MatrixTable aria-label="Verdicts by request and region">
            <thead>
              <tr>
                <Box component="th" scope="col" sx={{ textAlign: 'left', minWidth: 160 }}>
                  Request
                </Box>
                {done.plan.regions.map((region) => (
                  <Box component="th" scope="col" key={region} sx={{ whiteSpace: 'nowrap' }}>
                    {region}
                  </Box>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((summary) => {
                const row = done.plan.rows[summary.row]!;
                return (
                  <tr key={row.key}>
                    <Box
                      component="th"
                      scope="row"
                      sx={{ textAlign: 'left', fontWeight: 400, overflowWrap: 'anywhere' }}
                    >
                      {row.name}
                      <Box component="span" sx={{ display: 'block', color: 'text.secondary' }}>
                        {row.service} ·{' '}
                        {row.kind === 'saved'
                          ? `saved${row.region !== undefined ? `, ${row.region} only` : ''}`
                          : 'ready-made'}
                      </Box>
                    </Box>
                    {done.plan.regions.map((region) => {
                      const cell = summary.cells.get(region);
                      if (!cell)
                        return (
                          <Box
                            component="td"
                            key={region}
                            sx={{ color: 'text.secondary', textAlign: 'center' }}
                          >
                            —
                            <Box component="span" sx={VISUALLY_HIDDEN}>
                              {' '}
                              not run here: the saved request names{' '}
                              {(row.kind === 'saved' && row.region) || 'another region'}
                            </Box>
                          </Box>
                        );
                      const isSelected = selected?.key === row.key && selected.region === region;
                      const noVerdict = noVerdictOf(cell);
                      const shown = noVerdict ? 'No verdict' : SHORT_DECISION[cell.decision];
                      return (
                        <td key={region}>
                          <button
                            type="button"
                            data-decision={noVerdict ? undefined : cell.decision}
                            data-passed={cell.passed}
                            data-no-verdict={noVerdict ? '' : undefined}
                            aria-pressed={isSelected}
                            aria-label={`${noVerdict ? `No verdict: ${noVerdict}` : shown}${cell.passed ? '' : `, expected ${SHORT_DECISION[cell.expected]}`}: ${row.name}, ${region}`}
                            onClick={() => setSelected({ key: row.key, region })}
                          >
                            {cell.passed || noVerdict ? '' : '✗ '}
                            {shown}
                          </button>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </MatrixTable>
        </Box>
      )}
      {done && done.rows.length > shownRows && (
        <Button onClick={() => setShownRows(shownRows + ROWS_PER_PAGE)} sx={{ mt: 0.5 }}>
          Show {Math.min(ROWS_PER_PAGE, done.rows.length - shownRows)} more of{' '}
          {done.rows.length - shownRows} rows
        </Button>
      )}
      {selectedRow && selectedCell && (
        <CellDetails
          key={`${selectedRow.key} ${selectedCell.region}`}
          row={selectedRow}
          cell={selectedCell}
          onShowInPolicy={onShowInPolicy}
          onOpen={onOpen}
        />
      )}
    </Box>
  );
});
