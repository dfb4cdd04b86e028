import { join, resolve } from 'node:path';
import { describe } from 'vitest';
import { ecgDataDir, hasEcgData } from '../../main/config/data-dir';

const projectRoot = resolve(__dirname, '..', '..');

/** Absolute path inside the shared data folder (../shared/data or $ECG_DATA_DIR). */
export function dataPath(...parts: string[]): string {
  return join(ecgDataDir(projectRoot), ...parts);
}

/**
 * `describe` that runs only when the named part of the shared data is present; otherwise the
 * suite is skipped and says why, so a machine without ../shared still runs the rest.
 */
export function describeWithData(sub: string, name: string, fn: () => void): void {
  const present = hasEcgData(sub);
  if (!present) {
    console.warn(
      `[skip] "${name}": ${dataPath(sub)} is absent (set ECG_DATA_DIR to the shared data)`,
    );
  }
  (present ? describe : describe.skip)(name, fn);
}
