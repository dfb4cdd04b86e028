import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The checkout's root: the nearest folder above `start` whose package.json is ECG Desk's.
 * Bundled code may sit in out/main or out/main/chunks, so a fixed "../.." is not enough.
 */
export function findProjectRoot(start: string = __dirname): string | null {
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'ecg-desk')
          return dir;
      } catch {
        // not a readable package.json: keep looking
      }
    }
    if (dirname(dir) === dir) return null;
  }
}
