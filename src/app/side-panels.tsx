/**
 * The panels beside the preview. Each is a lazily loaded module named here; a new panel (for
 * example a request simulator) adds its id to `SIDE_PANELS` in the view slice and an entry below.
 */
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useBuilder, useBuilderActions } from '@/state/builder-store';
import type { SidePanelId } from '@/state/defaults';

interface SidePanel {
  id: SidePanelId;
  label: string;
  component: LazyExoticComponent<ComponentType>;
}

export const sidePanels: readonly SidePanel[] = [
  {
    id: 'explanations',
    label: 'Explanations',
    component: lazy(() => import('@/features/explanations/components/explanations-panel')),
  },
  {
    id: 'simulator',
    label: 'Request simulator',
    component: lazy(() => import('@/features/simulator/components/simulator-panel')),
  },
  {
    id: 'impact',
    label: 'Impact',
    component: lazy(() => import('@/features/impact/components/impact-panel')),
  },
];

export default function SidePanels() {
  const selected = useBuilder((state) => state.view.sidePanel);
  const { setSidePanel } = useBuilderActions();
  const panel = sidePanels.find((p) => p.id === selected) ?? sidePanels[0]!;
  const Panel = panel.component;
  return (
    <Box>
      {sidePanels.length > 1 && (
        <Tabs
          value={panel.id}
          onChange={(_event, id: SidePanelId) => setSidePanel(id)}
          aria-label="Side panels"
        >
          {sidePanels.map((p) => (
            <Tab
              key={p.id}
              value={p.id}
              label={p.label}
              id={`side-panel-tab-${p.id}`}
              aria-controls="side-panel"
            />
          ))}
        </Tabs>
      )}
      <Box
        id="side-panel"
        role={sidePanels.length > 1 ? 'tabpanel' : undefined}
        aria-labelledby={sidePanels.length > 1 ? `side-panel-tab-${panel.id}` : undefined}
      >
        <Suspense fallback={null}>
          <Panel />
        </Suspense>
      </Box>
    </Box>
  );
}
