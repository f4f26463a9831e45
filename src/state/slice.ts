/** The shape every slice creator has: it receives the combined store's setter and getter. */
import type { StoreApi } from 'zustand/vanilla';
import type { BuilderState } from './builder-store';

export type SliceCreator<T> = (
  set: StoreApi<BuilderState>['setState'],
  get: StoreApi<BuilderState>['getState'],
) => T;
