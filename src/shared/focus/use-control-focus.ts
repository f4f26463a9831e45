/**
 * Moving the focus to the control of a configuration path when the page asks for it (a value to
 * fill clicked in the checks, a placeholder's quick fix): the control that edits the path focuses
 * itself, on request or when it mounts while the request is pending (inside a statement's details
 * opened for it).
 */
import { useEffect, type RefObject } from 'react';
import { useBuilder } from '@/state/builder-store';

/** The last request a control has answered: each request moves the focus once. */
let answered = 0;

export function useControlFocus(path: string, ref: RefObject<HTMLElement | null>): void {
  const request = useBuilder((state) => state.focusRequest);
  useEffect(() => {
    // A request for a group of controls (an account table's regions) goes to the first of them.
    const asked = request && (request.path === path || path.startsWith(`${request.path}.`));
    if (!request || !asked || request.nonce <= answered) return;
    const element = ref.current;
    if (!element) return;
    answered = request.nonce;
    element.scrollIntoView?.({ block: 'center' });
    element.focus();
  }, [request, path, ref]);
}
