/**
 * Analysis results in the viewer, in Debian Chromium against the real web host: import MIT-BIH
 * 100 and 208 through the UI, wait for the background analysis, see classed beat markers, the
 * beat detail, measurements and the heart-rate trend; step through V beats of 208; measure with
 * the calipers; switch display filters and see the paper label follow.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page, type Request } from '@playwright/test';
import { startHost, type RunningHost } from './web-host';

const data = process.env.ECG_DATA_DIR
  ? resolve(process.env.ECG_DATA_DIR)
  : resolve(__dirname, '..', '..', '..', 'shared', 'data');
const mit = (r: string) => ['hea', 'dat', 'atr'].map((x) => join(data, 'mitdb', `${r}.${x}`));
const haveData = [...mit('100'), ...mit('208')].every((f) => existsSync(f));
const screens = resolve(__dirname, '..', '..', 'test-results', 'screens');

/** CSS px per mm before calibration (96 CSS px per inch); 25 mm/s paper. */
const PX_PER_S = (96 / 25.4) * 25;

async function importAndOpen(page: Page, record: string): Promise<void> {
  await page.getByTestId('import-input').setInputFiles(mit(record));
  await expect(page.getByTestId('import-report')).toContainText(/imported/i, { timeout: 60_000 });
  await page
    .getByTestId('recording-item')
    .filter({ has: page.locator('.name', { hasText: new RegExp(`^${record}$`) }) })
    .click();
  await expect(page.getByTestId('paper')).toHaveAttribute('data-loaded', 'true');
}

async function waitForAnalysis(page: Page): Promise<void> {
  await expect(page.getByTestId('analysis-status')).toHaveAttribute('data-state', 'done', {
    timeout: 90_000,
  });
}

