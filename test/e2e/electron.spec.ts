/**
 * The desktop app itself, driven through Playwright's Electron support. Runs where an Electron
 * binary exists; on machines where it can't be downloaded it is skipped with a message (the
 * same renderer and handlers are covered in Chromium by the web-host specs).
 */
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { electronBinary } = require('../../scripts/electron-binary.cjs') as {
  electronBinary(): string | null;
};

const binary = electronBinary();

test.describe('Electron app', () => {
  test.skip(!binary, 'Electron binary not installed on this machine (offline); see README');

  test('opens one secure window with the app', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'ecg-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [join(__dirname, '..', '..', 'out', 'main', 'index.js'), `--user-data-dir=${userData}`],
    });
    const window = await app.firstWindow();
    await expect(window).toHaveTitle(/ECG Desk/);
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0].webContents as unknown as {
        getLastWebPreferences(): Record<string, unknown>;
      };
      return contents.getLastWebPreferences();
    });
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(
      await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
    ).toBe('undefined');
    expect(
      await window.evaluate(() => typeof (window as unknown as { ecgDesk?: unknown }).ecgDesk),
    ).toBe('object');
    await app.close();
  });
});
