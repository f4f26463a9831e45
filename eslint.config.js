import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import regexpPlugin from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

/** UI and state libraries that the pure engine in src/core must never depend on. */
const uiModules = [
  'react',
  'react-dom',
  'react/*',
  'react-dom/*',
  '@mui/*',
  '@emotion/*',
  'monaco-editor',
  'monaco-editor/*',
  'zustand',
  'zustand/*',
];

/** The feature folders, read at lint time so that a new feature is covered without a change here. */
const featureNames = readdirSync(new URL('./src/features/', import.meta.url), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/**
 * Imports flow one way, shared -> features -> app: a feature uses `@/shared`, `@/state` and
 * `@/core`, never another feature or the app (the app mounts features). A relative import that
 * climbs out of the feature's folder is refused too, so the alias cannot be sidestepped.
 */
const featureBoundaries = featureNames.flatMap((name) =>
  [1, 2, 3, 4].map((depth) => ({
    files: [`src/features/${name}/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/features/*', `!@/features/${name}`, '@/app', '@/app/*'],
              message: `A feature imports @/shared, @/state and @/core, never another feature or the app: move what ${name} shares to src/shared.`,
            },
            {
              regex: `^(\\.\\./){${depth},}`,
              message: 'Import from outside the feature with the @/ alias.',
            },
          ],
        },
      ],
    },
  })),
);

export default tseslint.config(
  {
    ignores: [
      'dist',
      'bench/dist',
      'coverage',
      'test-results',
      'playwright-report',
      'node_modules',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Policies, configurations and links are hostile: no regular expression that can backtrack
    // for more than linear time may run on their text (wildcards go through src/core/policy/wildcard.ts).
    files: ['src/**/*.{ts,tsx}', 'bin/**/*.mjs'],
    ignores: ['src/**/*.test.{ts,tsx}', 'src/**/*.testing.ts'],
    plugins: { regexp: regexpPlugin },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/no-misleading-capturing-group': 'error',
    },
  },
  {
    // The engine is shared by the CLI and the browser: it stays free of UI, state and app code.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiModules, message: 'src/core is pure TypeScript: no UI or state libraries.' },
            {
              group: [
                '@/app/*',
                '@/features/*',
                '@/state/*',
                '@/cli/*',
                '../**/app/*',
                '../**/features/*',
                '../**/state/*',
                '../**/cli/*',
              ],
              message: 'src/core must not import from the app, features, state or cli layers.',
            },
          ],
        },
      ],
    },
  },
  ...featureBoundaries,
  {
    // Shared pieces and the store sit under the features: they never reach up into them.
    files: ['src/shared/**/*.{ts,tsx}', 'src/state/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/features', '@/features/*', '@/app', '@/app/*'],
              message:
                'src/shared and src/state are used by features and the app, never the reverse.',
            },
          ],
        },
      ],
    },
  },
);
