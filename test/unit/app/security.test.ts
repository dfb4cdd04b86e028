import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL, IPC_PICK_FILES_CHANNEL } from '../../../common/ipc';
import {
  CONTENT_SECURITY_POLICY,
  isTrustedSenderUrl,
  secureWebPreferences,
} from '../../../main/app/security';
import { startApp, type ElectronDeps } from '../../../main/app/start';
import type { Handlers } from '../../../main/api/dispatch';
import { batteryState, machineProfile, ON_BATTERY_ENV } from '../../../main/config/machine';
import { createFakeElectron, FakeBrowserWindow, FakeWebContents } from './fake-electron';

const handlers = {
  'app.info': () => ({ version: 't', host: 'electron', storePath: ':memory:', mlBackend: null }),
} as unknown as Handlers;

async function boot(opts: { gotLock?: boolean; devServerUrl?: string; onBattery?: boolean } = {}) {
  const fake = createFakeElectron(opts);
  const started = startApp(fake.electron as unknown as ElectronDeps, {
    outDir: '/opt/ecg-desk/out/main',
    devServerUrl: opts.devServerUrl,
    createHandlers: () => handlers,
  });
  const window = await started.ready;
  return { ...fake, window };
}

describe('secure window defaults', () => {
  it('isolates, sandboxes and denies Node in every renderer', () => {
    const prefs = secureWebPreferences('/p/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/p/preload.cjs',
    });
  });

  it('has a CSP that allows only the app itself to run scripts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('opens the window with those preferences and the built renderer', async () => {
    const { window } = await boot();
    expect(window).not.toBeNull();
    const created = FakeBrowserWindow.instances[0];
    expect(created.options.webPreferences).toEqual(
      secureWebPreferences('/opt/ecg-desk/out/preload/index.cjs'),
    );
    expect(created.loaded.file).toBe('/opt/ecg-desk/out/renderer/index.html');
  });

  it('denies every permission and adds the CSP header to responses', async () => {
    const { permission } = await boot();
    const answers: boolean[] = [];
    permission.request?.({}, 'media', (ok) => answers.push(ok));
    permission.request?.({}, 'notifications', (ok) => answers.push(ok));
    expect(answers).toEqual([false, false]);
    expect(permission.check?.({}, 'geolocation')).toBe(false);
    let headers: unknown;
    permission.headers?.({ responseHeaders: { A: ['b'] } }, (r) => (headers = r));
    expect(headers).toEqual({
      responseHeaders: { A: ['b'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('blocks navigation, redirects, webviews and new windows in every web contents', async () => {
    const { appEvents } = await boot();
    const contents = new FakeWebContents();
    appEvents.emit('web-contents-created', {}, contents);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      contents.emit(event, { preventDefault: () => (prevented = true) }, 'https://example.org/');
      expect(prevented, event).toBe(true);
    }
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({
      action: 'deny',
    });
  });

  it('quits when another instance holds the single-instance lock', async () => {
    const { window, calls } = await boot({ gotLock: false });
    expect(window).toBeNull();
    expect(calls.quit).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { appEvents } = await boot();
    appEvents.emit('second-instance');
    expect(FakeBrowserWindow.instances[0].focused).toBe(1);
  });
});

describe('IPC sender checks', () => {
  const appUrl = 'file:///opt/ecg-desk/out/renderer/index.html';
  it('trusts only the app page itself', () => {
    expect(isTrustedSenderUrl(appUrl, appUrl)).toBe(true);
    expect(isTrustedSenderUrl(`${appUrl}#/recording/1`, appUrl)).toBe(true);
    expect(isTrustedSenderUrl('file:///tmp/evil.html', appUrl)).toBe(false);
    expect(isTrustedSenderUrl('https://example.org/', appUrl)).toBe(false);
    expect(isTrustedSenderUrl(undefined, appUrl)).toBe(false);
    expect(isTrustedSenderUrl('not a url', appUrl)).toBe(false);
    expect(isTrustedSenderUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isTrustedSenderUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false);
  });

  it('answers calls from the app page and refuses foreign frames', async () => {
    const { ipcHandlers } = await boot();
    const invoke = ipcHandlers.get(IPC_CHANNEL)!;
    const fromApp = { senderFrame: { url: 'file:///opt/ecg-desk/out/renderer/index.html' } };
    const fromElsewhere = { senderFrame: { url: 'https://example.org/' } };
    await expect(invoke(fromApp, 'app.info', {})).resolves.toMatchObject({ ok: true });
    await expect(invoke(fromElsewhere, 'app.info', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await expect(invoke(fromApp, 'app.info', { extra: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    await expect(invoke(fromApp, 'fs.readFile', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });

  it('opens the native dialog only for the app page', async () => {
    const { ipcHandlers, calls } = await boot();
    const pick = ipcHandlers.get(IPC_PICK_FILES_CHANNEL)!;
    await expect(pick({ senderFrame: { url: 'https://example.org/' } })).resolves.toMatchObject({
      ok: false,
    });
    expect(calls.dialog).toBe(0);
    await expect(
      pick({ senderFrame: { url: 'file:///opt/ecg-desk/out/renderer/index.html' } }),
    ).resolves.toEqual({ ok: true, value: ['/data/100.hea'] });
  });

  it('loads the dev server when one is given and trusts only its origin', async () => {
    const { ipcHandlers } = await boot({ devServerUrl: 'http://localhost:5173/' });
    expect(FakeBrowserWindow.instances[0].loaded.url).toBe('http://localhost:5173/');
    const invoke = ipcHandlers.get(IPC_CHANNEL)!;
    await expect(
      invoke(
        { senderFrame: { url: 'file:///opt/ecg-desk/out/renderer/index.html' } },
        'app.info',
        {},
      ),
    ).resolves.toMatchObject({ ok: false });
  });
});

describe('battery state for the Auto model choice', () => {
  it('follows powerMonitor into the environment the analysis workers inherit', async () => {
    const before = process.env[ON_BATTERY_ENV];
    try {
      const { power } = await boot({ onBattery: true });
      expect(process.env[ON_BATTERY_ENV]).toBe('1');
      expect(batteryState()).toBe(true);
      power.onBattery = false;
      power.events.emit('on-ac');
      expect(process.env[ON_BATTERY_ENV]).toBe('0');
      expect(machineProfile().onBattery).toBe(false);
      power.onBattery = true;
      power.events.emit('on-battery');
      expect(batteryState()).toBe(true);
    } finally {
      if (before === undefined) delete process.env[ON_BATTERY_ENV];
      else process.env[ON_BATTERY_ENV] = before;
    }
  });
});
