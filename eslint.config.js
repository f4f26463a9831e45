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

const uiImportPatterns = [
  { group: uiModules, message: 'src/core is pure TypeScript: no UI or state libraries.' },
  {
    group: [
      '@/app/*',
      '@/features/*',
      '@/state/*',
      '@/shared/*',
      '@/cli/*',
      '../**/app/*',
      '../**/features/*',
      '../**/state/*',
      '../**/shared/*',
      '../**/cli/*',
    ],
    message: 'src/core must not import from the app, features, shared, state or cli layers.',
  },
];

/**
 * The engine reads one way. Each entry of src/core (a folder, or a file at its top) may import
 * only from its own layer and the layers above it in this list:
 *
 * - text, budgets, diagnostics, schema-library: leaves (text helpers, limits, the finding type);
 * - catalog: the data and its schemas;
 * - diagnostic-messages: messages that several layers give about catalog facts;
 * - config: the configuration format, its parsing and checks, saved requests;
 * - policy: reading policies (JSON text, model, ARNs, wildcards, size), shared by all below;
 *   finding-kinds: how the findings of the generator and the validator are counted, by code;
 * - iam: the IAM reference index of actions and condition keys;
 * - generate: configuration to policies;
 * - evaluate: requests against policies (it generates the policies of a configuration);
 * - validate: findings about a policy text (its lints run the evaluator, e.g. on STS federation);
 * - deploy, impact: exports and audits, CloudTrail impact; they use everything above;
 * - index.ts: the public entry of the engine.
 *
 * Tests and test fixtures are free to reach across layers.
 */
const CORE_LAYERS = [
  ['text', 'budgets', 'diagnostics', 'schema-library'],
  ['catalog'],
  ['diagnostic-messages'],
  ['config'],
  ['policy', 'finding-kinds'],
  ['iam'],
  ['generate'],
  ['evaluate'],
  ['validate'],
  ['deploy', 'impact'],
];
const TOP_LEVEL_FILES = new Set([
  'budgets',
  'diagnostics',
  'schema-library',
  'diagnostic-messages',
  'finding-kinds',
]);

function coreLayerRules() {
  return CORE_LAYERS.flatMap((layer, depth) => {
    const later = CORE_LAYERS.slice(depth + 1).flat();
    const group = later.flatMap((name) =>
      ['./', '../', '../../', '../../../', '@/core/'].flatMap((prefix) => [
        `${prefix}${name}`,
        `${prefix}${name}/**`,
      ]),
    );
    return layer.map((name) => ({
      files: TOP_LEVEL_FILES.has(name) ? [`src/core/${name}.ts`] : [`src/core/${name}/**/*.ts`],
      ignores: ['src/**/*.test.ts', 'src/**/*.testing.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              ...uiImportPatterns,
              ...(later.length === 0
                ? []
                : [
                    {
                      group,
                      message: `src/core/${name} sits above ${later.join(', ')} in the engine's order (eslint.config.js): move the shared piece up, or the code down.`,
                    },
                  ]),
            ],
          },
        ],
      },
    }));
  });
}

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
    rules: { 'no-restricted-imports': ['error', { patterns: uiImportPatterns }] },
  },
  ...coreLayerRules(),
  {
    // An engine function over 80 lines says why beside it (a disable comment with its reason).
    files: ['src/core/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/**/*.testing.ts'],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
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
