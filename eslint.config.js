// Boundaries checked by a tool, not by discipline (STYLE.md): no import cycles, no deep imports
// into another package, no plugin importing another plugin's files, and React's rules of hooks.
// The rule set is small on purpose; formatting is Prettier's job. No type information is used,
// so the whole run takes seconds.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

/** Another package's sources or build output, reached by name or by a relative path. */
const DEEP_IMPORTS = [
  {
    group: ['@lathe/*/src', '@lathe/*/src/**', '@lathe/*/dist', '@lathe/*/dist/**'],
    message: 'Import the package by its name (@lathe/x) or a subpath it exports, not its src/ or dist/ files.',
  },
  {
    // Inside a package's src/ no folder is named src, dist or packages, so a relative path
    // through one has left the package.
    regex: '^(\\.\\./)+([^/]+/)*(src|dist|packages)(/|$)',
    message: 'A relative import may not leave its package: import the other package by its name (@lathe/x).',
  },
];

/** From packages/server/src/plugins/<a>/: a sibling plugin's folder, reached as ../<b>/. */
const PLUGIN_IMPORTS = [
  {
    regex: '^\\.\\./[^./][^/]*/',
    message: "A plugin may not import another plugin's files: move what both need to packages/server/src/shared/.",
  },
];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'packages/spec/schemas/**', 'packages/*-py/**', 'test-output/**', 'bench/results/**'],
  },
  {
    files: ['packages/*/src/**/*.{ts,tsx}', 'packages/*/bin/**/*.js', 'scripts/**/*.mjs', 'bench/**/*.mjs', 'eslint.config.js'],
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: globals.node,
    },
    plugins: { 'import-x': importX, '@typescript-eslint': tseslint.plugin },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['packages/*/tsconfig.json', 'packages/studio/tsconfig.app.json'], noWarnOnMultipleProjects: true })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Cycles across packages cannot happen (tsc -b project references refuse them).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'no-restricted-imports': ['error', { patterns: DEEP_IMPORTS }],
    },
  },
  {
    // A package's bin/ scripts start its own build output.
    files: ['packages/*/bin/**/*.js'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['packages/server/src/plugins/*/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...DEEP_IMPORTS, ...PLUGIN_IMPORTS] }],
    },
  },
  {
    files: ['packages/studio/src/app/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
