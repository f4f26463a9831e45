/**
 * Props for a button that must not act again while its work runs (preparing a zip, an audit):
 * inert and marked so (`aria-disabled`), but not `disabled`, since a disabled button drops the
 * keyboard's focus to the page (out of a dialog, where Escape then no longer closes it).
 */
export function inertWhileBusy(
  busy: boolean,
  action: () => void,
): { 'aria-disabled': true | undefined; onClick: () => void } {
  return {
    'aria-disabled': busy || undefined,
    onClick: () => {
      if (!busy) action();
    },
  };
}
