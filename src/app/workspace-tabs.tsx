/** The tabs of the narrow-screen workspace bar (see workspace-nav.tsx), loaded only where it is shown. */
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useBuilder, useBuilderActions } from '@/state/builder-store';
import type { WorkspacePane } from '@/state/session-slice';

const PANES: readonly { pane: WorkspacePane; label: string }[] = [
  { pane: 'choices', label: 'Choices' },
  { pane: 'policy', label: 'Policy' },
  { pane: 'tools', label: 'Explain & test' },
];

export default function WorkspaceTabs() {
  const pane = useBuilder((state) => state.workspacePane);
  const { setWorkspacePane } = useBuilderActions();
  return (
    <Tabs
      value={pane}
      onChange={(_event, next: WorkspacePane) => {
        setWorkspacePane(next);
        window.scrollTo({ top: 0 });
      }}
      variant="fullWidth"
      aria-label="Show"
    >
      {PANES.map(({ pane: id, label }) => (
        <Tab key={id} value={id} label={label} aria-controls={`pane-${id}`} />
      ))}
    </Tabs>
  );
}
