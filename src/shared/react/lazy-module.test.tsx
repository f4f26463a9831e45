// @vitest-environment happy-dom
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { lazyModule, useLazyModule } from './lazy-module';
import { useStableValue } from './use-stable-value';

describe('lazyModule', () => {
  it('imports once, whoever asks, and keeps the module', async () => {
    const importModule = vi.fn(() => Promise.resolve({ answer: 42 }));
    const lazy = lazyModule(importModule);
    expect(lazy.loaded()).toBeUndefined();
    const [a, b] = await Promise.all([lazy.load(), lazy.load()]);
    expect(a).toBe(b);
    expect(lazy.loaded()).toEqual({ answer: 42 });
    expect(importModule).toHaveBeenCalledTimes(1);
  });

  it('imports again after a failure', async () => {
    const importModule = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce('module');
    const lazy = lazyModule(importModule);
    await expect(lazy.load()).rejects.toThrow('offline');
    await expect(lazy.load()).resolves.toBe('module');
  });

  it('gives a component the module once it has loaded, only when wanted', async () => {
    const lazy = lazyModule(() => Promise.resolve('module'));
    const { result, rerender } = renderHook(({ wanted }) => useLazyModule(lazy, wanted), {
      initialProps: { wanted: false },
    });
    expect(result.current.module).toBeUndefined();
    expect(lazy.loaded()).toBeUndefined();
    rerender({ wanted: true });
    await waitFor(() => expect(result.current.module).toBe('module'));
  });

  it('reports a failed import', async () => {
    const lazy = lazyModule(() => Promise.reject(new Error('offline')));
    const { result } = renderHook(() => useLazyModule(lazy));
    await waitFor(() => expect(result.current.failure?.message).toBe('offline'));
  });
});

describe('useStableValue', () => {
  it('keeps the first of equal values and takes a different one', () => {
    const sameLength = (a: string[], b: string[]) => a.length === b.length;
    const first = ['a'];
    const { result, rerender } = renderHook(({ value }) => useStableValue(value, sameLength), {
      initialProps: { value: first },
    });
    rerender({ value: ['b'] });
    expect(result.current).toBe(first);
    const longer = ['a', 'b'];
    act(() => rerender({ value: longer }));
    expect(result.current).toBe(longer);
  });
});
