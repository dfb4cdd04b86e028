/**
 * Record-level findings in the viewer, in Debian Chromium against the real web host: a PTB-XL
 * 12-lead record with complete left bundle branch block (ecg_id 180) shows every finding code
 * with its score, threshold and evidence, LBBB present; a 2-lead MIT-BIH record says why it
 * has no findings instead of guessing.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { importAndAnalyse } from './steps';
import { startHost, type RunningHost } from './web-host';

const data = process.env.ECG_DATA_DIR
  ? resolve(process.env.ECG_DATA_DIR)
  : resolve(__dirname, '..', '..', '..', 'shared', 'data');
const ptb = ['hea', 'dat'].map((x) => join(data, 'ptbxl', 'records100', '00000', `00180_lr.${x}`));
const mit = ['hea', 'dat', 'atr'].map((x) => join(data, 'mitdb', `100.${x}`));
const haveData = [...ptb, ...mit].every((f) => existsSync(f));
const screens = resolve(__dirname, '..', '..', 'test-results', 'screens');

test.describe('record-level findings', () => {
  test.skip(!haveData, `shared data not found under ${data} (set ECG_DATA_DIR)`);
  let host: RunningHost;
  test.beforeAll(async () => {
    host = await startHost();
    mkdirSync(screens, { recursive: true });
  });
  test.afterAll(async () => host?.stop());

  test('PTB-XL 180 (LBBB): every code with score, threshold and evidence', async ({ page }) => {
    await page.setViewportSize({ width: 1500, height: 950 });
    await page.goto(host.launchUrl);
    await importAndAnalyse(page, ptb, '00180_lr');
    // The interpretation line above the paper names what is present; Details opens the panel.
    const strip = page.getByTestId('findings-strip');
    await expect(strip).toContainText('LBBB');
    await expect(strip).toContainText(/record-12lead@/);
    await page.screenshot({ path: join(screens, 'findings-ptbxl-180-strip.png') });
    await strip.getByTestId('findings-details').click();
    const panel = page.getByTestId('findings');
    await expect(panel).toBeVisible();
    const items = panel.getByTestId('finding');
    await expect(items).toHaveCount(11);
    const codes = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes).toEqual([
      '1dAVb',
      'RBBB',
      'LBBB',
      'SB',
      'AF',
      'ST',
      'NORM',
      'MI',
      'STTC',
      'CD',
      'HYP',
    ]);
    await expect(panel.getByTestId('findings-model')).toHaveText(/record-12lead@\d+\.\d+\.\d+/);
    const lbbb = items.filter({ has: page.locator('.code', { hasText: /^LBBB$/ }) });
    await expect(lbbb).toHaveAttribute('data-present', 'true');
    await expect(lbbb).toHaveAttribute('title', /threshold \d\.\d\d/);
    await expect(lbbb.locator('.evidence')).toContainText(/QRS \d+ ms/);
    await expect(lbbb).toHaveAttribute('title', /qrsMs \d+/);
    await expect(panel.getByTestId('findings-present')).toContainText('LBBB');
    // The adversarial probe of the findings (PGD on the 12-lead window, a few seconds).
    await panel.getByTestId('findings-probe').click();
    await expect(panel.getByTestId('findings-probe-summary')).toContainText(/\d+ fragile/, {
      timeout: 60_000,
    });
    const probed = panel.getByTestId('finding-probe');
    expect(await probed.count()).toBeGreaterThanOrEqual(9);
    await expect(lbbb.getByTestId('finding-probe')).toHaveText(
      /(fragile|flips) at ε \d\.\d{3}|robust|rule/,
    );
    await panel.screenshot({ path: join(screens, 'findings-ptbxl-180.png') });
    await page.screenshot({ path: join(screens, 'findings-ptbxl-180-full.png') });
  });

  test('MIT-BIH 100 (2 leads): no findings, and the reason', async ({ page }) => {
    await page.goto(host.launchUrl);
    await importAndAnalyse(page, mit, '100');
    await expect(page.getByTestId('findings-unavailable')).toContainText(/12|lead/i);
    await expect(page.getByTestId('finding')).toHaveCount(0);
    await expect(page.getByTestId('findings-strip')).toHaveCount(0);
  });
});
