/**
 * Managed jest configuration. Two projects because the browser code needs jsdom and the backend must run
 * in plain Node (the gRPC runtime, the stores and the ML core never see a DOM).
 */
const path = require('path');
const swc = require('./jest/swc');

const rootDir = path.resolve(__dirname, '..');

// ESM-only packages pulled in by @grafana/* that jest must transform.
const esModules = [
  '@grafana/schema',
  '@grafana/scenes',
  'd3',
  'd3-color',
  'd3-force',
  'd3-interpolate',
  'd3-scale-chromatic',
  'ol',
  'react-colorful',
  'rxjs',
  'uuid',
  'marked',
  'monaco-promql',
  '@kusto/monaco-kusto',
  'internmap',
  'robust-predicates',
  'yaml',
  'react-calendar',
  'get-user-locale',
  'memoize',
  'mimic-function',
  '@wojtekmaj',
].join('|');

module.exports = {
  rootDir,
  projects: [
    {
      displayName: 'backend',
      rootDir,
      testEnvironment: 'node',
      roots: ['<rootDir>/src/backend', '<rootDir>/src/ml', '<rootDir>/src/contract', '<rootDir>/src/cli'],
      testMatch: ['**/*.test.ts'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      modulePaths: ['<rootDir>/src'],
    },
    {
      displayName: 'frontend',
      rootDir,
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/src'],
      testMatch: ['<rootDir>/src/{components,pages,datasource}/**/*.test.{ts,tsx}', '<rootDir>/src/*.test.{ts,tsx}'],
      setupFilesAfterEnv: ['<rootDir>/.config/jest-setup.js'],
      transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
      transformIgnorePatterns: [`node_modules/(?!.*(${esModules})/)`],
      moduleNameMapper: {
        '\\.(css|scss|sass)$': 'identity-obj-proxy',
        '\\.svg$': '<rootDir>/.config/jest/file-stub.js',
        '^react-inlinesvg$': '<rootDir>/.config/jest/mocks/react-inlinesvg.js',
      },
      modulePaths: ['<rootDir>/src'],
    },
  ],
};
