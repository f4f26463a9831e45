/**
 * When one policy for all regions does not fit the quota: says so with the engine's finding and
 * offers one policy per region (what an endpoint, which lives in one region, needs), with the size
 * of the largest once measured, and the minified form when the engine says it fits.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { GeneratedPolicy } from '@/core/generate/generate';
import { ONE_REGION_PER_ENDPOINT, perRegionFitAdvice } from '@/core/diagnostic-messages';
import type { PerimeterConfig } from '@/core/config/schema';
import type { PreviewTarget } from '@/shared/catalog/preview-target';
import { useBuilderActions } from '@/state/builder-store';
import { useLargestRegionPolicy } from '../hooks/use-per-region-sizes';

export function FitAdvice({
  config,
  target,
  generated,
}: {
  config: PerimeterConfig;
  target: PreviewTarget;
  generated: GeneratedPolicy;
}) {
  const { setOutput } = useBuilderActions();
  const overLimit = generated.diagnostics.find((d) => d.code === 'size/over-limit');
  const wanted =
    overLimit !== undefined && target.shape === 'all-regions' && target.regions.length > 1;
  const largest = useLargestRegionPolicy(
    config,
    target.service,
    target.regions,
    target.format,
    wanted,
  );
  if (!overLimit) return null;
  const minifiedFits = overLimit.hint?.includes('minified form') && target.format !== 'minified';
  return (
    <Alert severity="error" sx={{ my: 1 }} role="alert">
      <Box>{overLimit.message}</Box>
      {wanted && (
        <Box sx={{ mt: 0.5 }}>
          {ONE_REGION_PER_ENDPOINT}{' '}
          {largest ? perRegionFitAdvice(largest) : 'Measuring the per-region policies…'}
        </Box>
      )}
      {overLimit.hint && !wanted && <Box sx={{ mt: 0.5 }}>{overLimit.hint}</Box>}
      <Box sx={{ display: 'flex', gap: 1, mt: 1, flexWrap: 'wrap' }}>
        {target.shape === 'all-regions' && (
          <Button
            variant="contained"
            color="error"
            onClick={() => setOutput({ shape: 'per-region' })}
          >
            Use one policy per region
          </Button>
        )}
        {minifiedFits && (
          <Button
            variant="outlined"
            color="error"
            onClick={() => setOutput({ format: 'minified' })}
          >
            Use the minified form
          </Button>
        )}
      </Box>
    </Alert>
  );
}
