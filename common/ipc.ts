/**
 * Electron IPC names and shapes. Dependency-free on purpose: the sandboxed preload imports it
 * and can bundle nothing heavier than constants and types.
 */
import type { ApiErrorBody, Input, Method, Result } from './api';

/** The channel for every contract call. */
export const IPC_CHANNEL = 'ecg-desk:invoke';
/** The channel for the native open-file dialog (no input; returns paths). */
export const IPC_PICK_FILES_CHANNEL = 'ecg-desk:pick-files';

/** What the IPC channel returns: errors travel as data so that no stack crosses the bridge. */
export type IpcOutcome = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody };

/** The object the preload script exposes on `window.ecgDesk`. */
export interface DeskBridge {
  host: 'electron';
  invoke<M extends Method>(method: M, input: Input<M>): Promise<Result<M>>;
  /** Native open dialog; resolves to the chosen paths (empty when cancelled). */
  pickFiles(): Promise<string[]>;
  /** The file-system path of a dropped File (Electron only). */
  pathForFile(file: File): string;
}
