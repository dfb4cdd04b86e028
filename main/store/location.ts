import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Electron's app name, from package.json's productName: the user-data folder's name. */
export const APP_DIR_NAME = 'ECG Desk';
export const STORE_FILE_NAME = 'ecg-desk.db';

/**
 * The folder Electron's `app.getPath('userData')` gives for productName "ECG Desk", computed
 * without Electron so the CLI finds the same store as the app.
 */
export function userDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return join(env.APPDATA || join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  const config =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.trim() !== ''
      ? env.XDG_CONFIG_HOME
      : join(home, '.config');
  return join(config, APP_DIR_NAME);
}

/** The app's store: `ecg-desk.db` in the user-data folder (~/.config/ECG Desk on Linux). */
export function defaultStorePath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  return join(userDataDir(platform, env, home), STORE_FILE_NAME);
}

/** `--db` when given, else `ECG_DESK_DB`, else the app's store; relative paths from `cwd`. */
export function resolveStorePath(
  flag: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): string {
  if (flag !== undefined && flag !== '') return resolve(cwd, flag);
  const fromEnv = env.ECG_DESK_DB;
  if (fromEnv !== undefined && fromEnv.trim() !== '') return resolve(cwd, fromEnv);
  return defaultStorePath(process.platform, env);
}
