/**
 * A stand-in for the electron module: records what the shell asks of it so tests can check
 * window options, handlers and IPC without Electron (whose binary can't be downloaded here).
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow {
  static instances: FakeBrowserWindow[] = [];
  loaded: { file?: string; url?: string } = {};
  focused = 0;
  webContents = new FakeWebContents();
  constructor(readonly options: Record<string, unknown>) {
    FakeBrowserWindow.instances.push(this);
  }
  loadFile(file: string): Promise<void> {
    this.loaded.file = file;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loaded.url = url;
    return Promise.resolve();
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {
    this.focused += 1;
  }
}

export function createFakeElectron(opts: { gotLock?: boolean; onBattery?: boolean } = {}) {
  FakeBrowserWindow.instances = [];
  const appEvents = new EventEmitter();
  const ipcHandlers = new Map<string, Listener>();
  const permission = {
    request: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    check: null as null | ((...a: unknown[]) => boolean),
    headers: null as null | ((d: unknown, cb: (r: unknown) => void) => void),
  };
  const calls = { quit: 0, dialog: 0 };
  const power = { onBattery: opts.onBattery ?? false, events: new EventEmitter() };
  const electron = {
    powerMonitor: {
      isOnBatteryPower: () => power.onBattery,
      on: (event: string, listener: Listener) => power.events.on(event, listener),
    },
    app: {
      setName: () => undefined,
      requestSingleInstanceLock: () => opts.gotLock ?? true,
      quit: () => {
        calls.quit += 1;
      },
      on: (event: string, listener: Listener) => appEvents.on(event, listener),
      whenReady: () => Promise.resolve(),
      getPath: () => '/tmp/fake-user-data',
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, listener: Listener) => ipcHandlers.set(channel, listener),
    },
    dialog: {
      showOpenDialog: () => {
        calls.dialog += 1;
        return Promise.resolve({ canceled: false, filePaths: ['/data/100.hea'] });
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof permission.request) => (permission.request = h),
        setPermissionCheckHandler: (h: typeof permission.check) => (permission.check = h),
        webRequest: {
          onHeadersReceived: (h: typeof permission.headers) => (permission.headers = h),
        },
      },
    },
  };
  return { electron, appEvents, ipcHandlers, permission, calls, power };
}
