/** Production builds of the app and of the reference pages, with Vite's API in this process. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';
import { catalog } from '../../src/core/catalog/catalog';
import { generate } from '../../src/core/generate/generate';
import { newcomerConfig } from './scenarios';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The app is built beside the references, not into dist/, so a preview server running from dist/ is left alone. */
export const appOutDir = fileURLToPath(new URL('../dist/app', import.meta.url));
export const referenceOutDir = fileURLToPath(new URL('../dist/reference', import.meta.url));

export type BuildResult = { ok: true; seconds: number } | { ok: false; reason: string };

/** Bundler timing advice is for whoever tunes the build, not for benchmark output. */
const quietBuild = { checks: { bundlerTimings: false } };

async function timedBuild(run: () => Promise<unknown>): Promise<BuildResult> {
  const start = performance.now();
  // Vite's advice about a future config loader is for `npm run build`, not for benchmark output.
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';
  try {
    await run();
    return { ok: true, seconds: (performance.now() - start) / 1000 };
  } catch (error) {
    return {
      ok: false,
      reason: error instanceof Error ? error.message.split('\n')[0]! : String(error),
    };
  }
}

export function buildApp(): Promise<BuildResult> {
  if (!existsSync(join(repoRoot, 'index.html'))) {
    return Promise.resolve({
      ok: false,
      reason: 'the app is not there yet: no index.html at the repository root',
    });
  }
  return timedBuild(() =>
    build({
      configFile: join(repoRoot, 'vite.config.ts'),
      root: repoRoot,
      logLevel: 'warn',
      build: { outDir: appOutDir, emptyOutDir: true, rolldownOptions: quietBuild },
    }),
  );
}

const policyModuleId = 'virtual:reference-policy';

/** The policy the app shows on the benchmark's cold load, so that the Monaco page shows the same text. */
function referencePolicy(): Plugin {
  const text = generate(newcomerConfig, newcomerConfig.services[0]!, { catalog }).text;
  return {
    name: 'reference-policy',
    resolveId: (id) => (id === policyModuleId ? `\0${policyModuleId}` : undefined),
    load: (id) =>
      id === `\0${policyModuleId}` ? `export default ${JSON.stringify(text)};` : undefined,
  };
}

export function buildReferencePages(): Promise<BuildResult> {
  return timedBuild(() =>
    build({
      configFile: fileURLToPath(new URL('vite.config.ts', import.meta.url)),
      plugins: [referencePolicy()],
      build: { rolldownOptions: quietBuild },
      logLevel: 'warn',
    }),
  );
}
