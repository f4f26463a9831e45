import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { IndexHtmlTransformResult, Plugin, Rollup } from 'vite';
import { defineConfig } from 'vitest/config';
import type { CatalogFiles } from './src/core/catalog/catalog-index.ts';
import { packChoicesCatalog } from './src/core/catalog/choices-catalog.ts';
import type * as PrerenderFirstPolicy from './src/features/preview/prerender-first-policy.ts';

const srcDir = fileURLToPath(new URL('./src', import.meta.url));

const CHOICES_CATALOG_ID = 'virtual:choices-catalog';

/**
 * `virtual:choices-catalog`: the part of the bundled catalog the first screen needs, derived at
 * build time from the catalog files so that the form does not wait for the whole catalog.
 */
function choicesCatalogPlugin(): Plugin {
  // The files are read from disk (as `catalogFiles` in catalog.ts does by import) so that the
  // dev server picks up edits to the data.
  const dataFiles = {
    statements: 'statements.json',
    patterns: 'patterns.json',
    services: 'services.json',
    regions: 'regions.json',
    accountTables: 'account-tables.json',
  } satisfies Record<keyof CatalogFiles, string>;
  const dataPath = (file: string) =>
    fileURLToPath(new URL(`./src/core/catalog/data/${file}`, import.meta.url));
  return {
    name: 'vpce-choices-catalog',
    resolveId: (id) => (id === CHOICES_CATALOG_ID ? `\0${CHOICES_CATALOG_ID}` : undefined),
    load(id) {
      if (id !== `\0${CHOICES_CATALOG_ID}`) return undefined;
      const files = Object.fromEntries(
        Object.entries(dataFiles).map(([key, file]) => {
          this.addWatchFile(dataPath(file));
          return [key, JSON.parse(readFileSync(dataPath(file), 'utf8')) as unknown];
        }),
      ) as unknown as CatalogFiles;
      // JSON.parse of a string literal is read faster than the same object as a JS literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(packChoicesCatalog(files)))});`;
    },
  };
}

/**
 * The catalog's data files as `JSON.parse` of a string: browsers read 200 kB of JSON that way much
 * faster than the same data as a JavaScript object literal, which is how JSON modules are emitted.
 */
function catalogDataAsJsonParse(): Plugin {
  const dataDir = fileURLToPath(new URL('./src/core/catalog/data/', import.meta.url));
  return {
    name: 'vpce-catalog-data-json-parse',
    enforce: 'pre',
    load(id) {
      if (!id.startsWith(dataDir) || !id.endsWith('.json')) return undefined;
      const data = JSON.stringify(JSON.parse(readFileSync(id, 'utf8')));
      return { code: `export default JSON.parse(${JSON.stringify(data)});`, moduleType: 'js' };
    },
  };
}

/** The page with data for the app's start in a `<script type="application/json" id=…>` element. */
function withJsonScript(
  html: string,
  id: string,
  json: string,
  injectTo: 'head' | 'body',
): IndexHtmlTransformResult {
  return {
    html,
    tags: [{ tag: 'script', attrs: { type: 'application/json', id }, children: json, injectTo }],
  };
}

/**
 * Names the editor's built files in the page (`<script type="application/json" id="editor-files">`),
 * so that the app can have the browser download and compile them early, while the policy text is
 * prepared, and run them only afterwards. Build only: the dev server loads the editor on demand.
 */
function editorFilesPlugin(): Plugin {
  let base = '/';
  return {
    name: 'vpce-editor-files',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunks = Object.values(context.bundle ?? {}).filter(
          (output): output is Rollup.OutputChunk => output.type === 'chunk',
        );
        const editor = chunks.find((chunk) =>
          chunk.facadeModuleId?.endsWith('/src/shared/editor/monaco-setup.ts'),
        );
        if (!editor) return html;
        // The JSON mode is imported by Monaco once the first JSON model exists: fetching it with
        // the editor saves a round trip after the editor has started.
        const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        const jsonMode = [editor, ...editor.imports.flatMap((file) => byFile.get(file) ?? [])]
          .flatMap((chunk) => chunk.dynamicImports)
          .map((file) => byFile.get(file))
          .find((chunk) => chunk?.facadeModuleId?.endsWith('/json/jsonMode.js'));
        const group = [editor, ...(jsonMode ? [jsonMode] : [])];
        const js = new Set(group.flatMap((chunk) => [chunk.fileName, ...chunk.imports]));
        const css = new Set(group.flatMap((chunk) => [...(chunk.viteMetadata?.importedCss ?? [])]));
        const files = {
          js: [...js].map((file) => base + file),
          css: [...css].map((file) => base + file),
        };
        return withJsonScript(html, 'editor-files', JSON.stringify(files), 'head');
      },
    },
  };
}

/**
 * Puts the policy of a first visit in the page (`<script type="application/json" id="first-policy">`),
 * generated by the engine at build time, so that a newcomer reads it with the form instead of
 * waiting for the engine. Build only: the dev server generates it in the browser.
 */
function firstPolicyPlugin(): Plugin {
  return {
    name: 'vpce-first-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html) {
        // tsx resolves the `@/` paths of tsconfig.json, as the app's modules use them.
        const { tsImport } = await import('tsx/esm/api');
        const module = (await tsImport(
          fileURLToPath(
            new URL('./src/features/preview/prerender-first-policy.ts', import.meta.url),
          ),
          import.meta.url,
        )) as typeof PrerenderFirstPolicy;
        const first = module.prerenderFirstPolicy();
        if (!first) return html;
        return withJsonScript(html, 'first-policy', module.firstPolicyScriptContent(first), 'body');
      },
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    choicesCatalogPlugin(),
    catalogDataAsJsonParse(),
    editorFilesPlugin(),
    firstPolicyPlugin(),
  ],
  resolve: {
    alias: { '@': srcDir },
  },
  optimizeDeps: {
    // Only the app's page: the benchmark's reference pages (bench/browser/*.html) need its build plugins.
    entries: ['index.html'],
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
    // Every browser the app supports preloads modules natively.
    modulePreload: { polyfill: false },
  },
  worker: {
    format: 'es',
  },
  preview: {
    host: '127.0.0.1',
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
