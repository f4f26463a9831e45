/**
 * On a narrow screen the workspace shows one pane at a time: this bar, under the header, jumps
 * between the choices, the policy and the panels beside it. Hidden from `md` up, where all are shown.
 */
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import { useBuilder, useBuilderActions } from '@/state/builder-store';
import type { WorkspacePane } from '@/state/session-slice';

const PANES: readonly { pane: WorkspacePane; label: string }[] = [
  { pane: 'choices', label: 'Choices' },
  { pane: 'policy', label: 'Policy' },
  { pane: 'tools', label: 'Explain & test' },
];

export function WorkspaceNav() {
  const pane = useBuilder((state) => state.workspacePane);
  const { setWorkspacePane } = useBuilderActions();
  return (
    <Paper
      square
      component="nav"
      aria-label="Workspace"
      sx={{
        display: { xs: 'block', md: 'none' },
        position: 'sticky',
        top: 0,
        zIndex: 'appBar',
        borderLeft: 0,
        borderRight: 0,
      }}
    >
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
    </Paper>
  );
}
