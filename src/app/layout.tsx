/**
 * The page: a compact header, then the workspace. On a laptop or wider screen the choices, the
 * policy and the panels beside it (explanations, request simulator, ...) fill the window side by
 * side, each scrolling on its own, so that the policy, its status and its checks stay in view
 * while the choices scroll. A narrow screen shows one of them at a time, with a bar to switch.
 * The policy pane and the side panels load after the first screen (they bring the engine and the
 * editor), so that the choices are usable at once.
 */
import Box from '@mui/material/Box';
import { startTransition, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ChoicesPanel } from '@/features/choices/components/choices-panel';
import {
  FirstPolicyText,
  loadPreviewEngine,
} from '@/features/preview/components/first-policy-text';
import { startMonacoNow } from '@/shared/editor/use-monaco';
import { monacoModule } from '@/shared/editor/monaco-loader';
import { useBuilder, useBuilderStoreApi } from '@/state/builder-store';
import type { WorkspacePane } from '@/state/session-slice';
import { AppHeader } from './app-header';
import { useAppStart } from './app-context';
import { ErrorBoundary } from './error-boundary';
import { focusIfLost } from '@/shared/react/focus-if-lost';
import { whenIdle } from '@/shared/react/idle';
import { lazyModule, useLazyModule } from '@/shared/react/lazy-module';
import { lazyComponent } from '@/shared/react/lazy-component';
import { NoticeArea } from './notice-area';
import { WorkspaceNav } from './workspace-nav';

const policyPane = lazyModule(() => import('./policy-pane'));
const SidePanels = lazyComponent(() => import('./side-panels'));

/**
 * The first text until the pane is wanted and its code has loaded, then the pane. Not through
 * `lazy` and `Suspense`: content that replaces a fallback just shown is held back until the
 * fallback has been up for 300 ms (React's guard against flicker), and that held the pane, and
 * Monaco in it, back after the pane's code had loaded.
 */
function PolicyArea({
  wanted,
  onFirstPolicyShown,
}: {
  wanted: boolean;
  onFirstPolicyShown: () => void;
}) {
  const { module, failure } = useLazyModule(policyPane, wanted);
  // The area's error boundary says the pane failed to load.
  if (failure) throw failure;
  return module ? <module.default /> : <FirstPolicyText onShown={onFirstPolicyShown} />;
}

/** One column of the workspace: scrolls on its own from `md` up; on a narrow screen shown when chosen. */
function Pane({ pane, children }: { pane: WorkspacePane; children: ReactNode }) {
  const shown = useBuilder((state) => state.workspacePane === pane);
  const element = useRef<HTMLDivElement>(null);
  const wasShown = useRef(shown);
  // A control that brings another pane forward ("Show in policy") is hidden with its own pane on
  // a narrow screen: the focus goes to the pane now shown rather than to the top of the page.
  // The browser lets go of a hidden element's focus only at its next style update, so
  // `focusIfLost` checks that the focused element is still shown.
  useEffect(() => {
    if (shown && !wasShown.current) requestAnimationFrame(() => focusIfLost(element.current));
    wasShown.current = shown;
  }, [shown]);
  return (
    <Box
      ref={element}
      id={`pane-${pane}`}
      tabIndex={-1}
      sx={{
        gridArea: pane,
        minWidth: 0,
        minHeight: 0,
        display: { xs: shown ? 'flex' : 'none', md: 'flex' },
        flexDirection: 'column',
        // The policy pane sizes its parts to the window; should they not fit, it scrolls too.
        overflowY: { md: 'auto' },
        // Room for a focus ring at the edges of a scrolled column.
        p: { md: 0.25 },
      }}
    >
      {children}
    </Box>
  );
}

/**
 * On a screen the page draws itself (a share link, saved work), how long after the form's fields
 * are drawn the rest of the start (statement rows, the policy pane, the engine, Monaco) waits
 * before it looks for an idle moment: a click or a key in that time meets a page with nothing else
 * to do. Chunks loaded then are compiled on a second thread, which on a machine of two cores is
 * the one the page's own thread would use. Share-link loads in a settled browser window, 14
 * interleaved loads each (the trial click on the Organization ID field; Monaco showing the
 * policy): 200 ms 302 / 764 ms, 150 ms 295 / 714 ms, 100 ms 302 / 687 ms, against the bare
 * form's click at 258 ms and the bare Monaco page's 578 ms; with no wait at all the click came
 * at 367 ms (10 loads). A first visit shows the first screen built into the page: nothing waits.
 */
const SETTLE_MS = 100;

