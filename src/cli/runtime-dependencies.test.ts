/**
 * What the command line loads is what `dependencies` lists: `npm ci --omit=dev` must give a
 * working `npx vpce-policy`, and what only the browser build needs (React, MUI, Monaco, ...) is a
 * devDependency. The test follows every import (static and dynamic) from the CLI's entry points
 * through the sources and checks each package it reaches.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The source file an import names, or undefined for a package. */
function resolveSource(from: string, specifier: string): string | undefined {
  const base = specifier.startsWith('@/')
    ? join(root, 'src', specifier.slice(2))
    : specifier.startsWith('.')
      ? resolve(dirname(from), specifier)
      : undefined;
  if (base === undefined) return undefined;
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  if (!found) throw new Error(`${from} imports ${specifier}, which does not resolve`);
  return found;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** Every package the files reachable from `entries` import. */
function packagesReachedFrom(entries: string[]): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.json')) continue;
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of info.importedFiles) {
      const source = resolveSource(file, specifier);
      if (source) queue.push(source);
      else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier))
        packages.set(packageName(specifier), file);
    }
  }
  return packages;
}

describe('the command line at run time', () => {
  const reached = packagesReachedFrom([
    join(root, 'bin/vpce-policy.mjs'),
    join(root, 'src/cli/main.ts'),
  ]);

  it('loads only packages of `dependencies`', () => {
    const missing = [...reached].filter(([name]) => !(name in manifest.dependencies));
    expect(missing).toEqual([]);
    expect(reached.has('zod')).toBe(true);
  });

  it('lists in `dependencies` only what it loads', () => {
    expect(Object.keys(manifest.dependencies).filter((name) => !reached.has(name))).toEqual([]);
  });
});
