/**
 * Where the focus goes when the element that held it has gone (a fixed row, a closed message):
 * to `target`, rather than falling to the top of the page. Nothing happens while an element
 * still holds the focus.
 */
export function focusIfLost(target: HTMLElement | null | undefined): boolean {
  const focused = document.activeElement;
  if (focused && focused !== document.body && focused.isConnected) return false;
  target?.focus();
  return true;
}
