/**
 * The sandboxed preload: a thin bridge exposing one object, `window.ecgDesk`. It forwards
 * calls to the main process over one channel and turns error outcomes back into exceptions.
 * No Node APIs reach the page.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC_CHANNEL, IPC_PICK_FILES_CHANNEL, type DeskBridge, type IpcOutcome } from '@common/ipc';

function unwrap<T>(outcome: IpcOutcome): T {
  if (outcome.ok) return outcome.value as T;
  throw new Error(outcome.error.message);
}

const bridge: DeskBridge = {
  host: 'electron',
  invoke: (method, input) =>
    ipcRenderer.invoke(IPC_CHANNEL, method, input).then((o: IpcOutcome) => unwrap(o)),
  pickFiles: () =>
    ipcRenderer.invoke(IPC_PICK_FILES_CHANNEL).then((o: IpcOutcome) => unwrap<string[]>(o)),
  pathForFile: (file) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('ecgDesk', bridge);
