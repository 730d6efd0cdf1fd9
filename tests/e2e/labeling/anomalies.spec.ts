import { expect, type APIRequestContext, type Page, test } from '@playwright/test';

import type { Anomaly, AnomalyLabel, Page as ResultPage } from '../../../src/contract/resources';
import { labelingTestIds as ids } from '../../../src/components/Labeling/labelingTestIds';

/**
 * The anomaly side of the labeling page against the real backend: two anomalies recorded through the anomalies
 * route (as the anomaly query does), then a reviewer switches queues and labels one "false alarm" by keyboard.
 */
const resources = '/api/datasources/uid/traceo-ml/resources';
const shot = (page: Page, name: string) => page.screenshot({ path: `artifacts/e2e/${name}.png`, fullPage: true });
const as = (login: string, role = 'Editor') => ({ 'X-Grafana-User': login, 'X-Grafana-Role': role });

// Unique per run, so a re-run against a kept store never finds them already labeled.
const run = `${Date.now()}`;
const reviewer = `anomaly-reviewer-${run}`;

async function seedAnomalies(request: APIRequestContext): Promise<string[]> {
  const now = Date.now();
  const anomalies = [
    { instance: 'checkout-1', minutesAgo: 90, score: 93, detector: 'shift, isolationForest' },
    { instance: 'checkout-2', minutesAgo: 45, score: 48, detector: 'robustCovariance' },
  ].map(({ instance, minutesAgo, score, detector }) => ({
    id: `e2e-${run}-${instance}`,
    seriesLabels: { __name__: 'http_request_duration_seconds', job: 'checkout', instance },
    expr: 'http_request_duration_seconds',
    startedAt: now - minutesAgo * 60_000,
    endedAt: now - (minutesAgo - 10) * 60_000,
    score,
    detector,
  }));
  const response = await request.post(`${resources}/anomalies`, { headers: as('e2e-seeder'), data: anomalies });
  expect(response.status(), await response.text()).toBe(201);
  return anomalies.map((a) => a.id);
}

async function notReviewedByMe(request: APIRequestContext): Promise<string[]> {
  const response = await request.get(`${resources}/anomalies?notReviewedBy=me&limit=500`, { headers: as(reviewer) });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as ResultPage<Anomaly>).items.map((a) => a.id);
}

test('seed two anomalies → switch to Anomalies → label one false alarm by keyboard → it leaves my queue', async ({
  page,
  request,
}) => {
  const seeded = await seedAnomalies(request);
  expect(await notReviewedByMe(request)).toEqual(expect.arrayContaining(seeded));

  await page.goto(`/?user=${reviewer}&role=Editor`);
  await expect(page.getByTestId(ids.workbench)).toBeVisible();
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.keyboard.press('n');
  await expect(page.getByTestId(ids.anomaly)).toBeVisible();
  expect(new URL(page.url()).searchParams.get('kind')).toBe('anomalies');
  await expect(page.getByTestId(ids.queue).locator('li')).toHaveCount(seeded.length);
  await expect(page.getByTestId(ids.progressValue('Mine'))).toHaveText(`0 / ${seeded.length}`);
  await shot(page, '08-anomaly-queue');

  // Newest first: the anomaly 45 minutes ago opens; verdict f, confidence h, Enter saves.
  const current = page.getByTestId(ids.queue).locator('[aria-current="true"]');
  await expect(current).toHaveAttribute('data-testid', ids.queueItem(seeded[1]));
  await page.keyboard.press('f');
  await expect(page.getByRole('radio', { name: /False alarm/ })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('h');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(ids.formStatus)).toContainText('Saved false alarm (high)');
  await expect(page.getByTestId(ids.progressValue('Mine'))).toHaveText(`1 / ${seeded.length}`);
  await expect(page.getByTestId(ids.queueItem(seeded[1]))).toContainText('Needs a 2nd review');
  // The queue moved on to the one left to answer.
  await expect(current).toHaveAttribute('data-testid', ids.queueItem(seeded[0]));
  await shot(page, '09-anomaly-labeled');

  const left = await notReviewedByMe(request);
  expect(left).not.toContain(seeded[1]);
  expect(left).toContain(seeded[0]);
  const labels = await request.get(`${resources}/anomalies/${seeded[1]}/labels`, { headers: as(reviewer) });
  const stored = ((await labels.json()) as { items: AnomalyLabel[] }).items;
  expect(stored).toEqual([
    expect.objectContaining({ reviewer, verdict: 'false_alarm', confidence: 'high', skipped: false }),
  ]);

  // The URL is a link to the anomaly queue.
  await page.reload();
  await expect(page.getByTestId(ids.anomaly)).toBeVisible();
  await expect(page.getByTestId(ids.kindSwitch).getByRole('radio', { name: 'Anomalies (n)' })).toBeChecked();
});
