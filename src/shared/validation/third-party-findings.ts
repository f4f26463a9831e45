/**
 * The validator's findings about the values of the third-party lists, shared by the page: found
 * where the engine is loaded (the policy pane, `useConfigValueFindings`), shown beside the
 * policy and under the field that holds the value. Derived from the choices, never saved. This
 * module stays light (no engine), since the fields of the first screen read it.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { ThirdPartyValueFinding } from '@/core/validate/third-party-values';
import type { FieldMessage } from '@/shared/diagnostics/field-messages';

export const NO_VALUE_FINDINGS: readonly ThirdPartyValueFinding[] = [];
let current = NO_VALUE_FINDINGS;
const listeners = new Set<() => void>();

/** Shares the latest findings with the fields. */
export function publishValueFindings(findings: readonly ThirdPartyValueFinding[]): void {
  if (findings === current) return;
  current = findings;
  for (const notify of listeners) notify();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** The messages of the findings about one list (`parameters.<block>.actions`), for its field. */
export function useValueFindingMessages(path: string): FieldMessage[] {
  const findings = useSyncExternalStore(
    subscribe,
    () => current,
    () => NO_VALUE_FINDINGS,
  );
  return useMemo(
    () =>
      findings
        .filter((f) => f.diagnostic.path === path)
        .map((f) => ({
          severity: f.diagnostic.severity,
          text: f.diagnostic.hint
            ? `${f.diagnostic.message} ${f.diagnostic.hint}`
            : f.diagnostic.message,
        })),
    [findings, path],
  );
}
