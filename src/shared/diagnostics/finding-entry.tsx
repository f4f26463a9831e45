/**
 * One finding of a list, as every list of findings shows it: its message (after its place in the
 * text, when it has one) and its hint; and, when it has a place, a button that moves there.
 */
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { Diagnostic, TextRange } from '@/core/diagnostics';
import { placeOf } from './place-of';

export function FindingText({
  diagnostic,
  place = false,
  hint = true,
  children,
}: {
  diagnostic: Diagnostic;
  /** Starts the message with the finding's place in the text ("line 3, column 5:"). */
  place?: boolean;
  hint?: boolean;
  /** Shown under the message and hint, e.g. the finding's code. */
  children?: ReactNode;
}) {
  return (
    <Box sx={{ minWidth: 0, textAlign: 'left' }}>
      <Typography
        variant="body2"
        component="span"
        sx={{ display: 'block', overflowWrap: 'anywhere' }}
      >
        {place && (
          <>
            <Box component="span" sx={{ fontWeight: 600 }}>
              {placeOf(diagnostic.range)}:
            </Box>{' '}
          </>
        )}
        {diagnostic.message}
      </Typography>
      {hint && diagnostic.hint && (
        <Typography
          variant="caption"
          color="text.secondary"
          component="span"
          sx={{ display: 'block', overflowWrap: 'anywhere' }}
        >
          {diagnostic.hint}
        </Typography>
      )}
      {children}
    </Box>
  );
}

/**
 * A finding's row: a button that calls `onReveal` with the finding's place, or, without a place,
 * the same row that does nothing. `sx` sizes it within its list.
 */
export function RevealableFinding({
  range,
  onReveal,
  sx,
  children,
}: {
  range: TextRange | undefined;
  onReveal(range: TextRange): void;
  sx?: Readonly<Record<string, string | number>>;
  children: ReactNode;
}) {
  const row = { display: 'flex', gap: 1, px: 0.5, ...sx };
  if (!range) return <Box sx={row}>{children}</Box>;
  return (
    <ButtonBase
      onClick={() => onReveal(range)}
      sx={{
        ...row,
        alignItems: 'flex-start',
        justifyContent: 'flex-start',
        textAlign: 'left',
        borderRadius: 1,
        '&:hover, &.Mui-focusVisible': { bgcolor: 'action.hover' },
      }}
    >
      {children}
    </ButtonBase>
  );
}
