/**
 * On a narrow screen the workspace shows one pane at a time: this bar, under the header, jumps
 * between the choices, the policy and the panels beside it. Not rendered from `md` up, where all
 * are shown: its tabs measure themselves once drawn, a forced layout the first screen can spare.
 */
import Paper from '@mui/material/Paper';
import type { Theme } from '@mui/material/styles';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import useMediaQuery from '@mui/material/useMediaQuery';
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
  // Read before the first render (not after it, MUI's default), so that no wide screen draws it once.
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'), { noSsr: true });
  if (!narrow) return null;
  return (
    <Paper
      square
      component="nav"
      aria-label="Workspace"
      sx={{
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
