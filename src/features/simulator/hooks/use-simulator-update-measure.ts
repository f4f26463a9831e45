/**
 * Times each refresh of the simulator: from the change of choices (noted when the store changes)
 * to the commit that shows the verdicts computed for it (`shownConfig`, the configuration they
 * were computed for), as the `vpce:simulator-update` measure.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { PerimeterConfig } from '@/core/config/schema';
import { useBuilderStoreApi } from '@/state/builder-store';

export function useSimulatorUpdateMeasure(shownConfig: PerimeterConfig): void {
  const store = useBuilderStoreApi();
  const since = useRef<number | undefined>(undefined);
  useEffect(
    () =>
      store.subscribe((state, previous) => {
        if (state.config !== previous.config) since.current ??= performance.now();
      }),
    [store],
  );
  useLayoutEffect(() => {
    const start = since.current;
    if (start === undefined || shownConfig !== store.getState().config) return;
    since.current = undefined;
    performance.measure('vpce:simulator-update', { start, end: performance.now() });
  }, [store, shownConfig]);
}
