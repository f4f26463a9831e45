/**
 * Builds the reference pages with the app's own Vite setup (plugins, target, build and worker
 * options, but not its chunking of Monaco), rooted here and written to bench/dist/reference. The
 * policy text the Monaco page shows comes from the engine, through the plugin that
 * `build-pages.ts` adds, so this file stays free of engine imports.
 */
import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vite';
import appConfig from '../../vite.config.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default mergeConfig(appConfig, {
  root: here('.'),
  publicDir: false,
  build: {
    outDir: here('../dist/reference'),
    emptyOutDir: true,
    rolldownOptions: {
      input: { 'bare-mui': here('bare-mui.html'), 'bare-monaco': here('bare-monaco.html') },
      // The bundler's own chunking: how the app splits Monaco's code is the app's own work, like
      // its choice of Monaco's features (the reference loads all of them).
      output: { codeSplitting: true },
    },
  },
});
