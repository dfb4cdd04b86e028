/**
 * The Electron shell: one secure window, the IPC bridge to the API handlers, a single-instance
 * lock and the native open dialog. Electron itself is passed in (`main/index.ts` hands over the
 * real module), so tests drive this code with a fake and never load Electron.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  App,
  BrowserWindow as BrowserWindowType,
  BrowserWindowConstructorOptions,
  Dialog,
  IpcMain,
  IpcMainInvokeEvent,
  PowerMonitor,
  Session,
  WebContents,
} from 'electron';
import { IPC_CHANNEL, IPC_PICK_FILES_CHANNEL, type IpcOutcome } from '@common/ipc';
import { dispatch, type Handlers } from '../api/dispatch';
import { ON_BATTERY_ENV } from '../config/machine';
import {
  hardenSession,
  hardenWebContents,
  isTrustedSenderUrl,
  secureWebPreferences,
} from './security';

export interface ElectronDeps {
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on' | 'whenReady' | 'getPath' | 'setName'>;
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindowType;
  ipcMain: Pick<IpcMain, 'handle'>;
  dialog: Pick<Dialog, 'showOpenDialog'>;
  session: { defaultSession: Session };
  /** Battery state for the Auto model choice; optional so a shell without it still starts. */
  powerMonitor?: Pick<PowerMonitor, 'isOnBatteryPower' | 'on'>;
}

export interface StartOptions {
  /** Folder of the built app (`out/main`); preload and renderer are found beside it. */
  outDir: string;
  /** Dev server URL (electron-vite dev) instead of the built renderer. */
  devServerUrl?: string;
  /** Builds the API handlers once the user data folder is known. */
  createHandlers(userDataDir: string): Handlers;
}

export interface StartedApp {
  /** Resolves with the main window once the app is ready (null when another instance runs). */
  ready: Promise<BrowserWindowType | null>;
}

export function startApp(electron: ElectronDeps, options: StartOptions): StartedApp {
  const { app } = electron;
  app.setName('ECG Desk');
  if (!app.requestSingleInstanceLock()) {
    // Another window already owns the store; it is focused by its 'second-instance' handler.
    app.quit();
    return { ready: Promise.resolve(null) };
  }
  app.on('web-contents-created', (_event, contents: WebContents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());

  const rendererIndex = join(options.outDir, '..', 'renderer', 'index.html');
  const appUrl = options.devServerUrl ?? pathToFileURL(rendererIndex).href;
  let mainWindow: BrowserWindowType | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  const ready = app.whenReady().then(() => {
    hardenSession(electron.session.defaultSession);
    if (electron.powerMonitor) trackBattery(electron.powerMonitor);
    const handlers = options.createHandlers(app.getPath('userData'));
    registerIpc(electron, handlers, appUrl, () => mainWindow);
    mainWindow = createMainWindow(electron, join(options.outDir, '..', 'preload', 'index.cjs'));
    void (options.devServerUrl
      ? mainWindow.loadURL(options.devServerUrl)
      : mainWindow.loadFile(rendererIndex));
    return mainWindow;
  });
  return { ready };
}

/**
 * Keeps ON_BATTERY_ENV current, for the Auto beat-model choice made in each analysis worker
 * (main/config/machine.ts; workers copy the environment when they start).
 */
function trackBattery(pm: Pick<PowerMonitor, 'isOnBatteryPower' | 'on'>): void {
  const update = (): void => {
    process.env[ON_BATTERY_ENV] = pm.isOnBatteryPower() ? '1' : '0';
  };
  update();
  pm.on('on-battery', update);
  pm.on('on-ac', update);
}

function createMainWindow(electron: ElectronDeps, preloadPath: string): BrowserWindowType {
  const window = new electron.BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'ECG Desk',
    show: true,
    webPreferences: secureWebPreferences(preloadPath),
  });
  return window;
}

function registerIpc(
  electron: ElectronDeps,
  handlers: Handlers,
  appUrl: string,
  getWindow: () => BrowserWindowType | null,
): void {
  const trusted = (event: IpcMainInvokeEvent): boolean =>
    isTrustedSenderUrl(event.senderFrame?.url, appUrl);
  const forbidden: IpcOutcome = {
    ok: false,
    error: { code: 'forbidden', message: 'This call did not come from the ECG Desk window.' },
  };

  electron.ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown) =>
    trusted(event) ? dispatch(handlers, method, input) : forbidden,
  );
  electron.ipcMain.handle(IPC_PICK_FILES_CHANNEL, async (event): Promise<IpcOutcome> => {
    if (!trusted(event)) return forbidden;
    const window = getWindow();
    const options = {
      title: 'Import ECG recordings',
      properties: ['openFile', 'openDirectory', 'multiSelections'] as Array<
        'openFile' | 'openDirectory' | 'multiSelections'
      >,
      filters: [
        {
          name: 'ECG recordings',
          extensions: ['hea', 'dat', 'atr', 'xml', 'scp', 'dcm', 'edf', 'bdf'],
        },
      ],
    };
    const result = window
      ? await electron.dialog.showOpenDialog(window, options)
      : await electron.dialog.showOpenDialog(options);
    return { ok: true, value: result.canceled ? [] : result.filePaths };
  });
}
