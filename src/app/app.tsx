/** The app's providers: theme, store and startup; the layout does the rest. */
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider, useColorScheme } from '@mui/material/styles';
import { useEffect } from 'react';
import { BuilderStoreProvider, useBuilder } from '@/state/builder-store';
import { AppStartContext } from './app-context';
import type { AppStart } from './bootstrap';
import { ErrorBoundary } from './error-boundary';
import { Layout } from './layout';
import { theme } from './theme';

/** The store holds the reader's theme choice; MUI applies it (MUI's own storage is off). */
function ThemeModeSync() {
  const mode = useBuilder((state) => state.view.themeMode);
  const { setMode } = useColorScheme();
  useEffect(() => setMode(mode), [mode, setMode]);
  return null;
}

export function App({ start }: { start: AppStart }) {
  // A hook, not a component: the tree must stay the one the build rendered the first screen from.
  useEffect(() => start.afterFirstCommit?.(), [start]);
  return (
    <ThemeProvider
      theme={theme}
      defaultMode="system"
      storageManager={null}
      disableTransitionOnChange
    >
      <CssBaseline enableColorScheme />
      <AppStartContext.Provider value={start}>
        <BuilderStoreProvider store={start.store}>
          <ThemeModeSync />
          <ErrorBoundary>
            <Layout />
          </ErrorBoundary>
        </BuilderStoreProvider>
      </AppStartContext.Provider>
    </ThemeProvider>
  );
}
