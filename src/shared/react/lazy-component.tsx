/**
 * A component whose code loads on first use and is drawn as soon as that code is there. Not
 * React's `lazy` with `Suspense`: React holds content that replaces a fallback just shown until
 * the fallback has been up for 300 ms, so that a dialog opened for the first time came 330 ms
 * after the click whatever its code took to load (about 30 ms here), and a field of a statement's
 * details took its focus as late.
 */
import type { ComponentType, ReactNode } from 'react';
import { lazyModule, useLazyModule, type LazyModule } from './lazy-module';

export type LazyComponent<P> = ComponentType<P> & {
  /** Starts loading the code (once), e.g. when the pointer comes over what opens it. */
  preload(): void;
};

export function lazyComponent<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  fallback: ReactNode = null,
): LazyComponent<P> {
  const code: LazyModule<{ default: ComponentType<P> }> = lazyModule(load);
  function Lazy(props: P) {
    const { module, failure } = useLazyModule(code);
    // The nearest error boundary says that the part could not be loaded.
    if (failure) throw failure;
    return module ? <module.default {...props} /> : fallback;
  }
  return Object.assign(Lazy, { preload: () => void code.load().catch(() => undefined) });
}
