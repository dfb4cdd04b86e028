/** Helpers shared by the scripts/eval-*.ts and bench scripts (not part of the app). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ecgDataDir } from '../main/config/data-dir';

export const projectRoot = resolve(__dirname, '..');

/** A folder of the shared data (../shared/data or $ECG_DATA_DIR). */
export function dataDir(...parts: string[]): string {
  return resolve(ecgDataDir(projectRoot), ...parts);
}

/** `--name value` and `--flag` options, and positionals. */
export function parseArgv(argv: string[]): {
  opts: Record<string, string | true>;
  positionals: string[];
} {
  const opts: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const key = a.slice(2);
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        opts[key] = next;
        i++;
      } else opts[key] = true;
    } else positionals.push(a);
  }
  return { opts, positionals };
}

export function writeJson(path: string, value: unknown): void {
  const out = resolve(process.cwd(), path);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(value, null, 2)}\n`);
}

export interface Stat {
  n: number;
  mean: number | null;
  sd: number | null;
  median: number | null;
}

export function stat(values: readonly number[]): Stat {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, median: null };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : 0;
  const s = [...values].sort((a, b) => a - b);
  const median = n % 2 ? s[n >> 1] : 0.5 * (s[(n >> 1) - 1] + s[n >> 1]);
  const r = (v: number): number => Math.round(v * 10) / 10;
  return { n, mean: r(mean), sd: r(sd), median: r(median) };
}

export function pad(s: string | number, w: number): string {
  return String(s).padStart(w);
}

export function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r${text}   `);
}
