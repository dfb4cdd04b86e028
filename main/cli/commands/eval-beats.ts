import { readRecording } from '../../formats';
import { fileSourceFromDir } from '../../formats/fs-source';
import { loadAppClassifier, type ModelChoice } from '../../analysis/app-classifier';
import { evaluateRecordBeats, MATCH_WINDOW_MS, summarise } from '../../analysis/eval-beats';
import { ecgDataDir } from '../../config/data-dir';
import { DS1, DS2 } from '../../ml/beats/labels';
import { formatReport } from '../../ml/beats/metrics';
import { join } from 'node:path';
import { parseCommandArgs } from '../args';
import type { CliIO } from '../io';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../registry';

export const EVAL_BEATS_USAGE =
  'ecg-desk eval beats [--split ds2|ds1] [--model full|pruned|auto] [--data DIR] [--json]';

/**
 * `ecg-desk eval beats --split ds2`: the AAMI table of the shipped beat model on MIT-BIH's
 * inter-patient test split, with beats from the app's own detector (matched within 150 ms).
 */
export async function runEvalBeats(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    split: { type: 'string' },
    model: { type: 'string' },
    data: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const split = values.split ?? 'ds2';
  if (split !== 'ds2' && split !== 'ds1') throw new UsageError('--split must be ds2 or ds1');
  const model = (values.model ?? 'full') as ModelChoice;
  if (!['full', 'pruned', 'auto'].includes(model)) {
    throw new UsageError('--model must be full, pruned or auto');
  }
  const dir = values.data ?? join(ecgDataDir(), 'mitdb');
  const classifier = await loadAppClassifier(model);
  if (!classifier) {
    io.err(`ecg-desk eval beats: no ${model} beat model installed\n`);
    return EXIT_FAILED;
  }
  const records = split === 'ds2' ? DS2 : DS1;
  const results = [];
  for (const [i, name] of records.entries()) {
    io.err(`[${i + 1}/${records.length}] ${name}\r`);
    const rec = readRecording(fileSourceFromDir(dir), `${name}.hea`);
    results.push(await evaluateRecordBeats(rec, classifier));
  }
  io.err('\n');
  const summary = summarise(results);
  if (values.json) {
    io.out(
      `${JSON.stringify({ split, model: classifier.version, backend: classifier.backend, matchWindowMs: MATCH_WINDOW_MS, ...summary })}\n`,
    );
  } else {
    const d = summary.detection;
    io.out(
      [
        `${classifier.version} on ${classifier.backend}, MIT-BIH ${split.toUpperCase()} (${records.length} records), beats from the app's detector matched within ${MATCH_WINDOW_MS} ms`,
        `detection: ${d.matched} of ${d.reference} reference beats matched (${d.missed} missed), ${d.extra} extra detections`,
        '',
        formatReport(summary.report),
        '',
      ].join('\n'),
    );
  }
  return EXIT_OK;
}
