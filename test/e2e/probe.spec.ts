/**
 * The adversarial-sensitivity probe in the viewer, in Debian Chromium against the real web host
 * and a fresh store: import LUDB record 4 (10 s, 12 leads) through the UI, wait for its
 * analysis, "Probe all beats" from the header and see the run's summary (and `probe.get`);
 * fragile beats carry a mark on the beat track and a line in the beat panel; "Probe this beat"
 * in the beat panel shows the model input with its adversarial copy overlaid, the flip and ε
 * (or "no flip up to ε = …") and the verdict.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { ProbeRunSummary } from '@common/types';
import { startHost, type RunningHost } from './web-host';

const data = process.env.ECG_DATA_DIR
  ? resolve(process.env.ECG_DATA_DIR)
  : resolve(__dirname, '..', '..', '..', 'shared', 'data');
/** LUDB record 4: 10 s, 12 leads, 9 beats, some of them fragile for the shipped models. */
const ludb4 = ['4.hea', '4.dat'].map((f) => join(data, 'ludb', 'data', f));
const haveData = ludb4.every((f) => existsSync(f));
const screens = resolve(__dirname, '..', '..', 'test-results', 'screens');

/** Calls the host's API with the page's token (as the renderer does). */
async function api<T>(page: Page, method: string, input: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, input }) => {
      const token = sessionStorage.getItem('ecgDesk.token');
      const res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(input),
      });
      if (!res.ok) throw new Error(`${method}: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    },
    { method, input },
  ) as Promise<T>;
}

test.describe('adversarial probe', () => {
  test.skip(!haveData, `LUDB record 4 not found under ${join(data, 'ludb')} (set ECG_DATA_DIR)`);
  let host: RunningHost;
  test.beforeAll(async () => {
    host = await startHost();
    mkdirSync(screens, { recursive: true });
  });
  test.afterAll(async () => host?.stop());

  test('LUDB 4: probe all beats, fragile marks, probe one beat with the overlay', async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(host.launchUrl);

    await page.getByTestId('import-input').setInputFiles(ludb4);
    await expect(page.getByTestId('import-report')).toContainText(/imported/i, { timeout: 60_000 });
    const item = page
      .getByTestId('recording-item')
      .filter({ has: page.locator('.name', { hasText: /^4$/ }) });
    const recordingId = (await item.getAttribute('data-recording-id'))!;
    await item.click();
    await expect(page.getByTestId('paper')).toHaveAttribute('data-loaded', 'true');
    await expect(page.getByTestId('analysis-status')).toHaveAttribute('data-state', 'done', {
      timeout: 90_000,
    });

    // Not probed yet: the method choice and the start button.
    const status = page.getByTestId('probe-status');
    await expect(status).toHaveAttribute('data-state', 'none');
    await expect(page.getByTestId('probe-method')).toHaveValue('pgd');
    await expect(page.getByTestId('probe-start')).toBeEnabled();
    expect(await api<ProbeRunSummary | null>(page, 'probe.get', { recordingId })).toBeNull();

    // Probe every beat in the background; the summary replaces the progress.
    await page.getByTestId('probe-start').click();
    await expect(status).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
    const summary = page.getByTestId('probe-summary');
    await expect(summary).toHaveText(
      /^\d+ fragile of \d+ beats · PGD · ε < 0\.\d+ · \S+@\S+ · [\d.]+ s$/,
    );
    await expect(summary).toHaveAttribute('title', /flips the model’s label/);
    const run = await api<ProbeRunSummary | null>(page, 'probe.get', { recordingId });
    expect(run).not.toBeNull();
    expect(run!.method).toBe('pgd');
    expect(run!.beats).toBeGreaterThan(5);
    const text = (await summary.textContent())!.replace(/\s+/g, ' ').trim();
    expect(text).toContain(`${run!.fragile} fragile of ${run!.beats} beats`);
    expect(text).toContain(run!.modelVersion);
    expect(text).toContain(`ε < ${run!.fragileThreshold}`);
    console.log(`probe of LUDB 4: ${text}`);

    // The beats were read again: the track marks exactly the fragile beats it shows.
    const markers = page.getByTestId('beat-marker');
    await expect(markers.first()).toBeVisible();
    const shown = await markers.evaluateAll((els) =>
      els.map((e) => ({
        sample: Number(e.getAttribute('data-sample')),
        fragile: e.getAttribute('data-fragile') === 'true',
        mark: e.querySelector('[data-testid=beat-fragile-mark]') !== null,
        title: e.getAttribute('title') ?? '',
      })),
    );
    const rows = await api<{ sample: number; fragile: boolean | null }[]>(page, 'beats.list', {
      recordingId,
    });
    const fragileSamples = new Set(rows.filter((r) => r.fragile).map((r) => r.sample));
    expect(rows.filter((r) => r.fragile).length).toBe(run!.fragile);
    expect(rows.every((r) => r.fragile !== null)).toBe(true);
    for (const m of shown) {
      expect(m.fragile).toBe(fragileSamples.has(m.sample));
      expect(m.mark).toBe(m.fragile);
      if (m.fragile) expect(m.title).toMatch(/Fragile \(ε = 0\.\d{3}\)/);
      else expect(m.title).not.toMatch(/Fragile/);
    }
    await page.screenshot({ path: join(screens, 'probe-ludb-summary.png') });

    // The beat panel (closed by default for short ECGs).
    await page.getByTestId('inspector-toggle').click();
    const detail = page.getByTestId('beat-detail');
    await expect(detail).toBeVisible();

    // The first fragile beat through the navigator's filter (the whole record is on screen, so
    // its marker carries the mark), or the third beat when the model has no fragile label here.
    let target = shown[Math.min(2, shown.length - 1)];
    if (run!.fragile > 0) {
      expect(shown.some((m) => m.mark)).toBe(true);
      await page.getByTestId('beat-filter-fragile').check();
      await page.getByTestId('beat-next').click();
      const selected = page.locator('[data-testid=beat-marker].selected');
      await expect(selected).toHaveAttribute('data-fragile', 'true');
      const selectedSample = Number(await selected.getAttribute('data-sample'));
      target = shown.find((m) => m.sample === selectedSample)!;
      await selected.scrollIntoViewIfNeeded();
      const box = (await selected.boundingBox())!;
      await page.screenshot({
        path: join(screens, 'probe-ludb-fragile-marker.png'),
        clip: { x: Math.max(0, box.x - 120), y: Math.max(0, box.y - 12), width: 240, height: 44 },
      });
    } else {
      await page.locator(`[data-testid=beat-marker][data-sample="${target.sample}"]`).click();
    }
    await expect(detail).toContainText(`sample ${target.sample}`);
    if (target.fragile) await expect(detail.getByTestId('beat-fragile-flag')).toBeVisible();
    else await expect(detail.getByTestId('beat-probe-stored')).toContainText('robust');

    // Probe this beat: the verdict, ε or "no flip", and the overlay when a flip was found.
    await detail.getByTestId('beat-probe-start').click();
    const verdict = detail.getByTestId('beat-probe-verdict');
    await expect(verdict).toBeVisible({ timeout: 30_000 });
    await expect(
      detail.getByTestId('beat-probe-waveform').getByTestId('trace-canvas'),
    ).toBeVisible();
    const flips = (await detail.getByTestId('beat-probe-flip').count()) > 0;
    if (flips) {
      await expect(detail.getByTestId('beat-probe-eps')).toHaveText(/^0\.\d{3}$/);
      await expect(detail.getByTestId('beat-probe-overlay')).toBeVisible();
      await expect(detail.getByTestId('beat-probe-amplitude')).toContainText(/\d+ µV/);
      const eps = Number(await detail.getByTestId('beat-probe-eps').textContent());
      await expect(verdict).toHaveAttribute(
        'data-verdict',
        eps < run!.fragileThreshold ? 'fragile' : 'robust',
      );
    } else {
      await expect(detail.getByTestId('beat-probe-noflip')).toContainText(
        /no flip up to ε = 0\.\d+/,
      );
      await expect(verdict).toHaveAttribute('data-verdict', 'robust');
    }
    await expect(detail.getByTestId('beat-probe-meta')).toContainText('PGD');
    await detail.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screens, 'probe-ludb-beat.png') });
    await detail
      .getByTestId('beat-probe')
      .screenshot({ path: join(screens, 'probe-ludb-beat-panel.png') });

    // SPSA from the same choice: the beat panel follows the method.
    await page.getByTestId('probe-method').selectOption('spsa');
    await expect(detail.getByTestId('beat-probe-verdict')).toHaveCount(0);
    await detail.getByTestId('beat-probe-start').click();
    await expect(detail.getByTestId('beat-probe-meta')).toContainText('SPSA', {
      timeout: 30_000,
    });

    // The NSR variant (L2 ball): ε is a noise-to-signal ratio, the change is an RMS.
    await page.getByTestId('probe-method').selectOption('pgd-nsr');
    await detail.getByTestId('beat-probe-start').click();
    await expect(detail.getByTestId('beat-probe-meta')).toContainText(
      /PGD-NSR · \S+ · fragile below NSR = 0\.025/,
      { timeout: 30_000 },
    );
    if ((await detail.getByTestId('beat-probe-flip').count()) > 0) {
      await expect(detail.getByTestId('beat-probe-flip')).toContainText(/at NSR = 0\.\d{3}/);
      await expect(detail.getByTestId('beat-probe-amplitude')).toContainText(
        /RMS of the change\s+\d+ µV/,
      );
    } else {
      await expect(detail.getByTestId('beat-probe-noflip')).toContainText(
        'no flip up to NSR = 0.5',
      );
    }
    await detail
      .getByTestId('beat-probe')
      .screenshot({ path: join(screens, 'probe-ludb-beat-panel-nsr.png') });

    // A whole-recording NSR run replaces the summary; its ε is named NSR everywhere.
    await page.getByTestId('probe-start').click();
    await expect(summary).toHaveText(
      /^\d+ fragile of \d+ beats · PGD-NSR · NSR < 0\.025 · \S+@\S+ · [\d.]+ s$/,
      { timeout: 120_000 },
    );
    await expect(summary).toHaveAttribute('title', /RMS of the change over the RMS of the beat/);
    await page
      .getByTestId('probe-status')
      .screenshot({ path: join(screens, 'probe-ludb-summary-nsr.png') });
    expect(errors).toEqual([]);
  });
});
