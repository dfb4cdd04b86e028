import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  rmdirSync,
  statSync,
} from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { writeDeidentified } from '../../annotate/deidentify';
import { LabelError } from '../../annotate/errors';
import { oneLine } from '../../import/messages';
import { parseCommandArgs } from '../args';
import type { CliIO } from '../io';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliCommand } from '../registry';
import { openExistingStore } from './labels';

/**
 * `ecg-desk export <recordingId> --deidentified --out DIR`: the recording as a de-identified
 * WFDB record (main/annotate/deidentify.ts): `<name>.hea`, `<name>.dat` and, unless
 * --no-labels, the current beat labels as `<name>.atr`. The folder appears complete or not at
 * all: the files are written into a temporary folder beside DIR, which is then renamed to DIR.
 * An existing non-empty DIR is never overwritten. Exit 2 for bad arguments, 1 when the export
 * fails (unknown recording, DIR not empty, no store).
 */
const USAGE = [
  'ecg-desk export <recordingId> --deidentified --out DIR [--name NAME] [--no-labels] [--db PATH] [--json]',
  '  writes the recording as a WFDB record (NAME.hea, NAME.dat, NAME.atr with the beat labels)',
  '  into the new folder DIR. Removed: record name, source path, base date/time, every header',
  '  comment (age, sex, diagnoses, identifiers), the patient and the audit trail. Kept: signal,',
  '  rate, lead names and calibration, beat labels. NAME defaults to "record".',
].join('\n');

const DEFAULT_NAME = 'record';

interface ExportResult {
  recordingId: string;
  out: string;
  recordName: string;
  files: string[];
  labels: boolean;
}

function checkTarget(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new Error(`${out} exists and is not a folder`);
  if (readdirSync(out).length > 0) {
    throw new Error(`${out} is not empty; choose a new or empty folder (nothing was written)`);
  }
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export a recording as a de-identified WFDB record',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      deidentified: { type: 'boolean' },
      out: { type: 'string' },
      name: { type: 'string' },
      'no-labels': { type: 'boolean' },
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('no recording id');
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    const recordingId = positionals[0];
    if (!values.deidentified) {
      throw new UsageError(
        '--deidentified is required (the only export of a whole recording; beat labels alone: labels export)',
      );
    }
    if (values.out === undefined || values.out === '')
      throw new UsageError('--out DIR is required');
    const recordName = values.name ?? DEFAULT_NAME;
    if (!/^[A-Za-z0-9_]{1,64}$/.test(recordName)) {
      throw new UsageError(
        `--name must be 1 to 64 letters, digits or underscores, not "${recordName}"`,
      );
    }
    const labels = values['no-labels'] !== true;
    const out = resolve(io.cwd, values.out);
    checkTarget(out);

    const store = openExistingStore(values.db, io);
    const parent = dirname(out);
    const tmp = resolve(
      parent,
      `.${basename(out)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    try {
      // Before any folder is made: an unknown recording leaves nothing behind.
      if (!store.recordings.has(recordingId)) {
        throw new LabelError('not-found', `no recording ${recordingId}`);
      }
      mkdirSync(parent, { recursive: true });
      mkdirSync(tmp);
      const written = writeDeidentified(store, recordingId, tmp, {
        recordName,
        includeBeats: labels,
      });
      checkTarget(out); // again: the folder may have appeared meanwhile
      if (existsSync(out)) rmdirSync(out); // empty (checked); rename onto it is not portable
      renameSync(tmp, out);
      const result: ExportResult = {
        recordingId,
        out,
        recordName,
        files: written.map((p) => resolve(out, basename(p))),
        labels,
      };
      if (values.json) io.out(`${JSON.stringify(result, null, 2)}\n`);
      else {
        io.out(
          `wrote recording ${recordingId} de-identified to ${out} ` +
            `(${result.files.map((p) => basename(p)).join(', ')})\n`,
        );
      }
      return EXIT_OK;
    } catch (err) {
      rmSync(tmp, { recursive: true, force: true });
      if (err instanceof LabelError) {
        io.err(`ecg-desk export: ${oneLine(err)}\n`);
        return EXIT_FAILED;
      }
      throw err;
    } finally {
      store.close();
    }
  },
};
