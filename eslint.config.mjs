// Lint: TypeScript's recommended rules, React's hook rules and accessibility in the renderer,
// and the layers: the renderer never reaches into main, main never into the renderer, and
// shared/ (the contract both sides use) into neither.
import js from '@eslint/js';
import prettierOff from 'eslint-config-prettier';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const layer = (message, ...groups) => ['error', { patterns: [{ group: groups, message }] }];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The full recommended set, the React Compiler's checks included (refs read in render,
    // state set in effects, impure renders, mutation of props and state).
    rules: {
      ...reactHooks.configs['recommended-latest'].rules,
      // Says only that the compiler would skip a component using TanStack Virtual; we do not run the compiler.
      'react-hooks/incompatible-library': 'off',
    },
  },
  { files: ['renderer/**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
  {
    files: ['renderer/**/*.tsx'],
    rules: {
      // Dialogs and the first-start screens put the focus where the person starts typing (the
      // rule is about pages that steal focus on load).
      'jsx-a11y/no-autofocus': 'off',
      // Forms, dialogs and popovers listen for keys (Escape, Ctrl+Enter) without being controls.
      'jsx-a11y/no-noninteractive-element-interactions': ['error', { handlers: ['onClick', 'onMouseUp', 'onKeyPress'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': layer(
        'The renderer talks to main only through the contract in shared/ (api()).',
        '**/electron/**',
        'electron',
        'node:*',
        'better-sqlite3-multiple-ciphers',
      ),
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: { 'no-restricted-imports': layer('Main never imports renderer code.', '**/renderer/**', 'react', 'react-dom') },
  },
  {
    files: ['shared/**/*.ts'],
    rules: { 'no-restricted-imports': layer('shared/ is used by both sides: it imports neither.', '**/electron/**', '**/renderer/**', 'electron', 'react') },
  },
  {
    files: ['**/*.{js,mjs,cjs}', 'scripts/**', 'bin/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'readonly',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Layout is Prettier's (npm run format; checked by npm test): no lint rule argues with it.
  prettierOff,
);
