/** The app's provider setup around a reference page: its theme, colour-scheme mode and baseline. */
import type { ReactNode } from 'react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { referenceTheme } from './theme';

export function ReferenceShell({ children }: { children: ReactNode }) {
  return (
    <ThemeProvider
      theme={referenceTheme}
      defaultMode="system"
      storageManager={null}
      disableTransitionOnChange
    >
      <CssBaseline enableColorScheme />
      {children}
    </ThemeProvider>
  );
}
