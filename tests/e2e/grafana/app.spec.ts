import { expect, test } from '@grafana/plugin-e2e';

import { testIds } from '../../../src/components/testIds';

/**
 * Against a real Grafana with the plugin installed and provisioned (GRAFANA_URL, e.g. `npm run server`); only
 * part of the run when GRAFANA_URL is set (playwright.config.ts).
 */
test('the app navigates to the labeling page and it loads', async ({ page }) => {
  await page.goto('/a/traceo-ml-app/overview');
  await expect(page.getByTestId(testIds.overview.container)).toBeVisible();
  await page.goto('/a/traceo-ml-app/labeling');
  await expect(page.getByTestId(testIds.labeling.container).first()).toBeVisible();
});

test('the provisioned data source passes Save & test', async ({
  readProvisionedDataSource,
  gotoDataSourceConfigPage,
}) => {
  const ds = await readProvisionedDataSource({ fileName: 'traceo-ml.yaml', name: 'Traceo ML' });
  const configPage = await gotoDataSourceConfigPage(ds.uid);
  await expect(configPage.saveAndTest()).toBeOK();
});
