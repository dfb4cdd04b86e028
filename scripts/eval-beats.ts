/**
 * AAMI evaluation of a saved beat model at reference beat positions (default: the shipped
 * model on DS2). Prints per-class Se/+P/F1, accuracy over N, S, V, F and the confusion
 * matrix; --json writes the numbers (with per-record matrices) to a file.
 *
 *   npx tsx scripts/eval-beats.ts [--model DIR] [--records ds2|ds1|100,101,...] [--json PATH]
 */
import { join, resolve } from 'node:path';
import { ecgDataDir } from '../main/config/data-dir';
import { loadBeatModel } from '../main/ml/beats/classify';
import { evaluateAtReference } from '../main/ml/beats/evaluate';
import { DS1, DS2 } from '../main/ml/beats/labels';
import { formatReport } from '../main/ml/beats/metrics';
import { initBackend } from '../main/ml/runtime';
import { machineFacts, parseArgs, runMain, writeJson } from '../main/ml/script-util';

runMain(async () => {
  const args = parseArgs(process.argv.slice(2), {
    model: 'value',
    records: 'value',
    json: 'value',
  });
  const modelDir = resolve(
    args.get('model') ?? resolve(__dirname, '..', 'resources', 'models', 'beat-full'),
  );
  const which = args.get('records') ?? 'ds2';
  const records = which === 'ds2' ? [...DS2] : which === 'ds1' ? [...DS1] : which.split(',');
  const { backend } = await initBackend();
  const model = await loadBeatModel(modelDir);
  const evaluation = evaluateAtReference(model, join(ecgDataDir(), 'mitdb'), records);
  console.log(
    `${modelDir} on ${records.length} records (${which}), reference beat positions, backend ${backend}\n`,
  );
  console.log(formatReport(evaluation.report));
  console.log(`\n${evaluation.beatsPerSec.toFixed(0)} beats/s including preprocessing`);
  const json = args.get('json');
  if (json) {
    writeJson(resolve(json), {
      evaluation: 'beats at reference positions',
      model: modelDir,
      records,
      backend,
      at: new Date().toISOString(),
      ...machineFacts(),
      ...evaluation,
    });
    console.log(`wrote ${resolve(json)}`);
  }
  model.model.dispose();
});
