/**
 * When the user last changed a choice, for the `vpce:preview-update` measure: actions note the
 * time, and the preview takes it once it has shown the policy of the new choices. Kept outside
 * the store because it is instrumentation, not state anyone renders.
 */
let pendingSince: number | undefined;

export function noteChoiceChange(): void {
  // The first change of a burst is the one the user waits on since.
  pendingSince ??= performance.now();
}

/** Returns the start of the pending change, if any, and clears it. */
export function takeChoiceChange(): number | undefined {
  const since = pendingSince;
  pendingSince = undefined;
  return since;
}
