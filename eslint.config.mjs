import managed from './.config/eslint.config.mjs';

export default [
  {
    ignores: [
      '**/node_modules',
      '**/dist',
      '**/coverage',
      '.cache',
      'tests/conformance',
      'playwright-report',
      'test-results',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  ...managed,
];
