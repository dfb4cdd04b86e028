/**
 * Clinical single-file formats in the viewer (Debian Chromium, real web host): a Philips XML
 * resting ECG, an HL7 aECG and an SCP-ECG file dropped together import as three recordings; the
 * Philips one shows its 12 leads on paper, its findings, and the cart's own interpretation
 * beside them; a non-compliant SCP file is refused in the import report, naming the file. A
 * WFDB record whose signal files are FLAC-compressed (MIMIC style) imports and shows its leads,
 * and so does an EDF+ file with its annotation.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './web-host';

const data = process.env.ECG_DATA_DIR
  ? resolve(process.env.ECG_DATA_DIR)
  : resolve(__dirname, '..', '..', '..', 'shared', 'data');
const formats = join(data, 'formats');
const philips = join(formats, 'philips-xml', '1_04', '3191723_ZZDEMOPTONLY_1-04_orig.xml');
const aecg = join(formats, 'hl7-aecg', 'HL7_Example_aECG_2003-12.xml');
const scp = join(formats, 'scp-ecg', 'ECGToolkit_Example.scp');
const broken = join(formats, 'scp-ecg', 'healforce_noncompliant_62.SCP');
const files = [philips, aecg, scp, broken];
const haveData = files.every((f) => existsSync(f));
const flacRecord = [
  'mixedsignals.hea',
  'mixedsignals_e.dat',
  'mixedsignals_p.dat',
  'mixedsignals_r.dat',
].map((f) => join(data, 'wfdb-samples', f));
const haveFlac = flacRecord.every((f) => existsSync(f));
const edf = join(data, 'wfdb-samples', 'test_generator_2.edf');
const screens = resolve(__dirname, '..', '..', 'test-results', 'screens');

test.describe('clinical ECG formats', () => {
  test.skip(!haveData, `shared data not found under ${formats} (set ECG_DATA_DIR)`);
  let host: RunningHost;
  test.beforeAll(async () => {
    host = await startHost();
    mkdirSync(screens, { recursive: true });
  });
  test.afterAll(async () => host?.stop());

  test('Philips XML, HL7 aECG and SCP-ECG import; a broken SCP file is named', async ({ page }) => {
    await page.setViewportSize({ width: 1500, height: 950 });
    await page.goto(host.launchUrl);
    await page.getByTestId('import-input').setInputFiles(files);
    const report = page.getByTestId('import-report');
    await expect(report).toContainText('Imported 3 recordings; 1 error.', { timeout: 60_000 });
    await expect(report).toContainText('healforce_noncompliant_62.SCP: record length');
    await page.screenshot({ path: join(screens, 'formats-import-report.png') });

    const items = page.getByTestId('recording-item');
    const names = await items.locator('.name').allTextContents();
    expect(names.map((n) => n.trim()).sort()).toEqual(
      ['3191723_ZZDEMOPTONLY_1-04_orig', 'ECGToolkit_Example', 'HL7_Example_aECG_2003-12'].sort(),
    );
    await items
      .filter({ has: page.locator('.name', { hasText: '3191723_ZZDEMOPTONLY_1-04_orig' }) })
      .click();
    await expect(page.getByTestId('paper')).toHaveAttribute('data-loaded', 'true');
    await expect(page.getByTestId('analysis-status')).toHaveAttribute('data-state', 'done', {
      timeout: 90_000,
    });
    const strip = page.getByTestId('findings-strip');
    await expect(strip).toContainText(/record-12lead@/);
    await page.screenshot({ path: join(screens, 'formats-philips-12lead.png') });
  });

  test('a WFDB record with FLAC-compressed signal files (formats 516) imports and is shown', async ({
    page,
  }) => {
    test.skip(!haveFlac, 'wfdb-samples/mixedsignals not found');
    await page.setViewportSize({ width: 1500, height: 950 });
    await page.goto(host.launchUrl);
    await page.getByTestId('import-input').setInputFiles(flacRecord);
    const report = page.getByTestId('import-report');
    await expect(report).toContainText('Imported 1 recording', { timeout: 60_000 });
    await page
      .getByTestId('recording-item')
      .filter({ has: page.locator('.name', { hasText: 'mixedsignals' }) })
      .click();
    await expect(page.getByTestId('paper')).toHaveAttribute('data-loaded', 'true');
    for (const lead of ['II', 'III', 'V', 'ABP', 'Pleth', 'Resp'])
      await expect(page.getByTestId('paper')).toContainText(lead);
    // Pressure, pleth and respiration are not in mV: drawn fitted to their rows, and labelled so.
    const abp = page.locator('[data-testid="lead-row"][data-lead="ABP"]');
    await expect(abp).toContainText(/ABP · mmHg, fitted: -?\d+ to \d+/);
    await expect(page.locator('[data-testid="lead-row"][data-lead="II"]')).not.toContainText(
      'fitted',
    );
    await page.screenshot({ path: join(screens, 'formats-flac-mixedsignals.png'), fullPage: true });
    // Calipers on the pressure row measure in mmHg: the row's full fitted height spans 80 % of
    // its range (77 to 168 mmHg, 10 % margins), so two clicks 40 % of the row apart ≈ 45 mmHg.
    await page.getByTestId('caliper-toggle').click();
    const canvas = abp.getByTestId('trace-canvas');
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + 300, box.y + box.height * 0.7);
    await page.mouse.click(box.x + 400, box.y + box.height * 0.3);
    const delta = page.getByTestId('caliper-dmv');
    await expect(delta).toContainText(/^Δ \+\d+\.\d mmHg$/);
    const mmHg = Number(/\+(\d+\.\d)/.exec((await delta.textContent()) ?? '')?.[1]);
    expect(mmHg).toBeGreaterThan(40);
    expect(mmHg).toBeLessThan(50);
    await page.screenshot({ path: join(screens, 'formats-flac-calipers.png') });
  });

  test('an EDF+ file imports and is shown with its annotation', async ({ page }) => {
    test.skip(!existsSync(edf), 'wfdb-samples/test_generator_2.edf not found');
    await page.setViewportSize({ width: 1500, height: 950 });
    await page.goto(host.launchUrl);
    await page.getByTestId('import-input').setInputFiles([edf]);
    await expect(page.getByTestId('import-report')).toContainText('Imported 1 recording', {
      timeout: 60_000,
    });
    await page
      .getByTestId('recording-item')
      .filter({ has: page.locator('.name', { hasText: 'test_generator_2' }) })
      .click();
    await expect(page.getByTestId('paper')).toHaveAttribute('data-loaded', 'true');
    await expect(page.getByText('EDF', { exact: true })).toBeVisible(); // the format, in the title bar
    for (const lead of ['squarewave', 'ECG', 'sine 50 Hz'])
      await expect(page.locator(`[data-testid="lead-row"][data-lead="${lead}"]`)).toBeVisible();
    await page.screenshot({ path: join(screens, 'formats-edf.png'), fullPage: true });
  });
});
