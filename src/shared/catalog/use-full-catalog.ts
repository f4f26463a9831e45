/**
 * The full catalog (titles, explanations, patterns, account tables) for parts of the first screen
 * that can show more once it has loaded; it comes with the engine, right after the first screen.
 */
import type { Catalog } from '@/core/catalog/catalog-index';
import { lazyModule, useLazyModule } from '@/shared/react/lazy-module';

const fullCatalog = lazyModule<Catalog>(() =>
  import('@/core/catalog/catalog').then(({ catalog }) => catalog),
);

export const loadFullCatalog = fullCatalog.load;

/**
 * The full catalog once loaded, undefined until then; asking for it starts the load. Not
 * `wanted`, it is undefined and its arrival does not redraw the component.
 */
export function useFullCatalog(wanted = true): Catalog | undefined {
  return useLazyModule(fullCatalog, wanted).module;
}