/**
 * The panes' contents (header, tab bar, choices, first text, policy pane, side panels) are
 * memoized in their modules, so that this component's own state does not redraw them: pass them
 * stable props only (the callbacks below are memoized for that reason).
 */
export function Layout() {
  const { finishStartup, firstVisit } = useAppStart();
  const settleMs = firstVisit ? 0 : SETTLE_MS;
  const store = useBuilderStoreApi();
  const [panelWanted, setPanelWanted] = useState(false);
  const [idle, setIdle] = useState(false);
  const onUsable = useCallback(() => {
    // The first text needs the engine unless the page carries it (a first visit), and the
    // first text starts that load itself. Everything else (the engine, the policy pane, the
    // checks of saved choices, the side panels, Monaco) waits until the browser is idle and the
    // user is not in the middle of an interaction, so that the form takes a click at once (on a
    // screen the page draws itself, this is called once the statement rows are drawn, SETTLE_MS
    // after the fields).
    // Monaco, the longest to run, starts then too when the policy is shown in the editor, with
    // the pane that shows it; the checks and the side panels wait until it has run (at most
    // 1.5 s), so as not to compete with it on a machine of two cores (10-12 interleaved loads:
    // Monaco 1,158 -> 1,054 ms first visit, 1,293 -> 1,175 ms share link, the click no later).
    whenIdle(
      () => {
        const editor = store.getState().view.policyView === 'editor';
        if (editor) startMonacoNow();
        void loadPreviewEngine();
        void policyPane.load().catch(() => undefined);
        // Safe to call more than once: the startup finishes once, and being idle stays true.
        const rest = () => {
          // A failure is told in a notice (see `finishStartup`).
          finishStartup().catch(() => undefined);
          setIdle(true);
        };
        if (!editor) return rest();
        // Bounded: should Monaco be slow to load or fail, they start anyway.
        setTimeout(rest, 1500);
        const afterMonaco = () => void whenIdle(rest, { timeout: 500 });
        monacoModule.load().then(afterMonaco, afterMonaco);
      },
      { quietMs: 300 },
    );
  }, [finishStartup, store]);
  // The pane with its controls replaces the first text once the browser is idle.
  // Its code is loaded first, so that the swap is drawn in slices (a transition), not in one task.
  const onFirstPolicyShown = useCallback(
    () =>
      void whenIdle(
        () => {
          const show = () => startTransition(() => setPanelWanted(true));
          policyPane.load().then(show, show);
        },
        { quietMs: 300, timeout: 250, afterMs: settleMs },
      ),
    [settleMs],
  );

  return (
    <Box
      sx={{
        height: { md: '100dvh' },
        minHeight: '100dvh',
        display: 'flex',
        flexDirection: 'column',
        bgcolor: 'background.default',
      }}
    >
      <AppHeader />
      <NoticeArea />
      <WorkspaceNav />
      <Box
        component="main"
        // Where the focus goes when what held it goes away (a message, a dialog's opener).
        tabIndex={-1}
        sx={{
          '&:focus': { outline: 'none' },
          flex: 1,
          minHeight: 0,
          display: 'grid',
          gap: { xs: 1, md: 1.5 },
          p: { xs: 1, md: 1.5 },
          gridTemplateColumns: {
            xs: 'minmax(0, 1fr)',
            md: 'minmax(290px, 340px) minmax(0, 1fr)',
            lg: 'minmax(280px, 310px) minmax(0, 1fr) minmax(320px, 340px)',
            xl: 'minmax(320px, 380px) minmax(0, 1fr) minmax(380px, 30%)',
          },
          gridTemplateRows: { md: 'minmax(0, 3fr) minmax(0, 2fr)', lg: 'minmax(0, 1fr)' },
          gridTemplateAreas: {
            xs: '"choices" "policy" "tools"',
            md: '"choices policy" "choices tools"',
            lg: '"choices policy tools"',
          },
        }}
      >
        <Pane pane="choices">
          <ChoicesPanel
            onUsable={onUsable}
            statementsAfterMs={firstVisit ? undefined : SETTLE_MS}
          />
        </Pane>
        <Pane pane="policy">
          <ErrorBoundary area="The policy">
            <PolicyArea wanted={panelWanted} onFirstPolicyShown={onFirstPolicyShown} />
          </ErrorBoundary>
        </Pane>
        <Pane pane="tools">
          <ErrorBoundary area="The side panel">{idle && <SidePanels />}</ErrorBoundary>
        </Pane>
      </Box>
    </Box>
  );
}
