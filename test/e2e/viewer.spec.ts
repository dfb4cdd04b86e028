/**
 * The real renderer against the real handlers, in Debian Chromium: import MIT-BIH 100 and
 * PTB-XL 00001 through the UI, open each, see every lead on the grid, pan record 100 to its end.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './web-host';

const data = process.env.ECG_DATA_DIR
  ? resolve(process.env.ECG_DATA_DIR)
  : resolve(__dirname, '..', '..', '..', 'shared', 'data');
const mit100 = ['100.hea', '100.dat', '100.atr'].map((f) => join(data, 'mitdb', f));
const ptb1 = ['00001_lr.hea', '00001_lr.dat'].map((f) =>
  join(data, 'ptbxl', 'records100', '00000', f),
);
const haveData = [...mit100, ...ptb1].every((f) => existsSync(f));

async function importFiles(page: Page, files: string[]) {
  await page.getByTestId('import-input').setInputFiles(files);
  await expect(page.getByTestId('import-report')).toContainText(/imported/i, { timeout: 60_000 });
}

async function open(page: Page, recordName: string) {
  // Match the record name exactly: "100" must not pick a PTB-XL item showing "100 Hz".
  const name = page.locator('.name', { hasText: new RegExp(`^${recordName}$`) });
  await page.getByTestId('recording-item').filter({ has: name }).first().click();
}

test.describe('viewer in the browser mode', () => {
  test.skip(!haveData, `shared data not found under ${data} (set ECG_DATA_DIR)`);
  let host: RunningHost;
  test.beforeAll(async () => {
    host = await startHost();
  });
  test.afterAll(async () => host?.stop());

  test('imports MIT-BIH 100, shows both leads on the grid and pans to the end', async ({
    page,
  }, info) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.launchUrl);
    await importFiles(page, mit100);
    await expect(page.getByTestId('import-report')).not.toContainText(/error/i);
    await open(page, '100');
    const rows = page.getByTestId('lead-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toHaveAttribute('data-lead', 'MLII');
    await expect(rows.nth(1)).toHaveAttribute('data-lead', 'V5');
    await expect(page.getByTestId('annotation-marker').first()).toBeVisible();
    await expect(page.getByTestId('overview')).toBeVisible();
    await page.screenshot({ path: info.outputPath('mitdb-100-start.png'), fullPage: true });

    const range = page.getByTestId('view-range');
    const first = await range.textContent();
    await page.getByTestId('pan-right').click();
    await expect(range).not.toHaveText(first ?? '');
    // Jump to the end and check the last window reaches the record's end (1805.56 s).
    await page.keyboard.press('End');
    await expect(range).toContainText(/1805\.[56]/);
    await page.screenshot({ path: info.outputPath('mitdb-100-end.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  test('imports PTB-XL 00001 and shows 12 leads stacked and as 3x4 with rhythm strip', async ({
    page,
  }, info) => {
    await page.goto(host.launchUrl);
    await importFiles(page, ptb1);
    await open(page, '00001_lr');
    const rows = page.getByTestId('lead-row');
    await expect(rows).toHaveCount(12);
    await page.screenshot({ path: info.outputPath('ptbxl-00001-stacked.png'), fullPage: true });
    await page.getByTestId('layout-select').selectOption({ label: '3×4 + rhythm' });
    await expect(page.getByTestId('trace-canvas').first()).toBeVisible();
    await page.screenshot({ path: info.outputPath('ptbxl-00001-3x4.png'), fullPage: true });
  });

  test('a broken upload is reported by file name and leaves the list unchanged', async ({
    page,
  }) => {
    await page.goto(host.launchUrl);
    await expect(page.getByTestId('recording-list')).toHaveAttribute('data-loaded', 'true');
    const before = await page.getByTestId('recording-item').count();
    expect(before).toBeGreaterThan(0);
    await page
      .getByTestId('import-input')
      .setInputFiles([
        { name: 'broken.hea', mimeType: 'text/plain', buffer: Buffer.from('broken 2 360 1000\n') },
      ]);
    await expect(page.getByTestId('import-report')).toContainText('broken');
    await expect(page.getByTestId('recording-item')).toHaveCount(before);
  });
});
