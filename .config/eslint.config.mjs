// Managed lint rules, create-plugin style; the root eslint.config.mjs adds the project's ignore list.
import grafanaConfig from '@grafana/eslint-config';
import tseslint from 'typescript-eslint';

export default [
  ...grafanaConfig,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser },
    rules: {
      'react/prop-types': 'off',
    },
  },
  {
    // The backend's stdout carries only the go-plugin handshake line; everything else goes to the hclog logger.
    files: ['src/backend/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-console': 'error',
    },
  },
  {
    files: ['tests/**/*'],
    rules: {
      'react-hooks/rules-of-hooks': 'off',
    },
  },
];
