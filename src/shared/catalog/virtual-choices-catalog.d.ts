declare module 'virtual:choices-catalog' {
  import type { PackedChoicesCatalog } from '@/core/catalog/choices-catalog';
  /** The first-screen part of the catalog files, packed by `packChoicesCatalog` (see vite.config.ts). */
  const packed: PackedChoicesCatalog;
  export default packed;
}
