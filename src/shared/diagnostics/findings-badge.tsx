/** The badge of a service tab or a region: how many errors and values to fill its policies have. */
import Box from '@mui/material/Box';
import type { FindingCounts } from '@/core/finding-kinds';

/** Whether a badge shows for these counts: some errors or values to fill. */
export function hasFindings(counts: FindingCounts | undefined): counts is FindingCounts {
  return counts !== undefined && counts.errors + counts.toFill > 0;
}

/** A count badge: red with errors, amber with values to fill only; nothing when both are zero. */
export function FindingsBadge({
  counts,
  name,
}: {
  counts: FindingCounts | undefined;
  name: string;
}) {
  if (!hasFindings(counts)) return null;
  const words = [
    counts.errors > 0 ? `${counts.errors} error${counts.errors === 1 ? '' : 's'}` : '',
    counts.toFill > 0 ? `${counts.toFill} to fill` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <Box
      component="span"
      title={`${name}: ${words}`}
      aria-label={words}
      sx={{
        ml: 0.75,
        px: 0.75,
        minWidth: 20,
        borderRadius: 10,
        fontSize: '0.75rem',
        lineHeight: '18px',
        fontWeight: 600,
        textAlign: 'center',
        color: 'common.white',
        bgcolor: counts.errors > 0 ? 'error.main' : 'warning.main',
        // The dark theme's lighter palette keeps the white text readable.
        '.dark &': { color: 'common.black' },
      }}
    >
      {counts.errors + counts.toFill}
    </Box>
  );
}
