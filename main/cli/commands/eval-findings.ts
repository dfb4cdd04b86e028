import { join } from 'node:path';
import { ecgDataDir } from '../../config/data-dir';
import { collectOutputs, evaluateOutputs, type RecordOutputs } from '../../findings/evaluate';
import { formatEvaluation } from '../../findings/report';
import { loadRecordModel, recordModelDir } from '../../findings/service';
import {
  ludbRecordNames,
  readLudbRecording,
  readPtbxlIndex,
  readPtbxlRecording,
  splitRows,
  type LabelledRecording,
} from '../../ml/record/dataset';
import { DEFAULT_BOOTSTRAP } from '../../ml/record/metrics';
import { parseCommandArgs } from '../args';
import type { CliIO } from '../io';
import { EXIT_OK, UsageError } from '../registry';

export const EVAL_FINDINGS_USAGE =
  'ecg-desk eval findings [--split test|val|ludb] [--model DIR] [--data DIR] [--bootstrap N] [--json]';

const SPLITS = {
  test: 'PTB-XL fold 10 (test)',
  val: 'PTB-XL fold 9 (validation: the thresholds were chosen on it, with folds 1–8 out of fold, so these figures are optimistic)',
  ludb: 'LUDB (external test)',
} as const;
type Split = keyof typeof SPLITS;

/**
 * `ecg-desk eval findings --split test`: per-code F1, Se, Sp and AUC with bootstrap 95 % CIs
 * and macro averages of the installed record model, of the rules, and of their combination.
 */
export async function runEvalFindings(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    split: { type: 'string' },
    model: { type: 'string' },
    data: { type: 'string' },
    bootstrap: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const split = (values.split ?? 'test') as Split;
  if (!(split in SPLITS)) throw new UsageError('--split must be test, val or ludb');
  const replicates = Number(values.bootstrap ?? DEFAULT_BOOTSTRAP.replicates);
  if (!Number.isInteger(replicates) || replicates < 0)
    throw new UsageError('--bootstrap must be a whole number');
  const dataDir = values.data ?? ecgDataDir();
  const model = await loadRecordModel(values.model ?? recordModelDir());
  const items = labelledRecordings(split, dataDir);
  const outputs: RecordOutputs[] = collectOutputs(items, model.model, (done) =>
    io.err(`[${done}/${items.length}]\r`),
  );
  io.err('\n');
  model.model.dispose();
  const evaluation = evaluateOutputs(SPLITS[split], outputs, model.config.decision, {
    ...DEFAULT_BOOTSTRAP,
    replicates,
  });
  if (values.json) io.out(`${JSON.stringify({ split, model: model.version, ...evaluation })}\n`);
  else io.out(`${model.version}\n${formatEvaluation(evaluation)}`);
  return EXIT_OK;
}

function labelledRecordings(split: Split, dataDir: string): LabelledRecording[] {
  if (split === 'ludb') {
    const dir = join(dataDir, 'ludb', 'data');
    return ludbRecordNames(dir).map((n) => readLudbRecording(dir, n));
  }
  const dir = join(dataDir, 'ptbxl');
  return splitRows(readPtbxlIndex(dir), split).map((r) => readPtbxlRecording(dir, r));
}
