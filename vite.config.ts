import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { HtmlTagDescriptor, Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import type { CatalogFiles } from './src/core/catalog/catalog-index.ts';
import { packChoicesCatalog } from './src/core/catalog/choices-catalog.ts';
import { takeDocumentRules } from './src/shared/editor/document-rules.ts';
import type * as PrerenderFirstScreen from './src/app/first-screen/prerender.tsx';
import {
  HIDE_PRERENDERED_CSS,
  PRERENDERED_ATTRIBUTE,
  startModeScript,
} from './src/app/first-screen/start-mode.ts';

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

/**
 * A first visit's first screen in the page (see src/app/first-screen/): the form and the policy
 * as HTML with their styles, rendered at build time from the app's own tree, so that a newcomer
 * can read and use them before the scripts have run; the policy's text also as data
 * (`<script type="application/json" id="first-policy">`), as the preview reads it. With them,
 * the head script that keeps this screen hidden on a visit that restores the user's work.
 * Build only: the dev server draws everything in the browser.
 */
function firstScreenPlugin(): Plugin {
  return {
    name: 'vpce-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      async handler(html, context) {
        if (context.path !== '/index.html') return html;
        const screen = await renderFirstScreen();
        const container = '<div id="root"></div>';
        if (!html.includes(container)) throw new Error(`index.html must contain ${container}`);
        const tags: HtmlTagDescriptor[] = [
          { tag: 'script', children: startModeScript(), injectTo: 'head' },
          { tag: 'style', children: HIDE_PRERENDERED_CSS, injectTo: 'head' },
        ];
        if (screen.firstPolicyJson)
          tags.push({
            tag: 'script',
            attrs: { type: 'application/json', id: 'first-policy' },
            children: screen.firstPolicyJson,
            injectTo: 'body',
          });
        return {
          html: html
            .replace('</head>', `${screen.styleTags}\n  </head>`)
            .replace(container, `<div id="root" ${PRERENDERED_ATTRIBUTE}>${screen.html}</div>`),
          tags,
        };
      },
    },
  };
}

/**
 * Moves the document-wide rules of the bundle's stylesheets (Monaco's codicon `@font-face`, its
 * `:root` custom properties) into the page's head: added with Monaco's stylesheets once the page
 * is drawn, they made the browser restyle and lay out the whole page again on the way to the
 * editor (src/shared/editor/document-rules.ts). Build only; the dev server keeps them in place.
 */
function documentRulesInHeadPlugin(): Plugin {
  return {
    name: 'vpce-document-rules-in-head',
    apply: 'build',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const page = bundle['index.html'];
        if (!page || page.type !== 'asset') return;
        const text = (source: string | Uint8Array) =>
          typeof source === 'string' ? source : new TextDecoder().decode(source);
        const moved = new Set<string>();
        for (const file of Object.values(bundle)) {
          if (file.type !== 'asset' || !file.fileName.endsWith('.css')) continue;
          const taken = takeDocumentRules(text(file.source));
          if (taken.moved.length === 0) continue;
          file.source = taken.css;
          for (const rule of taken.moved) moved.add(rule);
        }
        if (moved.size === 0) return;
        const html = text(page.source);
        if (!html.includes('</head>')) throw new Error('index.html must have a </head>');
        // A function, so that no `$` in a rule is read as a replacement pattern.
        page.source = html.replace(
          '</head>',
          () => `<style>${[...moved].join('')}</style>\n  </head>`,
        );
      },
    },
  };
}

/** Renders the first screen with Vite's module loader, which resolves the app's imports as the build does. */
async function renderFirstScreen(): Promise<PrerenderFirstScreen.FirstScreen> {
  const { createServer } = await import('vite');
  const server = await createServer({
    configFile: false,
    root: fileURLToPath(new URL('.', import.meta.url)),
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
    plugins: [choicesCatalogPlugin(), catalogDataAsJsonParse()],
    resolve: { alias: { '@': srcDir } },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const module = (await server.ssrLoadModule(
      '/src/app/first-screen/prerender.tsx',
    )) as typeof PrerenderFirstScreen;
    return module.prerenderFirstScreen();
  } finally {
    await server.close();
  }
}

/**
 * The page's Content-Security-Policy. Policies, configurations and links are hostile, so the page
 * runs only its own code and talks only to its own origin:
 * - scripts, workers (Monaco's, the validator's) and connections: the page's origin only (and the
 *   one head script of the first screen, by its hash), and no
 *   'unsafe-eval' (zod runs jitless, see src/core/schema-library.ts);
 * - styles: the origin and 'unsafe-inline', which cannot be avoided: emotion (MUI) and Monaco
 *   insert <style> elements at run time, and a static page cannot give them a fresh nonce;
 * - images: the origin and data: URLs (Monaco's stylesheets draw a few icons as data: images);
 *   fonts: the origin (Monaco's codicon font is a bundled file);
 * - nothing else: no plugins, no <base> (so relative URLs cannot be redirected), no forms.
 * The `<script type="application/json">` elements the build adds are data, which CSP does not run.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  // The head script that tells a first visit from a returning one (src/app/first-screen/start-mode.ts).
  `script-src 'self' 'sha256-${createHash('sha256').update(startModeScript()).digest('base64')}'`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];
/** Only a header can forbid framing: browsers ignore frame-ancestors in a <meta> element. */
const HEADER_ONLY_POLICY = ["frame-ancestors 'none'"];

/**
 * Puts the Content-Security-Policy in the built page as a <meta> element, first in <head> so that
 * it covers everything after it. Build only: the development server's React refresh and Vite's
 * client run inline scripts, so `npm run dev` is served without a policy.
 */
function contentSecurityPolicyPlugin(): Plugin {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY.join('; ')}" />`;
  const charset = '<meta charset="UTF-8" />';
  return {
    name: 'vpce-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (context.path !== '/index.html') return html;
        // Right after the character set, which must come first, and before any other element.
        if (!html.includes(charset))
          throw new Error(`index.html must start its head with ${charset}`);
        return html.replace(charset, `${charset}\n    ${meta}`);
      },
    },
  };
}

/** Headers of `vite preview` (and so of `npm start` and the browser tests). */
const PREVIEW_HEADERS = {
  'Content-Security-Policy': [...CONTENT_SECURITY_POLICY, ...HEADER_ONLY_POLICY].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export default defineConfig({
  plugins: [
    react(),
    choicesCatalogPlugin(),
    catalogDataAsJsonParse(),
    firstScreenPlugin(),
    contentSecurityPolicyPlugin(),
    documentRulesInHeadPlugin(),
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
    // Monaco's core in three chunks instead of one of 2.3 MB: the browser compiles each on its own
    // thread as it arrives, so that on two cores the editor's code is ready sooner (10 interleaved
    // loads each: Monaco 615 -> 599 ms on a first visit, 671 -> 617 ms by a share link). The
    // bundler's own preload helper, which these modules also use, stays out of them: captured with
    // their dependencies, it made the first screen fetch Monaco's core.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'preload-helper', test: /preload-helper/, priority: 2 },
            { name: 'monaco-base', test: /[\\/]monaco-editor[\\/]esm[\\/]vs[\\/]base[\\/]/ },
            {
              name: 'monaco-common',
              test: /[\\/]monaco-editor[\\/]esm[\\/]vs[\\/]editor[\\/]common[\\/]/,
            },
          ],
        },
      },
    },
  },
  worker: {
    format: 'es',
  },
  preview: {
    host: '127.0.0.1',
    headers: PREVIEW_HEADERS,
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
