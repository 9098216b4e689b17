// ESLint flat config: `pnpm lint`.
// typescript-eslint's type-aware recommended rules (floating promises and unsafe `any` matter in
// auth code) and the React hooks rules, including the React Compiler checks of v7.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    '**/node_modules/**',
    '**/dist/**',
    '**/coverage/**',
    '**/.vite/**',
    '**/test-results/**',
    'bench/results/**',
    'packages/*/etc/**',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `async` without `await` is how a method conforms to a Promise-returning interface.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
  },
  {
    // Plain JavaScript and tool configs: outside the packages' tsconfigs, no types to check against.
    files: ['**/*.{js,mjs,cjs}', '**/*.config.ts', 'vitest.shared.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Tests may use the loose patterns of test doubles.
    files: ['**/*.test.{ts,tsx}', '**/*.test-d.ts', '**/test/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
