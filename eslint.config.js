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
);
