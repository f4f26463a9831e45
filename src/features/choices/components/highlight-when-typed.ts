/**
 * Enter picks the first match of what was typed in a choice field, as a search box does. Once the
 * pick empties the input, the list highlights its first option by itself; Enter then picks nothing
 * unless the user moved to an option (arrow keys, pointer), so that a second Enter does not toggle
 * whichever option happens to come first.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';

export function useHighlightWhenTyped() {
  const [typed, setTyped] = useState(false);
  const text = useRef('');
  const moved = useRef(false);
  const handlers = useMemo(
    () => ({
      onInputChange: (_event: unknown, value: string) => {
        text.current = value;
        moved.current = false;
        setTyped(value.trim() !== '');
      },
      // Called for highlights the user makes only (keyboard, pointer, touch), not automatic ones.
      onHighlightChange: () => {
        moved.current = true;
      },
      onKeyDown: (event: KeyboardEvent & { defaultMuiPrevented?: boolean }) => {
        if (event.key === 'Enter' && text.current.trim() === '' && !moved.current)
          event.defaultMuiPrevented = true;
      },
    }),
    [],
  );
  return { autoHighlight: typed, ...handlers };
}
