/**
 * Starts the real web host (`ecg-desk web`, built CLI, real handlers, a fresh store) for an
 * E2E spec and stops it afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningHost {
  launchUrl: string;
  dbPath: string;
  stop(): Promise<void>;
}

const root = join(__dirname, '..', '..');

export async function startHost(): Promise<RunningHost> {
  const dbPath = join(mkdtempSync(join(tmpdir(), 'ecg-e2e-')), 'store.db');
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'bin', 'ecg-desk.cjs'), 'web', '--db', dbPath, '--port', '0', '--json'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const launchUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.trim().startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { launchUrl: string }).launchUrl);
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${out}`)));
  });
  return {
    launchUrl,
    dbPath,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
