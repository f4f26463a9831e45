/**
 * Between the preview's controls and the policy: the switch between the generated policy and the
 * user's own (edit or import), and in edit mode the policy workbench in place of the generated
 * policy. The workbench and everything it needs (validator worker, editor setup, diff) load only
 * when the user enters edit mode.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useMemo, type ReactNode } from 'react';
import { lazyComponent } from '@/shared/react/lazy-component';
import { useBuilder, useBuilderActions } from '@/state/builder-store';
import type { PolicyDraft, PolicyMode } from '@/state/policy-editor-slice';

const PolicyWorkbench = lazyComponent(
  () => import('./policy-workbench'),
  <Typography role="status" variant="body2" sx={{ my: 2 }}>
    Loading the policy editor…
  </Typography>,
);

export interface GeneratedForEditing {
  text: string;
  service: string;
  /** The regions the generated policy is for. */
  regions: string[];
  /** Name of the file the policy downloads as, for the comparison's heading. */
  fileName: string;
}

export interface PolicyEditorGateProps {
  generatedText: string;
  service: string;
  /** The regions the generated policy is for. */
  regions: readonly string[];
  fileName: string;
  /** Controls shown in the same row as the mode switch (copy, download). */
  toolbar?: ReactNode;
  /** The generated policy's view, shown in preview mode. */
  children: ReactNode;
}

export function PolicyEditorGate({
  generatedText,
  service,
  regions,
  fileName,
  toolbar,
  children,
}: PolicyEditorGateProps) {
  const mode = useBuilder((state) => state.policyEditor.mode);
  const { editPolicy, showGeneratedPolicy, setImportOpen } = useBuilderActions();
  const regionKey = regions.join(',');
  const generated = useMemo<GeneratedForEditing>(
    () => ({
      text: generatedText,
      service,
      regions: regionKey ? regionKey.split(',') : [],
      fileName,
    }),
    [generatedText, service, regionKey, fileName],
  );
  const start = (): PolicyDraft => ({
    text: generated.text,
    origin: { kind: 'generated', service: generated.service, regions: generated.regions },
  });
  return (
    <>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center' }}>
        <ToggleButtonGroup
          exclusive
          size="small"
          value={mode}
          sx={{ '& .MuiToggleButton-root': { py: 0.25, px: 1 } }}
          onChange={(_event, next: PolicyMode | null) => {
            if (next === 'edit') editPolicy(start());
            else if (next === 'preview') showGeneratedPolicy();
          }}
          aria-label="Policy mode"
        >
          <ToggleButton value="preview">Generated policy</ToggleButton>
          <ToggleButton
            value="edit"
            onMouseEnter={PolicyWorkbench.preload}
            onFocus={PolicyWorkbench.preload}
          >
            Edit policy
          </ToggleButton>
        </ToggleButtonGroup>
        <Button
          variant="outlined"
          onClick={() => {
            editPolicy(start());
            setImportOpen(true);
          }}
        >
          Import policy
        </Button>
        <Box sx={{ flex: '1 1 0' }} />
        {toolbar}
      </Box>
      {mode === 'edit' ? <PolicyWorkbench generated={generated} /> : children}
    </>
  );
}
