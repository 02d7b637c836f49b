import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Node's globals for the plain CommonJS scripts (bench/, jest.config.js). TypeScript files need
// none: the compiler checks names, so typescript-eslint turns `no-undef` off for them.
const nodeGlobals = Object.fromEntries(
  ['require', 'module', 'exports', '__dirname', '__filename', 'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'AbortController', 'AbortSignal', 'fetch'].map((name) => [name, 'readonly']),
);

const unusedVars = ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': unusedVars,
      '@typescript-eslint/no-explicit-any': 'warn',
      // Input validation matches control characters on purpose (names, filters, headers).
      'no-control-regex': 'off',
    },
  },
  {
    // Layering: the kernel knows nothing of the layers built on it (README, "Layout").
    files: ['src/kernel/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(api|doctypes|domain|setup|jobs|observability|app\\.module|bootstrap)(/|$)',
              message: 'src/kernel must not import the layers above it (api, doctypes, domain, setup, jobs, observability): hand it what it needs instead.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bench/**/*.js', '*.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', ecmaVersion: 2022, globals: nodeGlobals },
    rules: { 'no-unused-vars': unusedVars },
  },
);
