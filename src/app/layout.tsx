/**
 * The page: header, notices, then the choices beside the preview and the side panels. The
 * preview and the panels load after the first screen (they bring the engine and the editor), so
 * that the choices are usable at once.
 */
import Box from '@mui/material/Box';
import { lazy, Suspense, useCallback, useState } from 'react';
import { ChoicesPanel } from '@/features/choices/components/choices-panel';
import { loadMonaco, prefetchMonaco } from '@/shared/editor/monaco-loader';
import {
  FirstPolicyText,
  loadPreviewEngine,
} from '@/features/preview/components/first-policy-text';
import { useBuilder, useBuilderStoreApi } from '@/state/builder-store';
import { AppHeader } from './app-header';
import { useAppStart } from './app-context';
import { ErrorBoundary } from './error-boundary';

const loadPreviewPanel = () => import('./policy-pane');
const PreviewPanel = lazy(loadPreviewPanel);
const SidePanels = lazy(() => import('./side-panels'));
const NoticeArea = lazy(() => import('./notice-area'));

/** Runs when the browser is idle (the preview has done its first work), or after a second at most. */
function whenIdle(callback: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: 1000 });
  else setTimeout(callback, 200);
}

export function Layout() {
  const { finishStartup } = useAppStart();
  const store = useBuilderStoreApi();
  const hasNotices = useBuilder((state) => state.notices.length > 0);
  const [panelWanted, setPanelWanted] = useState(false);
  const [idle, setIdle] = useState(false);
  const onUsable = useCallback(() => {
    // The engine and the panel's code first (both small), for the policy text; the editor's large
    // files download once the engine is in and run once the text is shown. Checks and side panels
    // wait until the browser is idle.
    void loadPreviewEngine().then(() => {
      if (store.getState().view.policyView === 'editor') prefetchMonaco();
    });
    void loadPreviewPanel();
    whenIdle(() => {
      void finishStartup();
      setIdle(true);
    });
  }, [finishStartup, store]);
  const onFirstPolicyShown = useCallback(() => {
    if (store.getState().view.policyView === 'editor') void loadMonaco();
    setPanelWanted(true);
  }, [store]);

  return (
    <Box
      sx={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        bgcolor: 'background.default',
      }}
    >
      <AppHeader />
      {hasNotices && (
        <Suspense fallback={null}>
          <NoticeArea />
        </Suspense>
      )}
      <Box
        component="main"
        sx={{
          display: 'grid',
          gap: 2,
          p: { xs: 1, sm: 2 },
          alignItems: 'start',
          gridTemplateColumns: {
            xs: 'minmax(0, 1fr)',
            md: 'minmax(320px, 400px) minmax(0, 1fr)',
            xl: 'minmax(340px, 400px) minmax(0, 1fr) minmax(320px, 420px)',
          },
        }}
      >
        <ChoicesPanel onUsable={onUsable} />
        <ErrorBoundary area="The preview">
          {panelWanted ? (
            <Suspense fallback={<FirstPolicyText />}>
              <PreviewPanel />
            </Suspense>
          ) : (
            <FirstPolicyText onShown={onFirstPolicyShown} />
          )}
        </ErrorBoundary>
        <Box sx={{ gridColumn: { md: '2', xl: '3' }, minWidth: 0 }}>
          <ErrorBoundary area="The side panel">
            {idle && (
              <Suspense fallback={null}>
                <SidePanels />
              </Suspense>
            )}
          </ErrorBoundary>
        </Box>
      </Box>
    </Box>
  );
}
