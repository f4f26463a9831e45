/**
 * Where the focus goes when the element that held it has gone (a fixed row, a closed message) or
 * is hidden (a control in a pane a narrow screen no longer shows): to `target`, rather than
 * falling to the top of the page or staying where nobody sees it. Nothing happens while a shown
 * element still holds the focus.
 */
export function focusIfLost(target: HTMLElement | null | undefined): boolean {
  const focused = document.activeElement;
  if (focused && focused !== document.body && focused.isConnected && isShown(focused)) return false;
  target?.focus();
  return true;
}

/** Whether the element is drawn (true where the browser cannot tell). */
const isShown = (element: Element) =>
  typeof element.checkVisibility !== 'function' || element.checkVisibility();
