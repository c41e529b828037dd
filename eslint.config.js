import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'tests/fixtures/generated/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'scripts/bridge/browserClient.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The renderer reaches core only through the bridge types: never core's runtime modules.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/core/**'], message: 'The renderer uses only types from core (CairnApi, core/types); it talks to core through the bridge.', allowTypeImports: true },
            { group: ['electron', 'node:*'], message: 'Renderer code never reaches Node or Electron.' },
          ],
        },
      ],
    },
  },
  {
    // core is plain Node: it knows nothing of Electron or the UI.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['electron', '**/electron/**', '**/renderer/**'], message: 'core imports nothing from electron or the renderer.' }] }],
    },
  },
);
