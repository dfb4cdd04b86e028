/**
 * Electron entry point. Deliberately thin: everything testable lives in `app/start.ts`, which
 * receives the electron module instead of importing it.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, session } from 'electron';
import { startApp } from './app/start';
import { openApi } from './api/open-api';
import { STORE_FILE_NAME } from './store';

startApp(
  { app, BrowserWindow, dialog, ipcMain, powerMonitor, session },
  {
    outDir: __dirname,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    createHandlers: (userDataDir) => {
      const api = openApi(
        process.env.ECG_DESK_DB || join(userDataDir, STORE_FILE_NAME),
        'electron',
      );
      app.on('will-quit', () => api.close());
      return api.handlers;
    },
  },
);
