import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { WORK_KEYS } from '@/state/storage-keys';
import { RESTORE, START_ATTRIBUTE, startModeScript } from './start-mode';

interface Visit {
  hash?: string;
  stored?: Record<string, string>;
  storageThrows?: boolean;
  dark?: boolean;
}

/** Runs the head script against a stand-in page; returns what it set on <html>. */
function run({ hash = '', stored = {}, storageThrows = false, dark = false }: Visit) {
  const attributes = new Map<string, string>();
  const classes = new Set<string>();
  const context = {
    document: {
      documentElement: {
        setAttribute: (name: string, value: string) => attributes.set(name, value),
        classList: { add: (name: string) => classes.add(name) },
      },
    },
    location: { hash },
    get localStorage() {
      if (storageThrows) throw new Error('SecurityError: storage is blocked');
      return { getItem: (key: string) => stored[key] ?? null };
    },
    matchMedia: (query: string) => ({ matches: dark && query === '(prefers-color-scheme: dark)' }),
  };
  runInNewContext(startModeScript(), context);
  return { start: attributes.get(START_ATTRIBUTE), classes: [...classes] };
}

describe('the head script that tells a first visit from a returning one', () => {
  it('lets a first visit take the built screen, in the system colour scheme', () => {
    expect(run({})).toEqual({ start: undefined, classes: ['light'] });
    expect(run({ dark: true })).toEqual({ start: undefined, classes: ['dark'] });
    // Other sites' or other apps' keys on the same origin are not the user's work here.
    expect(run({ stored: { 'something-else': 'x' } }).start).toBeUndefined();
  });

  it('marks a visit with a link or any kept work as one that restores', () => {
    expect(run({ hash: '#c1.abc' }).start).toBe(RESTORE);
    for (const key of WORK_KEYS) {
      expect(run({ stored: { [key]: '{}' } }), key).toEqual({ start: RESTORE, classes: [] });
    }
  });

  it('treats blocked storage as nothing saved, as the app does', () => {
    expect(run({ storageThrows: true })).toEqual({ start: undefined, classes: ['light'] });
    expect(run({ storageThrows: true, hash: '#x' }).start).toBe(RESTORE);
  });

  it('ignores an empty fragment', () => {
    expect(run({ hash: '#' }).start).toBeUndefined();
  });
});
