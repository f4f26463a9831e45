/** How the policy is produced: one for all regions or one per region (with the region shown), pretty or minified, editor or text. */
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import type { OutputShape } from '@/core/config/schema';
import type { PreviewTarget } from '@/features/perimeter/preview-target';
import { useBuilder, useBuilderActions } from '@/state/builder-store';
import type { PolicyView } from '@/state/defaults';

export function OutputControls({ target }: { target: PreviewTarget }) {
  const { setOutput, setPreviewRegion, setPolicyView } = useBuilderActions();
  const policyView = useBuilder((state) => state.view.policyView);
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center', my: 1 }}>
      <ToggleButtonGroup
        exclusive
        value={target.shape}
        onChange={(_event, shape: OutputShape | null) => shape && setOutput({ shape: shape === 'all-regions' ? undefined : shape })}
        aria-label="Policy shape"
      >
        <ToggleButton value="all-regions">One for all regions</ToggleButton>
        <ToggleButton value="per-region">One per region</ToggleButton>
      </ToggleButtonGroup>
      {target.shape === 'per-region' && target.regions.length > 0 && (
        <TextField
          select
          label="Policy region"
          value={target.region ?? ''}
          onChange={(event) => setPreviewRegion(event.target.value)}
          slotProps={{ select: { native: true } }}
          sx={{ width: 170 }}
          fullWidth={false}
        >
          {target.regions.map((region) => (
            <option key={region} value={region}>
              {region}
            </option>
          ))}
        </TextField>
      )}
      <FormControlLabel
        control={<Switch checked={target.format === 'minified'} onChange={(_event, checked) => setOutput({ format: checked ? 'minified' : undefined })} />}
        label="Minified"
      />
      <ToggleButtonGroup exclusive value={policyView} onChange={(_event, view: PolicyView | null) => view && setPolicyView(view)} aria-label="Policy view">
        <ToggleButton value="editor">Editor</ToggleButton>
        <ToggleButton value="text">Plain text</ToggleButton>
      </ToggleButtonGroup>
    </Box>
  );
}
