/**
 * The policy pane: one tab per selected service (with its count of errors and values to fill),
 * the file and its status (size, checks), copy and download, how the policy is produced, and the
 * policy itself, which takes the height the window leaves. Everything shown is computed by the
 * engine from the choices (see `previewPolicy`); only the visible tab is generated. In edit mode
 * the header describes the edited text, not the generated policy.
 */
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useCallback, useMemo, useRef, type ComponentType, type ReactNode } from 'react';
import { catalog } from '@/core/catalog/catalog';
import { canonicalRegions } from '@/core/generate/selection';
import { policyFileName } from '@/core/generate/outputs';
import { previewTarget } from '@/shared/catalog/preview-target';
import { useConfigValueFindings } from '@/shared/validation/use-config-value-findings';
import { useBuilder, useBuilderStoreApi } from '@/state/builder-store';
import { previewPolicy } from '@/state/preview-policy';
import { EditedTextSummary } from './edited-text-summary';
import { FitAdvice } from './fit-advice';
import { OutputControls } from './output-controls';
import { PolicyActions } from './policy-actions';
import { GeneratedPolicyChecks } from './policy-checks';
import { PolicyView } from './policy-view';
import { POLICY_TABPANEL_ID, policyTabId, ServiceTabs } from './service-tabs';
import { SizeMeter } from './size-meter';

/** The pane's frame: fills the column from `md` up, so that the policy can take the height left. */
function PreviewShell({ children }: { children: ReactNode }) {
  return (
    <Paper
      component="section"
      aria-label="Preview"
      sx={{
        minWidth: 0,
        flex: { md: '1 1 auto' },
        minHeight: 0,
        display: 'flex',
        flexDirection: 'column',
      }}
    >
      {children}
    </Paper>
  );
}

/** What surrounds the generated policy's view: the app puts the policy editor's switch there. */
export interface PolicyAreaProps {
  generatedText: string;
  service: string;
  /** The regions the generated policy is for. */
  regions: readonly string[];
  fileName: string;
  /** Copy and download, shown in the row of the area's own controls. */
  toolbar: ReactNode;
  /** The generated policy's view. */
  children: ReactNode;
}

const NoPolicyArea = ({ toolbar, children }: PolicyAreaProps) => (
  <>
    {toolbar}
    {children}
  </>
);

export default function PreviewPanel({
  PolicyArea = NoPolicyArea,
  extraActions,
}: {
  PolicyArea?: ComponentType<PolicyAreaProps>;
  /** Export actions the app adds beside Download all. */
  extraActions?: ReactNode;
}) {
  const config = useBuilder((state) => state.config);
  const view = useBuilder((state) => state.view);
  const editing = useBuilder(
    (state) => state.policyEditor.mode === 'edit' && state.policyEditor.draft !== undefined,
  );
  const target = useMemo(() => previewTarget(config, view, catalog), [config, view]);
  const valueFindings = useConfigValueFindings(config, catalog);
  const regions = useMemo(() => canonicalRegions(config.regions, catalog), [config.regions]);
  const shownText = useRef('');
  const store = useBuilderStoreApi();
  // In edit mode, Copy and Download take the user's text, which is what the pane shows then.
  const exported = useCallback(() => {
    const { mode, draft } = store.getState().policyEditor;
    return mode === 'edit' && draft
      ? { text: draft.text, edited: true }
      : { text: shownText.current, edited: false };
  }, [store]);

  if (!target.service) {
    return (
      <PreviewShell>
        <Typography variant="body2" sx={{ p: 2 }}>
          Choose an endpoint service to see its policy.
        </Typography>
      </PreviewShell>
    );
  }
  const generated = previewPolicy(config, target.service, target.region, target.format);
  const fileName = policyFileName(target.service, target.region);
  shownText.current = generated.text;
  const regionText = target.region
    ? ` · ${target.region}`
    : target.regions.length > 0
      ? ` · ${target.regions.length} region${target.regions.length > 1 ? 's' : ''}`
      : '';
  return (
    <PreviewShell>
      <ServiceTabs services={target.services} selected={target.service} />
      <Box
        role="tabpanel"
        id={POLICY_TABPANEL_ID}
        aria-labelledby={policyTabId(target.service)}
        sx={{
          p: { xs: 1, sm: 1.5 },
          pt: { xs: 1, sm: 1 },
          flex: '1 1 auto',
          minHeight: 0,
          display: 'flex',
          flexDirection: 'column',
          gap: 0.5,
        }}
      >
        <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: 1 }}>
          <Typography variant="h2" sx={{ overflowWrap: 'anywhere' }}>
            {fileName}
            {editing ? ' (edited)' : ''}
          </Typography>
          {editing ? (
            <EditedTextSummary />
          ) : (
            <Typography variant="caption" color="text.secondary" component="p">
              {catalog.service(target.service)?.title}
              {regionText}
              {' · '}
              {generated.statements.length} statement
              {generated.statements.length === 1 ? '' : 's'}
            </Typography>
          )}
        </Box>
        {!editing && <SizeMeter size={generated.size} format={target.format} />}
        <OutputControls
          shape={target.shape}
          format={target.format}
          regions={regions}
          region={target.region}
          service={target.service}
        />
        <PolicyArea
          generatedText={generated.text}
          service={target.service}
          regions={target.region ? [target.region] : target.regions}
          fileName={fileName}
          toolbar={
            <PolicyActions fileName={fileName} policy={exported} extraActions={extraActions} />
          }
        >
          <GeneratedPolicyChecks generated={generated} valueFindings={valueFindings} />
          <FitAdvice config={config} target={target} generated={generated} />
          <PolicyView generated={generated} fileName={fileName} />
        </PolicyArea>
      </Box>
    </PreviewShell>
  );
}
