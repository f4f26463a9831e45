/** Characters used against the 20,480-character quota of an endpoint policy, for the form shown. */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { POLICY_SIZE_LIMIT } from '@/core/catalog/ids';
import type { PolicyFormat } from '@/core/config/schema';
import { formatCount } from '@/shared/format/format-count';

const number = formatCount;

export const SizeMeter = memo(function SizeMeter({
  size,
  format,
}: {
  size: number;
  format: PolicyFormat;
}) {
  const ratio = size / POLICY_SIZE_LIMIT;
  const over = size > POLICY_SIZE_LIMIT;
  const form = format === 'minified' ? 'minified' : 'pretty-printed';
  const text = over
    ? `${number(size)} of ${number(POLICY_SIZE_LIMIT)} characters, ${number(size - POLICY_SIZE_LIMIT)} over the limit (${form}; whitespace counts)`
    : `${number(size)} of ${number(POLICY_SIZE_LIMIT)} characters, ${Math.round(ratio * 100)}% (${form}; whitespace counts)`;
  const colour = over ? 'error.main' : ratio > 0.9 ? 'warning.main' : 'primary.main';
  return (
    <Box>
      <Box
        role="meter"
        aria-label="Policy size"
        aria-valuemin={0}
        aria-valuemax={POLICY_SIZE_LIMIT}
        aria-valuenow={Math.min(size, POLICY_SIZE_LIMIT)}
        aria-valuetext={text}
        sx={{ height: 4, borderRadius: 2, bgcolor: 'action.hover', overflow: 'hidden' }}
      >
        <Box
          sx={{ height: '100%', bgcolor: colour }}
          style={{ width: `${Math.min(100, ratio * 100)}%` }}
        />
      </Box>
      <Typography variant="caption" sx={{ color: over ? 'error.main' : 'text.secondary' }}>
        {text}
      </Typography>
    </Box>
  );
});
