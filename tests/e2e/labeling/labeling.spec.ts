import { expect, type Page, test } from '@playwright/test';

import { labelingTestIds as ids } from '../../../src/components/Labeling/labelingTestIds';

/**
 * The labeling flow for real: two reviewers in the preview build, the real plugin behind the conformance host.
 * Everything is done with the keyboard; a screenshot of each state goes to artifacts/e2e/.
 * Needs at least two incidents seeded through the webhook routes (scripts/e2e.sh does it).
 */
const shot = (page: Page, name: string) => page.screenshot({ path: `artifacts/e2e/${name}.png`, fullPage: true });

async function openAs(page: Page, login: string) {
  await page.goto(`/?user=${login}&role=Editor`);
  await expect(page.getByTestId(ids.workbench)).toBeVisible();
}

async function selectIncident(page: Page, queueItemTestId: string) {
  await page.getByTestId(queueItemTestId).click();
  // Hand the keyboard back to the page shortcuts (the clicked button keeps focus otherwise, and Enter would click it).
  await page.locator('body').click({ position: { x: 1, y: 1 } });
}

/** Root cause by digit, confidence by letter, Enter saves. */
async function labelWithKeys(page: Page, digit: string, confidence: 'h' | 'm' | 'l') {
  const title = (await page.getByTestId(ids.incident).locator('h3').textContent()) ?? '';
  await page.keyboard.press(digit);
  await page.keyboard.press(confidence);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId(ids.formStatus)).toContainText(`for “${title}”`);
}

async function currentQueueItem(page: Page): Promise<string> {
  const testId = await page.getByTestId(ids.queue).locator('[aria-current="true"]').getAttribute('data-testid');
  expect(testId).toBeTruthy();
  return testId!;
}

test('queue → keyboard labels by two reviewers → disagreement → consensus → agreement stats', async ({ browser }) => {
  const a = await (await browser.newContext()).newPage();
  const b = await (await browser.newContext()).newPage();

  await openAs(a, 'reviewer-a');
  const queueItems = a.getByTestId(ids.queue).locator('li');
  expect(await queueItems.count()).toBeGreaterThanOrEqual(2);
  await expect(a.getByTestId(ids.progressValue('Mine'))).toHaveText(/^0 \//);
  await shot(a, '01-queue');

  // Reviewer A labels the first incident: root cause 1 (memory leak), high confidence.
  const first = await currentQueueItem(a);
  await labelWithKeys(a, '1', 'h');
  await expect(a.getByTestId(ids.progressValue('Mine'))).toHaveText(/^1 \//);
  await expect(a.getByTestId(first)).toContainText('Needs a 2nd review');
  await shot(a, '02-labeled-by-a');

  // Reviewer B labels the same incident differently: root cause 2 (database slow).
  await openAs(b, 'reviewer-b');
  await selectIncident(b, first);
  await labelWithKeys(b, '2', 'm');
  await expect(b.getByTestId(first)).toContainText('Disagreement');

  await b.keyboard.press('d');
  const disagreements = b.getByTestId(ids.disagreements);
  await expect(disagreements).toContainText('reviewer-a');
  await expect(disagreements).toContainText('reviewer-b');
  await expect(disagreements).toContainText('memory leak');
  await expect(disagreements).toContainText('database slow');
  await shot(b, '03-disagreement');

  // A second incident, labeled consistently by both: it reaches consensus.
  await b.keyboard.press('q');
  await a.reload();
  await expect(a.getByTestId(ids.workbench)).toBeVisible();
  const second = await currentQueueItem(a);
  expect(second).not.toBe(first);
  await labelWithKeys(a, '3', 'h');
  await b.reload();
  await expect(b.getByTestId(ids.workbench)).toBeVisible();
  await selectIncident(b, second);
  await labelWithKeys(b, '3', 'h');
  await expect(b.getByTestId(second)).toContainText('Consensus');
  await expect(b.getByTestId(ids.progressValue('Consensus'))).toHaveText(/^1 \//);
  await shot(b, '04-consensus');

  // Agreement: one of two paired items agrees; kappa = (0.5 − 0.25) / (1 − 0.25) = 0.33 for these answers.
  await b.keyboard.press('a');
  await expect(b.getByTestId(ids.percentAgreement)).toHaveText('50%');
  await expect(b.getByTestId(ids.kappa)).toHaveText('0.33');
  await shot(b, '05-agreement');

  // The help lists the keys.
  await b.keyboard.press('?');
  await expect(b.getByTestId(ids.help)).toContainText('Next / previous item');
  await shot(b, '06-shortcuts');
});

test('a Viewer cannot label: the page says why', async ({ page }) => {
  await page.goto('/?user=viewer-v&role=Viewer');
  await expect(page.getByTestId(ids.workbench)).toBeVisible();
  // Keys act on the selected incident: wait for it, and make sure the page (not a control) has the keyboard.
  await expect(page.getByTestId(ids.incident)).toBeVisible();
  await page.locator('body').click({ position: { x: 1, y: 1 } });
  await page.keyboard.press('4');
  await expect(page.getByRole('radio', { name: '4 network latency' })).toBeChecked();
  await page.keyboard.press('l');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toBeVisible();
  await shot(page, '07-viewer-refused');
});
