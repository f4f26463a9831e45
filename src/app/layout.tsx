/**
 * The page: header, notices, then the choices beside the preview and the side panels. The
 * preview and the panels load after the first screen (they bring the engine and the editor), so
 * that the choices are usable at once.
 */
import Box from '@mui/material/Box';
import { lazy, Suspense, useCallback, useState } from 'react';
import { ChoicesPanel } from '@/features/choices/components/choices-panel';
import { loadMonaco } from '@/features/editor/monaco-loader';
import { FirstPolicyText, loadPreviewEngine } from '@/features/preview/components/first-policy-text';
import { useBuilder, useBuilderStoreApi } from '@/state/builder-store';
import { AppHeader } from './app-header';
import { useAppStart } from './app-context';
import { ErrorBoundary } from './error-boundary';

const loadPreviewPanel = () => import('@/features/preview/components/preview-panel');
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
  const [firstScreenShown, setFirstScreenShown] = useState(false);
  const [idle, setIdle] = useState(false);
  const onUsable = useCallback(() => {
    // The policy text first (engine only), then the panel; the editor, checks and side panels when idle.
    void loadPreviewEngine();
    void loadPreviewPanel();
    setFirstScreenShown(true);
    whenIdle(() => {
      if (store.getState().view.policyView === 'editor') void loadMonaco();
      void finishStartup();
      setIdle(true);
    });
  }, [finishStartup, store]);

  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
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
          gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(320px, 400px) minmax(0, 1fr)', xl: 'minmax(340px, 400px) minmax(0, 1fr) minmax(320px, 420px)' },
        }}
      >
        <ChoicesPanel onUsable={onUsable} />
        <ErrorBoundary area="The preview">
          {firstScreenShown ? (
            <Suspense fallback={<FirstPolicyText />}>
              <PreviewPanel />
            </Suspense>
          ) : (
            <FirstPolicyText />
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