test.describe('analysis results', () => {
  test.skip(!haveData, `shared data not found under ${data} (set ECG_DATA_DIR)`);
  let host: RunningHost;
  test.beforeAll(async () => {
    host = await startHost();
    mkdirSync(screens, { recursive: true });
  });
  test.afterAll(async () => host?.stop());

  test('MIT-BIH 100: beat markers, beat detail, measurements, trend, calipers, filters', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const filtersSent: unknown[] = [];
    page.on('request', (req: Request) => {
      if (req.url().endsWith('/api/signals.window')) {
        filtersSent.push(JSON.parse(req.postData() ?? '{}').filters);
      }
    });
    await page.goto(host.launchUrl);
    await importAndOpen(page, '100');
    await waitForAnalysis(page);

    // Beat markers with their classes, above the traces; the file's track stays separate.
    const markers = page.getByTestId('beat-marker');
    await expect(markers.first()).toBeVisible();
    expect(await markers.count()).toBeGreaterThan(5);
    const labels = await markers.evaluateAll((els) => els.map((e) => e.getAttribute('data-label')));
    expect(labels.every((l) => /^[NSVFQ]$/.test(l ?? ''))).toBe(true);
    await expect(page.getByTestId('annotation-track')).toBeVisible();
    await expect(markers.first()).toHaveAttribute('title', /Normal|ventricular|Supra/i);
    expect(Number(await page.getByTestId('beat-count-N').textContent())).toBeGreaterThan(2000);

    // Measurements from the analysis; the axis needs limb leads this record does not have.
    await expect(page.getByTestId('measurement-hr')).toContainText(/\d+\s*bpm/);
    await expect(page.getByTestId('measurement-qtc')).toContainText('QT / √RR');
    await expect(page.getByTestId('measurement-qtcf')).toContainText('QT / ∛RR');
    await expect(page.getByTestId('measurement-axis')).toContainText('—');
    await expect(page.getByTestId('measurement-axis')).toHaveAttribute('title', /limb leads/);
    await expect(page.getByTestId('rhythm-label')).not.toBeEmpty();
    await expect(page.getByTestId('rhythm-episode').first()).toBeVisible();
    await expect(page.getByTestId('hr-trend')).toContainText('bpm');
    await expect(page.getByTestId('ml-status')).toContainText('ML:');

    // Beat detail: click the fourth letter.
    const fourth = markers.nth(3);
    const sample = await fourth.getAttribute('data-sample');
    await fourth.click();
    await expect(fourth).toHaveClass(/selected/);
    const detail = page.getByTestId('beat-detail');
    await expect(detail.getByTestId('beat-detail-label')).toHaveAttribute(
      'data-label',
      (await fourth.getAttribute('data-label'))!,
    );
    await expect(detail).toContainText(`sample ${sample}`);
    await expect(detail.getByTestId('beat-waveform').getByTestId('trace-canvas')).toBeVisible();
    await expect(detail.getByTestId('beat-provenance')).not.toBeEmpty();
    await page.screenshot({ path: join(screens, 'e2e-100-beat-detail.png') });

    // Calipers: two clicks 100 CSS px apart on the first trace give 100 px of paper in ms.
    await page.getByTestId('caliper-toggle').click();
    const canvas = page.getByTestId('lead-row').first().getByTestId('trace-canvas');
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + 300, box.y + box.height / 2);
    await page.mouse.click(box.x + 400, box.y + box.height / 2 - 20);
    const readout = page.getByTestId('caliper-readout');
    await expect(readout).toHaveAttribute('data-dt-ms', /\d/);
    const dt = Number(await readout.getAttribute('data-dt-ms'));
    expect(dt).toBeGreaterThan((100 / PX_PER_S) * 1000 - 6);
    expect(dt).toBeLessThan((100 / PX_PER_S) * 1000 + 6);
    await expect(page.getByTestId('caliper-rate')).toContainText(/\d+(\.\d)? bpm/);
    await expect(page.getByTestId('caliper-dmv')).toContainText('mV');
    await page.screenshot({ path: join(screens, 'e2e-100-calipers.png') });
    await page.keyboard.press('Escape');
    await expect(readout).toHaveAttribute('data-dt-ms', '');

    // Filters: the default removes baseline wander and says so; the label follows the toggles
    // and the signal is read again with them.
    const label = page.getByTestId('paper-filters');
    await expect(label).toHaveText('0.5 Hz high-pass');
    await page.getByTestId('filter-lowpass').selectOption('40');
    await page.getByTestId('filter-powerline').selectOption('60');
    await expect(label).toHaveText('0.5–40 Hz, 60 Hz notch');
    await expect(page.getByTestId('paper')).toHaveAttribute('data-loaded', 'true');
    expect(filtersSent).toContainEqual({ baselineWander: true, powerlineHz: 60, lowpassHz: 40 });
    await page.getByTestId('filter-baseline').uncheck();
    await page.getByTestId('filter-lowpass').selectOption('');
    await page.getByTestId('filter-powerline').selectOption('');
    await expect(label).toHaveText('Unfiltered (raw)');
    await page.getByTestId('filter-baseline').check();
    await expect(label).toHaveText('0.5 Hz high-pass');
    expect(errors).toEqual([]);
  });

  test('MIT-BIH 208: next / previous V beat by button and keyboard', async ({ page }) => {
    await page.goto(host.launchUrl);
    await importAndOpen(page, '208');
    await waitForAnalysis(page);
    expect(Number(await page.getByTestId('beat-count-V').textContent())).toBeGreaterThan(900);

    await page.getByTestId('beat-filter-V').click();
    const selected = page.locator('[data-testid=beat-marker].selected');
    const range = page.getByTestId('view-range');

    // Step far enough that the view has to move.
    const before = await range.textContent();
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) {
      await page.getByTestId('beat-next').click();
      await expect(selected).toHaveAttribute('data-label', 'V');
      const s = Number(await selected.getAttribute('data-sample'));
      if (seen.length > 0) expect(s).toBeGreaterThan(seen[seen.length - 1]);
      seen.push(s);
    }
    await expect(range).not.toHaveText(before ?? '');
    await expect(page.getByTestId('beat-detail-label')).toHaveAttribute('data-label', 'V');

    // ] and [ step through the same class from the keyboard.
    await page.locator('body').click({ position: { x: 5, y: 890 } });
    await page.keyboard.press(']');
    await expect(selected).toHaveAttribute('data-label', 'V');
    const next = Number(await selected.getAttribute('data-sample'));
    expect(next).toBeGreaterThan(seen[seen.length - 1]);
    await page.keyboard.press('[');
    await expect(selected).toHaveAttribute('data-sample', String(seen[seen.length - 1]));
    await page.getByTestId('beat-prev').click();
    await expect(selected).toHaveAttribute('data-sample', String(seen[seen.length - 2]));

    // Ctrl+→ moves to the adjacent beat whatever its class.
    await page.keyboard.press('Control+ArrowRight');
    await expect(selected).toHaveAttribute('data-sample', /\d+/);
    const adj = Number(await selected.getAttribute('data-sample'));
    expect(adj).toBeGreaterThan(seen[seen.length - 2]);
    expect(adj).toBeLessThanOrEqual(seen[seen.length - 1]);
    await page.screenshot({ path: join(screens, 'e2e-208-next-v.png') });
  });
});
