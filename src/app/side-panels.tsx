/**
 * The panels beside the policy, as tabs: the registry below is the one place a tool panel is
 * added (one entry: its id, its tab's label and the lazily loaded module that draws it). The
 * selected panel is saved with the view; an id no longer in the registry shows the first panel.
 */
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { memo } from 'react';
import { lazyComponent, type LazyComponent } from '@/shared/react/lazy-component';
import { useBuilder, useBuilderActions } from '@/state/builder-store';
import type { SidePanelId } from '@/state/defaults';

interface SidePanel {
  id: SidePanelId;
  label: string;
  component: LazyComponent<object>;
}

export const sidePanels: readonly SidePanel[] = [
  {
    id: 'explanations',
    label: 'Explanations',
    component: lazyComponent(() => import('@/features/explanations/components/explanations-panel')),
  },
  {
    id: 'simulator',
    label: 'Request simulator',
    component: lazyComponent(() => import('@/features/simulator/components/simulator-panel')),
  },
  {
    id: 'impact',
    label: 'Impact',
    component: lazyComponent(() => import('@/features/impact/components/impact-panel')),
  },
  {
    id: 'audit',
    label: 'Audit',
    component: lazyComponent(() => import('@/features/deploy/components/audit-panel')),
  },
];

export default memo(function SidePanels() {
  const selected = useBuilder((state) => state.view.sidePanel);
  const { setSidePanel } = useBuilderActions();
  const panel = sidePanels.find((p) => p.id === selected) ?? sidePanels[0]!;
  const Panel = panel.component;
  return (
    <Box sx={{ minWidth: 0 }}>
      {sidePanels.length > 1 && (
        <Paper
          square
          sx={{
            position: 'sticky',
            top: 0,
            zIndex: 1,
            borderTopLeftRadius: 6,
            borderTopRightRadius: 6,
            mb: 1,
          }}
        >
          <Tabs
            value={panel.id}
            onChange={(_event, id: SidePanelId) => setSidePanel(id)}
            variant="scrollable"
            scrollButtons="auto"
            allowScrollButtonsMobile
            aria-label="Side panels"
          >
            {sidePanels.map((p) => (
              <Tab
                key={p.id}
                value={p.id}
                label={p.label}
                id={`side-panel-tab-${p.id}`}
                aria-controls="side-panel"
                // The panel's code starts loading as the pointer or the focus comes to its tab.
                onPointerEnter={p.component.preload}
                onFocus={p.component.preload}
              />
            ))}
          </Tabs>
        </Paper>
      )}
      <Box
        id="side-panel"
        role={sidePanels.length > 1 ? 'tabpanel' : undefined}
        aria-labelledby={sidePanels.length > 1 ? `side-panel-tab-${panel.id}` : undefined}
      >
        <Panel />
      </Box>
    </Box>
  );
});
