/**
 * A value that keeps its identity while it stays equal: for memo and effect dependencies that
 * receive a new but equal object on every render (options built inline, parsed values).
 */
import { useState } from 'react';

export function useStableValue<T>(value: T, isEqual: (a: T, b: T) => boolean): T {
  const [stable, setStable] = useState(value);
  if (stable === value || isEqual(stable, value)) return stable;
  // Updating state while rendering is how React keeps a value derived from the previous render.
  setStable(value);
  return value;
}
