/**
 * On a narrow screen the workspace shows one pane at a time: this bar, under the header, jumps
 * between the choices, the policy and the panels beside it. Hidden from `md` up, where all are
 * shown, and its tabs are rendered only on a narrow screen: they measure themselves once drawn,
 * a forced layout the first screen can spare, and their code is loaded only where the bar is
 * shown (the space is kept meanwhile). The bar itself is always in the page, so that the first
 * screen built into the page (which knows no window size) has it where a narrow screen needs it.
 */
import Paper from '@mui/material/Paper';
import type { Theme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { memo } from 'react';
import { lazyComponent } from '@/shared/react/lazy-component';

const WorkspaceTabs = lazyComponent(() => import('./workspace-tabs'));

/**
 * The bar's height, borders included, whether its tabs are drawn yet or not, so that nothing
 * below moves when they are: more than the tab bar's (40 px in the app's theme, see `theme.ts`)
 * and its two borders. A placeholder of this height inside the borders made the bar 2 px taller
 * until the tabs came.
 */
const BAR_HEIGHT = 48;

export const WorkspaceNav = memo(function WorkspaceNav() {
  // Known at the first render, except when the app takes over the built first screen: then the
  // bar's placeholder stays until the takeover is done, as that screen was built without a width.
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
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
        minHeight: BAR_HEIGHT,
      }}
    >
      {narrow && <WorkspaceTabs />}
    </Paper>
  );
});
