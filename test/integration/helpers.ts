import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataPath } from '../helpers/data';

export { tableCounts } from '../unit/store/fixtures';

/** A fresh temporary folder; `cleanup` removes it. */
export function tempDir(prefix = 'ecg-desk-it-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies the files of a shared-data record (`<name>.*`) into `dest` (created). */
export function copyRecord(sub: string, name: string, dest: string): string[] {
  const from = dataPath(sub);
  mkdirSync(dest, { recursive: true });
  const files = readdirSync(from).filter((f) => f.startsWith(`${name}.`));
  for (const f of files) copyFileSync(join(from, f), join(dest, f));
  return files;
}
