// The repository lints itself: strict type-checked TypeScript, eslint-plugin-eslint-plugin on the rules,
// the plugin's own `recommended` config (from the build: `npm test` builds before it lints), and the
// layering of design.md enforced with `no-restricted-imports`.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import eslintPlugin from 'eslint-plugin-eslint-plugin';
import tseslint from 'typescript-eslint';
import assume from './dist/index.js';

const TS_SOURCES = [
  'index.ts',
  'core/**/*.ts',
  'rules/**/*.ts',
  'analyzer/**/*.ts',
  'cli/**/*.ts',
  'register/**/*.ts',
  'test/**/*.ts',
  'bench/**/*.ts',
  'scripts/**/*.ts',
  '*.config.ts',
];
const JS_SOURCES = ['**/*.js', '**/*.mjs', '**/*.cjs'];

/** Globals of Node.js that the plain-JS files of this repo (configs, bench and scripts) use. */
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval',
    'clearInterval', 'setImmediate', 'clearImmediate', 'performance', 'structuredClone', 'AbortController',
    'AbortSignal', 'TextEncoder', 'TextDecoder', 'fetch', 'queueMicrotask', 'globalThis',
  ].map((name) => [name, 'readonly']),
);

const ts = (...names) => names.map((name) => `${name}/**/*.ts`);

/** A `no-restricted-imports` pattern for relative imports of a top-level folder of this repo. */
function layer(folders, message) {
  return { regex: `^(\\.\\.?/)+(${folders.join('|')})(/|$)`, message };
}
const tsMorph = (message) => [{ name: 'ts-morph', message }];

export default defineConfig([
  globalIgnores(['dist/', 'node_modules/', 'fixtures/', 'coverage/', 'bench/.out/']),

  {
    files: JS_SOURCES,
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: nodeGlobals },
  },

  {
    files: TS_SOURCES,
    extends: [tseslint.configs.strictTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers and booleans in messages and test titles are the normal case, not a bug.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // ESTree code compares `node.type` with string literals (`node.type === 'Identifier'`): the values of
      // typescript-eslint's AST_NODE_TYPES enum are those literals and TypeScript checks and narrows them,
      // so this rule only floods the engine with noise (100+ reports, none a bug).
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },

  {
    // Tests index into fixtures and findings they have just asserted on; a `!` after an `expect` of the
    // same value is clearer than a guard that can never fail, and vitest's `describe`/`it` callbacks are
    // allowed to be async or to return nothing. Relaxed for test/ only.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [
        { from: 'package', package: 'vitest', name: ['describe', 'it', 'test'] },
      ] }],
    },
  },

  {
    // The rules themselves: eslint-plugin-eslint-plugin's checks of rule modules.
    files: ts('rules'),
    extends: [eslintPlugin.configs['rules-recommended']],
    rules: {
      // The rules report through `reportFindings` (rules/utils/context.ts), which turns a finding's
      // suggestions into `suggest`; this check only sees `context.report` calls in the rule file itself,
      // so it would demand `hasSuggestions: false` on every rule that has suggestions.
      'eslint-plugin/require-meta-has-suggestions': 'off',
    },
  },
  {
    files: ts('test/rules'),
    extends: [eslintPlugin.configs['tests-recommended']],
  },

  {
    // The plugin lints this repository too: the engine and the CLI are Node code like any other.
    files: TS_SOURCES,
    extends: [assume.configs.recommended],
  },

  // Layering (design.md): cli -> analyzer -> core, rules -> core.
  {
    files: ts('core'),
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...tsMorph('core/ never imports ts-morph: the ESLint rules load it in editors.'),
          { name: 'eslint', message: 'core/ knows neither ESLint nor ts-morph: take TSESTree types from @typescript-eslint/utils.' },
        ],
        patterns: [
          { group: ['ts-morph/*'], message: 'core/ never imports ts-morph.' },
          layer(['rules', 'analyzer', 'cli'], 'core/ imports neither rules/, analyzer/ nor cli/: they depend on core, not the other way.'),
        ],
      }],
    },
  },
  {
    files: ts('register'),
    rules: {
      'no-restricted-imports': ['error', {
        paths: tsMorph('register/ is pure data checks: it never loads ts-morph.'),
        patterns: [
          { group: ['ts-morph/*'], message: 'register/ never imports ts-morph.' },
          layer(['analyzer', 'cli'], 'register/ imports neither analyzer/ nor cli/: the CLI drives it.'),
        ],
      }],
    },
  },
  {
    files: ts('analyzer'),
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [layer(['cli'], 'analyzer/ never imports cli/: the CLI drives the analyzer, not the other way.')],
      }],
    },
  },
  {
    files: ['index.ts', ...ts('rules')],
    rules: {
      'no-restricted-imports': ['error', {
        paths: tsMorph('The plugin (index.ts, rules/) never imports ts-morph: editors load it, keep it light.'),
        patterns: [
          { group: ['ts-morph/*'], message: 'The plugin (index.ts, rules/) never imports ts-morph.' },
          layer(['analyzer', 'cli'], 'The plugin (index.ts, rules/) never imports analyzer/ or cli/.'),
        ],
      }],
    },
  },
]);
