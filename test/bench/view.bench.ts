/**
 * `npm run bench:view`: how fast the viewer is in Chromium against the real web host.
 * For each recording (variants compared in one run): time from clicking the recording to the
 * first painted trace, frame times while dragging the trace, and time for a page jump
 * (PageDown) to be drawn. Writes bench-results/view.json.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from '../e2e/web-host';

const root = resolve(__dirname, '..', '..');
const data = process.env.ECG_DATA_DIR
  ? resolve(process.env.ECG_DATA_DIR)
  : resolve(root, '..', 'shared', 'data');

const variants = [
  {
    name: 'mitdb/100 (2 leads, 360 Hz, 30 min), stacked',
    record: '100',
    layout: null,
    files: ['100.hea', '100.dat', '100.atr'].map((f) => join(data, 'mitdb', f)),
  },
  {
    name: 'ptbxl/00001_lr (12 leads, 100 Hz, 10 s), 3×4',
    record: '00001_lr',
    layout: '3×4 + rhythm',
    files: ['00001_lr.hea', '00001_lr.dat'].map((f) =>
      join(data, 'ptbxl', 'records100', '00000', f),
    ),
  },
  {
    name: 'ludb/1 (12 leads, 500 Hz, 10 s), stacked',
    record: '1',
    layout: null,
    files: ['1.hea', '1.dat'].map((f) => join(data, 'ludb', 'data', f)),
  },
];

const PAINTED = '[data-testid="paper"][data-loaded="true"]';

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const round = (x: number | undefined) => (x === undefined ? null : Math.round(x * 10) / 10);
  const q = (p: number) => round(s[Math.min(s.length - 1, Math.floor(p * s.length))]);
  return {
    n: s.length,
    medianMs: q(0.5),
    p95Ms: q(0.95),
    maxMs: round(s[s.length - 1]),
    over20Ms: s.filter((x) => x > 20).length,
  };
}

/** ms from now until the painted marker appears and the next frame is drawn. */
function untilPainted(page: Page): Promise<number> {
  return page.evaluate(
    (sel) =>
      new Promise<number>((resolveT) => {
        const t0 = performance.now();
        const done = () =>
          requestAnimationFrame(() =>
            requestAnimationFrame(() => resolveT(performance.now() - t0)),
          );
        const check = () => {
          if (document.querySelector(sel)) {
            observer.disconnect();
            done();
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { attributes: true, subtree: true, childList: true });
      }),
    PAINTED,
  );
}

async function frameTimesWhile(page: Page, action: () => Promise<void>): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__frames = [];
    w.__stop = false;
    let last = performance.now();
    const tick = (t: number) => {
      w.__frames.push(t - last);
      last = t;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await action();
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __stop: boolean };
    w.__stop = true;
    return w.__frames.slice(1);
  });
}

test('viewer speed', async ({ page }) => {
  test.skip(!variants.every((v) => v.files.every(existsSync)), `data not found under ${data}`);
  const host: RunningHost = await startHost();
  const results: Record<string, unknown>[] = [];
  try {
    await page.goto(host.launchUrl);
    for (const v of variants) {
      await page.getByTestId('import-input').setInputFiles(v.files);
      await expect(page.getByTestId('import-report')).toContainText(/imported/i, {
        timeout: 60_000,
      });
    }
    for (const v of variants) {
      const openMs: number[] = [];
      for (let i = 0; i < 5; i++) {
        // Open another recording first so each click really opens this one.
        const other = variants.find((o) => o !== v)!;
        await openRecording(page, other.record);
        await page.locator(PAINTED).waitFor();
        const painted = untilPainted(page);
        await openRecording(page, v.record);
        openMs.push(await painted);
      }
      if (v.layout) await page.getByTestId('layout-select').selectOption({ label: v.layout });
      await page.locator(PAINTED).waitFor();
      const box = (await page.getByTestId('trace-canvas').first().boundingBox())!;
      const y = box.y + box.height / 2;
      const dragFrames = await frameTimesWhile(page, async () => {
        await page.mouse.move(box.x + box.width * 0.8, y);
        await page.mouse.down();
        for (let i = 0; i < 60; i++) await page.mouse.move(box.x + box.width * (0.8 - i * 0.01), y);
        await page.mouse.up();
      });
      const jumpMs: number[] = [];
      // Page jumps only mean something where the recording is longer than the view.
      for (let i = 0; i < (v.record === '100' ? 8 : 0); i++) {
        const painted = untilPainted(page);
        await page.keyboard.press(i % 2 ? 'PageUp' : 'PageDown');
        jumpMs.push(
          await Promise.race([painted, new Promise<number>((r) => setTimeout(() => r(NaN), 5000))]),
        );
      }
      results.push({
        variant: v.name,
        openToFirstPaint: stats(openMs),
        dragFrames: stats(dragFrames),
        pageJumpToPaint: stats(jumpMs.filter((x) => Number.isFinite(x))),
      });
    }
  } finally {
    await host.stop();
  }
  const out = join(root, 'bench-results');
  mkdirSync(out, { recursive: true });
  const report = {
    bench: 'view',
    command: 'npm run bench:view',
    browser: 'Debian Chromium (headless), 1400×900',
    machine: { cores: (await import('node:os')).cpus().length },
    at: new Date().toISOString(),
    results,
  };
  writeFileSync(join(out, 'view.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
});

async function openRecording(page: Page, recordName: string) {
  const name = page.locator('.name', { hasText: new RegExp(`^${recordName}$`) });
  await page.getByTestId('recording-item').filter({ has: name }).first().click();
}
