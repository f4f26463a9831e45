/**
 * The preview: one tab per selected service, how the policy is produced, copy and download, the
 * size against the quota, the generator's findings and the policy itself. Everything shown is
 * computed by the engine from the choices (see `previewPolicy`); only the visible tab is generated.
 */
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useCallback, useMemo, useRef, type ComponentType, type ReactNode } from 'react';
import { catalog } from '@/core/catalog/catalog';
import { canonicalRegions, canonicalServices } from '@/core/generate/selection';
import { policyFileName } from '@/core/generate/outputs';
import { previewTarget } from '@/shared/catalog/preview-target';
import { useBuilder, useBuilderStoreApi } from '@/state/builder-store';
import { previewPolicy } from '@/state/preview-policy';
import { FitAdvice } from './fit-advice';
import { OutputControls } from './output-controls';
import { PolicyActions } from './policy-actions';
import { PolicyDiagnostics } from './policy-diagnostics';
import { PolicyView } from './policy-view';
import { POLICY_TABPANEL_ID, policyTabId, ServiceTabs } from './service-tabs';
import { SizeMeter } from './size-meter';

function PreviewShell({ children }: { children: ReactNode }) {
  return (
    <Paper component="section" aria-label="Preview" sx={{ minWidth: 0 }}>
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
  /** The generated policy's view. */
  children: ReactNode;
}

const NoPolicyArea = ({ children }: PolicyAreaProps) => children;

export default function PreviewPanel({
  PolicyArea = NoPolicyArea,
}: {
  PolicyArea?: ComponentType<PolicyAreaProps>;
}) {
  const config = useBuilder((state) => state.config);
  const view = useBuilder((state) => state.view);
  const target = useMemo(() => previewTarget(config, view, catalog), [config, view]);
  const tabServices = useMemo(() => canonicalServices(config.services, catalog), [config.services]);
  const regions = useMemo(() => canonicalRegions(config.regions, catalog), [config.regions]);
  const shownText = useRef('');
  const store = useBuilderStoreApi();
  // In edit mode, Copy and Download take the user's text, which is what the preview shows then.
  const policyText = useCallback(() => {
    const { mode, draft } = store.getState().policyEditor;
    return mode === 'edit' && draft ? draft.text : shownText.current;
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
  return (
    <PreviewShell>
      <ServiceTabs services={tabServices} selected={target.service} />
      <Box
        role="tabpanel"
        id={POLICY_TABPANEL_ID}
        aria-labelledby={policyTabId(target.service)}
        sx={{ p: { xs: 1, sm: 2 } }}
      >
        <Typography variant="h2" sx={{ mb: 0.5 }}>
          {fileName}
        </Typography>
        <Typography variant="caption" color="text.secondary" component="p">
          {catalog.service(target.service)?.title}
          {target.region
            ? ` · ${target.region}`
            : target.regions.length > 0
              ? ` · ${target.regions.length} region${target.regions.length > 1 ? 's' : ''}`
              : ''}
          {' · '}
          {generated.statements.length} statement{generated.statements.length === 1 ? '' : 's'}
        </Typography>
        <OutputControls
          shape={target.shape}
          format={target.format}
          regions={regions}
          region={target.region}
        />
        <PolicyActions fileName={fileName} policyText={policyText} />
        <PolicyArea
          generatedText={generated.text}
          service={target.service}
          regions={target.region ? [target.region] : target.regions}
          fileName={fileName}
        >
          <SizeMeter size={generated.size} format={target.format} />
          <FitAdvice config={config} target={target} generated={generated} />
          <PolicyDiagnostics
            diagnostics={generated.diagnostics.filter((d) => d.code !== 'size/over-limit')}
          />
          <PolicyView generated={generated} fileName={fileName} />
        </PolicyArea>
      </Box>
    </PreviewShell>
  );
}
