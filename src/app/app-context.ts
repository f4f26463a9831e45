/** What the app's top level hands to its parts: the browser storage and the startup steps. */
import { createContext, useContext } from 'react';
import type { AppStart } from './bootstrap';

export const AppStartContext = createContext<AppStart | null>(null);

export function useAppStart(): AppStart {
  const start = useContext(AppStartContext);
  if (!start) throw new Error('useAppStart must be used inside <App>');
  return start;
}
