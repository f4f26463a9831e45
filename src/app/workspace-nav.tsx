/**
 * On a narrow screen the workspace shows one pane at a time: this bar, under the header, jumps
 * between the choices, the policy and the panels beside it. Not rendered from `md` up, where all
 * are shown: its tabs measure themselves once drawn, a forced layout the first screen can spare,
 * and their code is loaded only where the bar is shown (the space is kept meanwhile).
 */
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import type { Theme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { lazy, Suspense } from 'react';

const WorkspaceTabs = lazy(() => import('./workspace-tabs'));

/** The height of MUI's tab bar, kept while its code loads so that nothing below moves. */
const TAB_BAR_HEIGHT = 48;

export function WorkspaceNav() {
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
        minHeight: TAB_BAR_HEIGHT,
      }}
    >
      <Suspense fallback={<Box sx={{ height: TAB_BAR_HEIGHT }} />}>
        <WorkspaceTabs />
      </Suspense>
    </Paper>
  );
}
