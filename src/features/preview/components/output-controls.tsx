/** How the policy is produced: one for all regions or one per region (with the region shown), pretty or minified, editor or text. */
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import { memo } from 'react';
import { describeCounts } from '@/core/finding-kinds';
import { useIdleJob } from '@/shared/react/use-idle-job';
import { choicesFindingsJob } from '@/state/policy-findings';
import type { OutputShape, PolicyFormat } from '@/core/config/schema';
import { startMonacoNow } from '@/shared/editor/use-monaco';
import { useBuilder, useBuilderActions, useChoicesInput } from '@/state/builder-store';
import type { PolicyView } from '@/state/defaults';

export interface OutputControlsProps {
  shape: OutputShape;
  format: PolicyFormat;
  /** Selected regions, for the region picker of the per-region shape. */
  regions: readonly string[];
  region: string | undefined;
  /** The service whose policy is shown: the picker counts what its policy needs in each region. */
  service: string;
}

export const OutputControls = memo(function OutputControls({
  shape,
  format,
  regions,
  region,
  service,
}: OutputControlsProps) {
  const { setOutput, setPreviewRegion, setPolicyView } = useBuilderActions();
  const policyView = useBuilder((state) => state.view.policyView);
  // Each region of the picker says what the shown service's policy there still needs, a moment
  // after a change (another service's needs are on its own tab's badge).
  const byRegion = useIdleJob(
    useChoicesInput(),
    shape === 'per-region' ? choicesFindingsJob : undefined,
  )?.byServiceRegion.get(service);
  const regionLabel = (code: string) => {
    const counts = byRegion?.get(code);
    return counts && counts.errors + counts.toFill > 0
      ? `${code} (${describeCounts(counts)})`
      : code;
  };
  return (
    <Box
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        columnGap: 1.5,
        rowGap: 0.5,
        alignItems: 'center',
        '& .MuiToggleButton-root': { py: 0.25, px: 1 },
      }}
    >
      <ToggleButtonGroup
        exclusive
        value={shape}
        onChange={(_event, shape: OutputShape | null) =>
          shape && setOutput({ shape: shape === 'all-regions' ? undefined : shape })
        }
        aria-label="Policy shape"
      >
        <ToggleButton value="all-regions">All regions in one</ToggleButton>
        <ToggleButton value="per-region">One per region</ToggleButton>
      </ToggleButtonGroup>
      {shape === 'per-region' && regions.length > 0 && (
        <TextField
          select
          label="Policy region"
          value={region ?? ''}
          onChange={(event) => setPreviewRegion(event.target.value)}
          slotProps={{ select: { native: true } }}
          sx={{ width: 170 }}
          fullWidth={false}
        >
          {regions.map((code) => (
            <option key={code} value={code}>
              {regionLabel(code)}
            </option>
          ))}
        </TextField>
      )}
      <FormControlLabel
        control={
          <Switch
            size="small"
            checked={format === 'minified'}
            onChange={(_event, checked) => setOutput({ format: checked ? 'minified' : undefined })}
          />
        }
        label="Minified"
      />
      <ToggleButtonGroup
        exclusive
        value={policyView}
        onChange={(_event, view: PolicyView | null) => {
          if (!view) return;
          // The user asked for the editor: it starts now, not when the browser is idle.
          if (view === 'editor') startMonacoNow();
          setPolicyView(view);
        }}
        aria-label="Policy view"
      >
        <ToggleButton value="editor">Editor</ToggleButton>
        <ToggleButton value="text">Plain text</ToggleButton>
      </ToggleButtonGroup>
    </Box>
  );
});
