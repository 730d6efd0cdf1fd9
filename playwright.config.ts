/**
 * Browser tests with Debian's Chromium (never `playwright install`: this machine has no internet).
 *
 *   labeling-preview: the labeling UI in the preview build against the real backend via the conformance host
 *                     (scripts/e2e.sh starts everything and sets E2E_BASE_URL).
 *   grafana:          @grafana/plugin-e2e specs against a real Grafana; only included when GRAFANA_URL is set,
 *                     so without one they are not run (and never reported as passed).
 */
import { defineConfig, devices, type Project } from '@playwright/test';

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // Without the background-networking flags Chromium waits on connections this offline machine blocks.
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

const projects: Project[] = [
  {
    name: 'labeling-preview',
    testDir: './tests/e2e/labeling',
    use: {
      ...devices['Desktop Chrome'],
      baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:3999',
      launchOptions: chromium,
      viewport: { width: 1400, height: 1000 },
    },
  },
];

if (process.env.GRAFANA_URL) {
  projects.push({
    name: 'grafana',
    testDir: './tests/e2e/grafana',
    use: {
      ...devices['Desktop Chrome'],
      baseURL: process.env.GRAFANA_URL,
      launchOptions: chromium,
      httpCredentials: {
        username: process.env.GRAFANA_USER ?? 'admin',
        password: process.env.GRAFANA_PASSWORD ?? 'admin',
      },
    },
  });
}

export default defineConfig({
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'artifacts/e2e/test-results',
  reporter: [['list'], ['json', { outputFile: 'artifacts/e2e/results.json' }]],
  projects,
});
