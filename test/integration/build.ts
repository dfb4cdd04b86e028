import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const projectRoot = resolve(__dirname, '..', '..');
export const builtCli = join(projectRoot, 'out', 'main', 'cli.js');
export const builtWorker = join(projectRoot, 'out', 'main', 'import.worker.js');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Runs `npx electron-vite build` unless out/main is newer than every source it is built from. */
export function ensureBuilt(): void {
  const sources = ['main', 'common', 'package.json', 'electron.vite.config.ts'].map((p) =>
    join(projectRoot, p),
  );
  const newestSource = Math.max(...sources.filter(existsSync).map(newestMtime));
  const built = [builtCli, builtWorker].every(existsSync)
    ? Math.min(statSync(builtCli).mtimeMs, statSync(builtWorker).mtimeMs)
    : 0;
  if (built > newestSource) return;
  const r = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) {
    throw new Error(
      `npx electron-vite build failed (${r.status}):\n${(r.stderr || r.stdout).slice(-3000)}`,
    );
  }
}
