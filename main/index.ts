/**
 * Electron entry point. Deliberately thin: everything testable lives in `app/start.ts`, which
 * receives the electron module instead of importing it.
 */
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { startApp } from './app/start';
import { createAppHandlers } from './app/handlers';

startApp(
  { app, BrowserWindow, dialog, ipcMain, session },
  {
    outDir: __dirname,
    devServerUrl: process.env.ELECTRON_RENDERER_URL,
    createHandlers: (userDataDir) => createAppHandlers(userDataDir, 'electron'),
  },
);
