/**
 * The validator's findings about the user's policy, in text order: each with its severity, place,
 * message, hint and stable code. A finding with a place is a button that puts the cursor there.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Typography from '@mui/material/Typography';
import { memo, useState } from 'react';
import type { Diagnostic, Severity, TextRange } from '@/core/diagnostics';
import { formatCount } from '@/shared/format/format-count';
import { SeverityIcon } from '@/shared/diagnostics/severity-icon';

export interface RevealRequest {
  range: TextRange;
  /** Changes on every request, so that the same range can be revealed again. */
  nonce: number;
}

/** Findings shown before "Show all": enough to work through, few enough to render at once. */
const SHOWN = 100;

export function placeOf(range: TextRange | undefined): string {
  return range ? `Line ${range.start.line}, column ${range.start.column}` : 'Whole policy';
}

export function countSummary(diagnostics: readonly Diagnostic[]): string {
  const count = (severity: Severity) => diagnostics.filter((d) => d.severity === severity).length;
  const parts = [
    [count('error'), 'error'],
    [count('warning'), 'warning'],
    [count('info'), 'note'],
  ] as const;
  const said = parts
    .filter(([n]) => n > 0)
    .map(([n, word]) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`);
  return said.length > 0 ? said.join(', ') : 'No problems';
}

function ProblemContent({ diagnostic }: { diagnostic: Diagnostic }) {
  return (
    <>
      <SeverityIcon severity={diagnostic.severity} />
      <Box sx={{ minWidth: 0, textAlign: 'left' }}>
        <Typography
          variant="body2"
          component="span"
          sx={{ display: 'block', overflowWrap: 'anywhere' }}
        >
          <Box component="span" sx={{ fontWeight: 600 }}>
            {placeOf(diagnostic.range)}:
          </Box>{' '}
          {diagnostic.message}
        </Typography>
        {diagnostic.hint && (
          <Typography
            variant="caption"
            color="text.secondary"
            component="span"
            sx={{ display: 'block', overflowWrap: 'anywhere' }}
          >
            {diagnostic.hint}
          </Typography>
        )}
        <Typography
          variant="caption"
          color="text.secondary"
          component="code"
          sx={{ display: 'block' }}
        >
          {diagnostic.code}
        </Typography>
      </Box>
    </>
  );
}

export const ProblemsList = memo(function ProblemsList({
  diagnostics,
  onReveal,
}: {
  diagnostics: readonly Diagnostic[];
  onReveal(range: TextRange): void;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? diagnostics : diagnostics.slice(0, SHOWN);
  if (diagnostics.length === 0) {
    return (
      <Typography variant="body2" sx={{ color: 'success.main', my: 1 }}>
        No problems found in this policy.
      </Typography>
    );
  }
  return (
    <Box>
      <Box
        component="ul"
        aria-label="Problems"
        sx={{ m: 0, p: 0, maxHeight: 360, overflow: 'auto' }}
      >
        {shown.map((diagnostic, index) => {
          const range = diagnostic.range;
          return (
            <Box
              component="li"
              key={`${index}-${diagnostic.code}`}
              sx={{ listStyle: 'none', borderTop: index > 0 ? 1 : 0, borderColor: 'divider' }}
            >
              {range ? (
                <ButtonBase
                  onClick={() => onReveal(range)}
                  sx={{
                    display: 'flex',
                    gap: 1,
                    alignItems: 'flex-start',
                    justifyContent: 'flex-start',
                    width: '100%',
                    py: 0.75,
                    px: 0.5,
                    borderRadius: 1,
                    '&:hover, &.Mui-focusVisible': { bgcolor: 'action.hover' },
                  }}
                >
                  <ProblemContent diagnostic={diagnostic} />
                </ButtonBase>
              ) : (
                <Box sx={{ display: 'flex', gap: 1, py: 0.75, px: 0.5 }}>
                  <ProblemContent diagnostic={diagnostic} />
                </Box>
              )}
            </Box>
          );
        })}
      </Box>
      {diagnostics.length > SHOWN && (
        <Button size="small" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${formatCount(diagnostics.length)}`}
        </Button>
      )}
    </Box>
  );
});
