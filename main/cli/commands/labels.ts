import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LabelChange } from '@common/types';
import { LabelError } from '../../annotate/errors';
import { EXPORT_FORMATS, exportLabels, type ExportFormat } from '../../annotate/export';
import { deleteBeat, setLabel } from '../../annotate/labels';
import { seedReferenceBeats } from '../../annotate/reference';
import { isBeatLabel } from '../../annotate/symbols';
import { AuthError, operatorActor } from '../../auth';
import { oneLine } from '../../import/messages';
import { openStore, resolveStorePath, type Store } from '../../store';
import { parseCommandArgs } from '../args';
import type { CliIO } from '../io';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliCommand } from '../registry';

/**
 * `ecg-desk labels set|delete|export` (CLI-CONTRACT.md) and `labels seed`. set and delete call
 * the same service as the app's label editor, audit entry included. The CLI acts as the
 * machine's local operator: `--user NAME` is recorded, no password is asked (main/auth/operator.ts).
 * Exit 2 for bad arguments, 1 when the store refuses (unknown recording, sample outside the
 * recording, signed recording); nothing is written then.
 */
const USAGE = [
  'ecg-desk labels set <recordingId> --sample N --label N|S|V|F|Q --user NAME [--reason TEXT] [--db PATH] [--json]',
  '       ecg-desk labels delete <recordingId> --sample N --user NAME [--reason TEXT] [--db PATH] [--json]',
  '       ecg-desk labels export <recordingId> --format atr|csv|json --out PATH [--db PATH] [--json]',
  '       ecg-desk labels seed <recordingId> --user NAME [--source atr] [--db PATH] [--json]',
  '  set: sets (or inserts) the beat at sample N; delete: removes it; export: writes the',
  '  current beat labels (atr: WFDB annotation file, N S V F Q as N A V F Q); seed: adds the',
  "  recording's reference annotations (e.g. MIT-BIH .atr) as beats where it has none.",
].join('\n');

/** Opens the store named by --db / ECG_DESK_DB; a store that does not exist is an error. */
export function openExistingStore(db: string | undefined, io: CliIO): Store {
  const path = resolveStorePath(db, io.env, io.cwd);
  if (!existsSync(path)) throw new Error(`no store at ${path} (import recordings first)`);
  try {
    return openStore(path);
  } catch (err) {
    throw new Error(`cannot open the store ${path}: ${oneLine(err)}`);
  }
}

function recordingIdOf(positionals: string[]): string {
  if (positionals.length === 0) throw new UsageError('no recording id');
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
  return positionals[0];
}

function sampleOf(value: string | undefined): number {
  if (value === undefined) throw new UsageError('--sample N is required');
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new UsageError(`--sample must be a whole number from 0, not "${value}"`);
  }
  return n;
}

function userOf(value: string | undefined): string {
  if (value === undefined || value.trim() === '') {
    throw new UsageError('--user NAME is required (the name recorded in the audit trail)');
  }
  return value;
}

/** Domain refusals are failures (exit 1) with their own message, not crashes. */
async function withStore(
  db: string | undefined,
  io: CliIO,
  fn: (store: Store) => number,
): Promise<number> {
  const store = openExistingStore(db, io);
  try {
    return fn(store);
  } catch (err) {
    if (err instanceof LabelError || err instanceof AuthError) {
      io.err(`ecg-desk labels: ${oneLine(err)}\n`);
      return EXIT_FAILED;
    }
    throw err;
  } finally {
    store.close();
  }
}

function describeChange(c: LabelChange): string {
  if (c.auditId === null) return `recording ${c.recordingId}: nothing to change\n`;
  const [{ before, after }] = c.changes;
  const was = before ? `${before.label} (${before.source})` : 'no beat';
  const now = after ? `${after.label} by ${after.user}` : 'deleted';
  const sample = (after ?? before)?.sample;
  return `recording ${c.recordingId}, sample ${sample}: ${was} → ${now} (audit entry ${c.auditId})\n`;
}

const EDIT_OPTIONS = {
  sample: { type: 'string' },
  user: { type: 'string' },
  reason: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean' },
} as const;

async function runSet(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    ...EDIT_OPTIONS,
    label: { type: 'string' },
  });
  const recordingId = recordingIdOf(positionals);
  const sample = sampleOf(values.sample);
  if (values.label === undefined) throw new UsageError('--label N|S|V|F|Q is required');
  const label = values.label;
  if (!isBeatLabel(label)) {
    throw new UsageError(`--label must be one of N, S, V, F, Q, not "${label}"`);
  }
  const user = userOf(values.user);
  return withStore(values.db, io, (store) => {
    const change = setLabel(store, operatorActor(store, user), {
      recordingId,
      sample,
      label,
      reason: values.reason,
    });
    io.out(values.json ? `${JSON.stringify(change, null, 2)}\n` : describeChange(change));
    return EXIT_OK;
  });
}

async function runDelete(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, EDIT_OPTIONS);
  const recordingId = recordingIdOf(positionals);
  const sample = sampleOf(values.sample);
  const user = userOf(values.user);
  return withStore(values.db, io, (store) => {
    const change = deleteBeat(store, operatorActor(store, user), {
      recordingId,
      sample,
      reason: values.reason,
    });
    io.out(values.json ? `${JSON.stringify(change, null, 2)}\n` : describeChange(change));
    return EXIT_OK;
  });
}

async function runExport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    format: { type: 'string' },
    out: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  const recordingId = recordingIdOf(positionals);
  const format = values.format;
  if (!(EXPORT_FORMATS as readonly (string | undefined)[]).includes(format)) {
    throw new UsageError(
      `--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${format ?? ''}"`,
    );
  }
  if (values.out === undefined || values.out === '') throw new UsageError('--out PATH is required');
  const out = resolve(io.cwd, values.out);
  return withStore(values.db, io, (store) => {
    const result = exportLabels(store, recordingId, format as ExportFormat, out);
    if (values.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
    else io.out(`wrote ${result.beats} beats of recording ${recordingId} to ${out} (${format})\n`);
    if (result.beats === 0) io.err(`ecg-desk labels: recording ${recordingId} has no beats yet\n`);
    return EXIT_OK;
  });
}

async function runSeed(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    user: { type: 'string' },
    source: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  const recordingId = recordingIdOf(positionals);
  const user = userOf(values.user);
  return withStore(values.db, io, (store) => {
    const r = seedReferenceBeats(store, operatorActor(store, user), recordingId, values.source);
    if (values.json) io.out(`${JSON.stringify(r, null, 2)}\n`);
    else {
      io.out(
        `recording ${recordingId}: ${r.inserted} reference beats added from "${r.source}"` +
          ` (${r.existing} already had a beat, ${r.unclassified} without an AAMI class)\n`,
      );
    }
    return EXIT_OK;
  });
}

const SUBCOMMANDS: Record<string, (args: string[], io: CliIO) => Promise<number>> = {
  set: runSet,
  delete: runDelete,
  export: runExport,
  seed: runSeed,
};

export const labelsCommand: CliCommand = {
  name: 'labels',
  summary: 'set, delete or export beat labels (audited, like the app’s editor)',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    const fn = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!fn) {
      throw new UsageError(`unknown subcommand "${sub ?? ''}" (set, delete, export or seed)`);
    }
    return fn(rest, io);
  },
};
