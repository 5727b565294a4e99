import tseslint from 'typescript-eslint';

const CORE_BARREL = 'Import the core module itself (e.g. ../core/paper), not the core/index barrel.';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'media/dist/**', 'media/katex/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'off',
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    // Build and harness scripts are CommonJS run by Node directly.
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The barrel is the core's surface for tests, the benchmark and outside checks. Inside src
    // each import names its module, so a bundle takes only what it uses (see startupBundle.test).
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)core(/index)?$', message: CORE_BARREL }] }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core never imports vscode.' }],
          patterns: [{ regex: '(^|/)core(/index)?$|^\\.{1,2}(/index)?$|^(\\.\\./)+index$', message: CORE_BARREL }],
        },
      ],
    },
  },
);
