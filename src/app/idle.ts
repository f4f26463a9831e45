/** Runs when the browser is idle (the first screen has done its work), or after a second at most. */
export function whenIdle(callback: () => void, timeout = 1000): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout });
  else setTimeout(callback, 200);
}
