/** Small helpers shared by the ML scripts in scripts/ (argument parsing, result files). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';

/** `--name value` and `--flag` arguments; unknown names are rejected so typos do not pass. */
export function parseArgs(
  argv: string[],
  known: Record<string, 'value' | 'flag'>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    const kind = known[name];
    if (!argv[i].startsWith('--') || !kind)
      throw new Error(
        `unknown argument "${argv[i]}" (known: ${Object.keys(known)
          .map((k) => '--' + k)
          .join(' ')})`,
      );
    if (kind === 'flag') out.set(name, 'true');
    else {
      const v = argv[++i];
      if (v === undefined) throw new Error(`--${name} needs a value`);
      out.set(name, v);
    }
  }
  return out;
}

export function numberArg(args: Map<string, string>, name: string, fallback: number): number {
  const raw = args.get(name);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v)) throw new Error(`--${name} must be a number, got "${raw}"`);
  return v;
}

export function machineFacts(): Record<string, string | number> {
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
  };
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Runs a script's main and exits non-zero on failure with just the message (the wasm module's
 * own uncaught-exception hook would otherwise dump its whole minified source).
 */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exit(1);
    },
  );
}
