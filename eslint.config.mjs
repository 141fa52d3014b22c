// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';

// The layers of src/, lowest first: each may import only from those before it.
const LAYERS = ['core', 'storage', 'case', 'api', 'app'];
const layerZones = LAYERS.slice(0, -1).map((layer, i) => ({
  target: `./src/${layer}`,
  from: LAYERS.slice(i + 1).map((above) => `./src/${above}`),
  message:
    i === 0
      ? 'src/core is pure: it imports no other layer.'
      : `src/${layer} may import only from ${LAYERS.slice(0, i)
          .map((l) => `src/${l}`)
          .join(', ')} (layers: ${LAYERS.join(' <- ')}).`,
}));

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'bin/',
      // Plain JS that runs the compiled app (as bin/ does).
      'bench/service-target.js',
      'web/dist/',
      'data/',
      'node_modules/',
      'tmp/',
      'coverage/',
      'eslint.config.mjs',
      'jest.config.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: 'error',
      curly: ['error', 'multi-line'],
    },
  },
  {
    // The analysis core is pure: no framework, ORM or API imports.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'class-validator',
                'class-transformer',
                'graphql',
                'pg',
                '@electric-sql/*',
              ],
              message: 'The core stays pure: keep framework imports out of src/core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: {
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            ...layerZones,
            {
              // The offline CLI starts in milliseconds because it loads only the core.
              target: ['./src/app/cli/main.ts', './src/app/cli/offline-commands.ts'],
              from: ['./src/storage', './src/case', './src/api'],
              message: 'The offline CLI imports only src/core (database commands load on demand).',
            },
          ],
        },
      ],
    },
  },
  {
    // Queries belong to storage's repositories: above storage, a transaction is an opaque Tx
    // (storage/database/transactions.ts). Only module wiring names TypeORM (TypeOrmModule).
    files: ['src/case/**/*.ts', 'src/api/**/*.ts', 'src/app/**/*.ts'],
    ignores: ['src/app/modules/*.module.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['typeorm', '@nestjs/typeorm', 'pg'],
              message:
                'Queries go in a repository under src/storage (the only layer that sees TypeORM).',
            },
            {
              group: ['**/storage/database/transactions'],
              importNames: ['managerOf', 'txOf'],
              message: 'A Tx is opaque above storage: pass it to a repository.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/app/cli/main.ts', 'src/app/cli/offline-commands.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'reflect-metadata',
                'class-validator',
                'graphql',
                'pg',
                '@electric-sql/*',
              ],
              message: 'The offline CLI imports only src/core (database commands load on demand).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    // Jest's asymmetric matchers (expect.objectContaining, …) are typed `any`.
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
);
