import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { findProjectRoot } from './project-root';

/**
 * Where the shared public ECG databases live: `ECG_DATA_DIR` when set, else `../shared/data`
 * beside the project's root. Used by tests, training and benchmarks, never by the app itself.
 */
export function ecgDataDir(projectRoot: string | null = findProjectRoot()): string {
  const fromEnv = process.env.ECG_DATA_DIR;
  if (fromEnv && fromEnv.trim() !== '') return resolve(fromEnv);
  return resolve(projectRoot ?? process.cwd(), '..', 'shared', 'data');
}

export function hasEcgData(sub = ''): boolean {
  return existsSync(resolve(ecgDataDir(), sub));
}
