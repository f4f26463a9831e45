/**
 * MUI's Autocomplete keeps the element its list hangs from (the input's box) in React state, set
 * from a ref as the field mounts. So every such field draws twice as it mounts, and each later
 * redraw measures that element's width, which makes the browser lay the page out in the middle
 * of the render. The list needs the element only once the user is at the field: this holds it
 * back until the first focus or press inside the field and hands it over then, in the capture
 * phase, before any key or pointer handler of the field runs and before the list can open.
 */
import type { AutocompleteRenderInputParams } from '@mui/material/Autocomplete';
import { setRef } from '@mui/material/utils';
import { useMemo, useRef, type Ref } from 'react';

export interface DeferredAnchor {
  /** For the Autocomplete itself (its root): the first focus or press hands the element over. */
  rootProps: { onFocusCapture: () => void; onPointerDownCapture: () => void };
  /** `renderInput`'s params with the element held back, to spread into the text field. */
  hold(params: AutocompleteRenderInputParams): AutocompleteRenderInputParams;
}

export function useDeferredAnchor(): DeferredAnchor {
  const element = useRef<HTMLElement | null>(null);
  const target = useRef<Ref<unknown>>(null);
  const handedOver = useRef(false);
  return useMemo(() => {
    const give = (value: HTMLElement | null) => setRef(target.current, value);
    const inputRef = (value: HTMLElement | null) => {
      element.current = value;
      // Once handed over, the Autocomplete follows the element as it would on its own.
      if (handedOver.current) give(value);
    };
    const handOver = () => {
      if (handedOver.current || !element.current) return;
      handedOver.current = true;
      give(element.current);
    };
    return {
      rootProps: { onFocusCapture: handOver, onPointerDownCapture: handOver },
      hold: (params) => {
        target.current = params.slotProps.input.ref;
        return {
          ...params,
          slotProps: { ...params.slotProps, input: { ...params.slotProps.input, ref: inputRef } },
        };
      },
    };
  }, []);
}
