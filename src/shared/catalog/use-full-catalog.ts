/**
 * The full catalog (titles, explanations, patterns, account tables) for parts of the first screen
 * that can show more once it has loaded; it comes with the engine, right after the first screen.
 */
import { useEffect, useState } from 'react';
import type { Catalog } from '@/core/catalog/catalog-index';

let loaded: Catalog | undefined;
let loading: Promise<Catalog> | undefined;

export function loadFullCatalog(): Promise<Catalog> {
  loading ??= import('@/core/catalog/catalog').then(({ catalog }) => (loaded = catalog));
  return loading;
}

/** The full catalog once loaded, undefined until then; asking for it starts the load. */
export function useFullCatalog(): Catalog | undefined {
  const [catalog, setCatalog] = useState(() => loaded);
  useEffect(() => {
    if (catalog) return;
    let active = true;
    void loadFullCatalog().then((c) => active && setCatalog(c));
    return () => {
      active = false;
    };
  }, [catalog]);
  return catalog;
}
