import type { ImportReport } from '@common/types';
import { importRecordings } from '../../import/import-recordings';
import { oneLine } from '../../import/messages';
import { openStore, resolveStorePath, type Store } from '../../store';
import { parseCommandArgs } from '../args';
import type { CliIO } from '../io';
import { importProgressPrinter } from '../progress';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliCommand } from '../registry';

const NAME = 'ecg-desk import';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import recordings (files or folders) into the patient store',
  usage: 'ecg-desk import <file-or-folder>... [--db PATH] [--json]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      db: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length === 0) throw new UsageError('no file or folder to import');
    const dbPath = resolveStorePath(values.db, io.env, io.cwd);
    let store: Store;
    try {
      store = openStore(dbPath);
    } catch (err) {
      const message = `cannot open the store ${dbPath}: ${oneLine(err)}`;
      if (values.json) io.out(json(allFailed(positionals, message)));
      io.err(`${NAME}: ${message}\n`);
      return EXIT_FAILED;
    }
    const progress = importProgressPrinter(io, NAME);
    let report: ImportReport;
    try {
      report = importRecordings(store, positionals, {
        cwd: io.cwd,
        onProgress: (p) => progress.report(p),
      });
    } finally {
      progress.finish();
      store.close();
    }
    if (values.json) io.out(json(report));
    else printHuman(report, dbPath, io);
    for (const e of report.errors) io.err(`${NAME}: ${e.message}\n`);
    if (report.errors.length > 0) {
      const tried = report.errors.length + report.imported.length;
      io.err(
        `${NAME}: ${report.errors.length} of ${tried} inputs failed; the others were imported\n`,
      );
      return EXIT_FAILED;
    }
    return EXIT_OK;
  },
};

function json(report: ImportReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function allFailed(inputs: string[], message: string): ImportReport {
  return { imported: [], errors: inputs.map((source) => ({ source, message })) };
}

function printHuman(report: ImportReport, dbPath: string, io: CliIO): void {
  for (const r of report.imported) {
    const what = `${r.fs} Hz, ${r.leads.length} leads (${r.leads.join(' ')}), ${r.durationS} s`;
    io.out(
      `${r.duplicate ? 'already in store' : 'imported'}  ${r.source}  ${what}  ${r.recordingId}\n`,
    );
  }
  const dup = report.imported.filter((r) => r.duplicate).length;
  const added = report.imported.length - dup;
  io.out(
    `${added} recording${added === 1 ? '' : 's'} imported` +
      (dup > 0 ? `, ${dup} already in the store` : '') +
      ` (store: ${dbPath})\n`,
  );
}
