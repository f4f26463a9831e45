declare module 'virtual:choices-catalog' {
  import type { CatalogFiles } from '@/core/catalog/catalog-index';
  /** The first-screen part of the catalog files, from `choicesCatalogFiles` (see vite.config.ts). */
  const files: CatalogFiles;
  export default files;
}
