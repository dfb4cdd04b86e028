import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ecgDataDir } from '../../config/data-dir';
import {
  ALL_VARIANTS,
  DEFAULT_VARIANT,
  runImportVariant,
  runParseOnly,
  type VariantResult,
} from '../bench/import-bench';
import { parseCommandArgs } from '../args';
import { findProjectRoot } from '../../config/project-root';
import type { CliIO } from '../io';
import { importProgressPrinter } from '../progress';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliCommand } from '../registry';

const USAGE =
  'ecg-desk bench import [--data FOLDER] [--out FILE] [--quick] [--json]\n' +
  '  Imports every record of FOLDER (default: the shared mitdb) into a temporary store, once per\n' +
  '  storage variant (--quick: the default one only); writes FILE (default\n' +
  '  bench-results/import.json).';

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'benchmarks (bench import: import throughput and window reads)',
  usage: USAGE,
  async run(args, io) {
    const [which, ...rest] = args;
    if (which !== 'import') throw new UsageError(`unknown benchmark "${which ?? ''}"`);
    return benchImport(rest, io);
  },
};

async function benchImport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    data: { type: 'string' },
    out: { type: 'string' },
    quick: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const root = findProjectRoot() ?? io.cwd;
  const dataDir = values.data ? resolve(io.cwd, values.data) : join(ecgDataDir(root), 'mitdb');
  if (!existsSync(dataDir)) {
    io.err(`ecg-desk bench: ${dataDir} is absent (set ECG_DATA_DIR or pass --data)\n`);
    return EXIT_FAILED;
  }
  const out = resolve(io.cwd, values.out ?? join('bench-results', 'import.json'));
  const variants = values.quick ? [DEFAULT_VARIANT] : ALL_VARIANTS;
  io.err('ecg-desk bench import: parsing and hashing only (no store)\n');
  const parseOnly = runParseOnly(dataDir);
  const results: VariantResult[] = [];
  for (const v of variants) {
    io.err(`ecg-desk bench import: ${v.name}\n`);
    const progress = importProgressPrinter(io, 'ecg-desk bench import');
    try {
      results.push(
        runImportVariant(dataDir, v, (p) => p.phase === 'recording' && progress.report(p)),
      );
    } finally {
      progress.finish();
    }
  }
  const doc = {
    benchmark: 'import',
    command: ['ecg-desk bench import', ...args].join(' '),
    at: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    data: dataDir,
    note: 'MB/s counts source bytes (every file of each record: .hea, .dat, annotations), 1 MB = 1e6 bytes; samples/s counts sample values (samples × leads).',
    parseOnly,
    variants: results,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
  if (values.json) io.out(`${JSON.stringify(doc, null, 2)}\n`);
  else {
    io.out(
      `reader alone (parse + hash): ${parseOnly.mbPerS.toFixed(1)} MB/s, ` +
        `${(parseOnly.samplesPerS / 1e6).toFixed(2)} Msamples/s\n${table(results)}written to ${out}\n`,
    );
  }
  return results.some((r) => r.failed > 0 || r.recordings === 0) ? EXIT_FAILED : EXIT_OK;
}

function table(results: VariantResult[]): string {
  const head = [
    'variant',
    'recs',
    'MB/s',
    'Msamples/s',
    'store MB',
    '10 s window ms (med/p95)',
    'whole→2000 ms (med/p95)',
  ];
  const rows = results.map((r) => [
    r.name,
    String(r.recordings),
    r.mbPerS.toFixed(1),
    (r.samplesPerS / 1e6).toFixed(2),
    (r.storeBytes / 1e6).toFixed(1),
    `${r.window10sMs.median} / ${r.window10sMs.p95}`,
    `${r.wholeReducedMs.median} / ${r.wholeReducedMs.p95}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => c.padEnd(widths[i])).join('  ') + '\n';
  return line(head) + rows.map(line).join('');
}
