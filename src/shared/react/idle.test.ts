// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from './idle';

describe('whenIdle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    // An idle moment comes as soon as the browser is asked for one.
    vi.stubGlobal('requestIdleCallback', (run: IdleRequestCallback) =>
      setTimeout(() => run({ didTimeout: false, timeRemaining: () => 50 }), 0),
    );
    vi.stubGlobal('cancelIdleCallback', (handle: number) => clearTimeout(handle));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs at the first idle moment', () => {
    const run = vi.fn();
    whenIdle(run);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('looks for an idle moment only after `afterMs`', () => {
    const run = vi.fn();
    whenIdle(run, { afterMs: 200 });
    vi.advanceTimersByTime(199);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('waits for a pause after a key press, and can be cancelled while it waits', () => {
    const run = vi.fn();
    vi.advanceTimersByTime(1_000);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    const cancel = whenIdle(run, { quietMs: 300 });
    vi.advanceTimersByTime(250);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(run).toHaveBeenCalledTimes(1);

    const other = vi.fn();
    const stop = whenIdle(other, { afterMs: 100 });
    stop();
    vi.advanceTimersByTime(500);
    expect(other).not.toHaveBeenCalled();
    cancel();
  });
});
