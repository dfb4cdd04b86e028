/**
 * The renderer's own promises, in Debian Chromium against the real web host: the paper is
 * calibrated in millimetres (gain, speed and screen calibration scale grid and traces together),
 * only windows of the signal are read, the overview / keyboard / drag move the view, the cursor
 * reads values, and the token and theme are handled as documented.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page, type Request } from '@playwright/test';
import { startHost, type RunningHost } from './web-host';

const data = process.env.ECG_DATA_DIR
  ? resolve(process.env.ECG_DATA_DIR)
  : resolve(__dirname, '..', '..', '..', 'shared', 'data');
const mit100 = ['100.hea', '100.dat', '100.atr'].map((f) => join(data, 'mitdb', f));
const haveData = mit100.every((f) => existsSync(f));

/** CSS px per mm before calibration (96 CSS px per inch). */
const PX_PER_MM = 96 / 25.4;
const FS = 360;
const SAMPLES = 650_000;

function parseRange(text: string | null): [number, number] {
  const m = /([\d.]+)\s*–\s*([\d.]+)\s*s/.exec(text ?? '');
  if (!m) throw new Error(`view-range not understood: ${text}`);
  return [Number(m[1]), Number(m[2])];
}

async function viewRange(page: Page): Promise<[number, number]> {
  return parseRange(await page.getByTestId('view-range').textContent());
}

async function openRecord(page: Page, name: string) {
  await page
    .getByTestId('recording-item')
    .filter({ has: page.locator('.name', { hasText: new RegExp(`^${name}$`) }) })
    .click();
  await expect(page.getByTestId('paper')).toHaveAttribute('data-loaded', 'true');
}

test.describe('renderer controls', () => {
  test.skip(!haveData, `shared data not found under ${data} (set ECG_DATA_DIR)`);
  let host: RunningHost;
  test.beforeAll(async () => {
    host = await startHost();
  });
  test.afterAll(async () => host?.stop());

  test('calibrated paper, windowed reads, navigation and cursor on MIT-BIH 100', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const windows: { start: number; end: number; maxPoints?: number }[] = [];
    page.on('request', (req: Request) => {
      if (!req.url().endsWith('/api/signals.window')) return;
      const body = JSON.parse(req.postData() ?? '{}');
      windows.push({ start: body.startSample, end: body.endSample, maxPoints: body.maxPoints });
    });

    await page.goto(host.launchUrl);
    // The token leaves the address bar and stays in sessionStorage.
    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate('sessionStorage.getItem("ecgDesk.token")')).toBeTruthy();

    await expect(page.getByTestId('recording-list')).toHaveAttribute('data-loaded', 'true');
    await page.getByTestId('import-input').setInputFiles(mit100);
    await expect(page.getByTestId('import-report')).toContainText(/imported/i, { timeout: 60_000 });
    await openRecord(page, '100');

    // Paper geometry: a 10 mm/mV row is 30 mm high; 25 mm/s fills the width with seconds.
    const canvas = page.getByTestId('trace-canvas').first();
    const h10 = (await canvas.boundingBox())!.height;
    expect(h10).toBeCloseTo(30 * PX_PER_MM, 0);
    const [s0, e0] = await viewRange(page);
    expect(s0).toBe(0);
    const span25 = e0 - s0;

    await page.getByTestId('gain-select').selectOption('20');
    await expect.poll(async () => (await canvas.boundingBox())!.height).toBeCloseTo(2 * h10, 0);
    await page.getByTestId('gain-select').selectOption('10');

    await page.getByTestId('speed-select').selectOption('50');
    await expect
      .poll(async () => {
        const [s, e] = await viewRange(page);
        return (e - s) / span25;
      })
      .toBeCloseTo(0.5, 1);
    await page.getByTestId('speed-select').selectOption('25');

    // Screen calibration scales everything: 5 px/mm makes the 30 mm row 150 px high.
    await page.getByTestId('calibration').locator('summary').click();
    await page.getByTestId('calibration-range').fill('5');
    await expect.poll(async () => (await canvas.boundingBox())!.height).toBeCloseTo(150, 0);
    await page.getByTestId('calibration').getByRole('button', { name: 'Reset' }).click();
    await page.getByTestId('calibration').locator('summary').click();
    await expect.poll(async () => (await canvas.boundingBox())!.height).toBeCloseTo(h10, 0);

    // Reference beats from 100.atr are shown above the trace.
    expect(await page.getByTestId('annotation-marker').count()).toBeGreaterThan(5);

    // Cursor: time and every lead's value.
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByTestId('cursor-readout')).toContainText(/MLII\s+−?\d+\.\d{3} mV/);
    await expect(page.getByTestId('cursor-readout')).toContainText(/V5\s+−?\d+\.\d{3} mV/);

    // Drag to the left by 2 s of paper (50 mm at 25 mm/s) moves the view 2 s later.
    const [before] = await viewRange(page);
    await page.mouse.move(box.x + box.width * 0.8, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.8 - 50 * PX_PER_MM, box.y + 40, { steps: 8 });
    await page.mouse.up();
    const [after] = await viewRange(page);
    expect(after - before).toBeCloseTo(2, 1);

    // The overview's right edge reaches the last window; Home goes back to the start.
    const ov = (await page.getByTestId('overview').boundingBox())!;
    await page.mouse.click(ov.x + ov.width - 1, ov.y + ov.height / 2);
    await expect(page.getByTestId('view-range')).toContainText('1805.56');
    await expect(page.getByTestId('pan-right')).toBeDisabled();
    await expect(page.getByTestId('paper')).toHaveAttribute('data-loaded', 'true');
    await page.getByTestId('pan-left').focus();
    await page.keyboard.press('Home');
    await expect.poll(async () => (await viewRange(page))[0]).toBe(0);

    // Only windows were read: raw reads stay within 5 s blocks; the one whole-recording read is
    // the reduced overview.
    const raw = windows.filter((w) => w.maxPoints === undefined);
    expect(raw.length).toBeGreaterThan(0);
    for (const w of raw) expect(w.end - w.start).toBeLessThanOrEqual(5 * FS);
    for (const w of windows.filter((x) => x.end - x.start === SAMPLES)) {
      expect(w.maxPoints).toBeLessThanOrEqual(4000);
    }
    expect(errors).toEqual([]);
  });

  test('the theme persists across reloads', async ({ page }) => {
    await page.goto(host.launchUrl);
    const theme = () => page.evaluate<string | undefined>('document.documentElement.dataset.theme');
    const first = await theme();
    await page.getByTestId('theme-toggle').click();
    const second = await theme();
    expect(second).not.toBe(first);
    await page.reload();
    expect(await theme()).toBe(second);
    // The token survived the reload (sessionStorage), so the API still answers.
    await expect(page.getByTestId('app-status')).toContainText('Web host');
  });
});
