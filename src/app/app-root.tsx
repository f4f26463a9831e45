/** The app's whole tree, as the page draws it and as the build renders its first screen. */
import { StrictMode } from 'react';
import { App } from './app';
import type { AppStart } from './bootstrap';

export function AppRoot({ start }: { start: AppStart }) {
  return (
    <StrictMode>
      <App start={start} />
    </StrictMode>
  );
}
