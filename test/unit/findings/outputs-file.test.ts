import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordOutputs } from '../../../main/findings/evaluate';
import {
  readOutOfFold,
  readOutputsFile,
  writeOutputsFile,
} from '../../../main/findings/outputs-file';
import { N_CODES, RIBEIRO_CODES } from '../../../main/ml/record/labels';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'ecg-oof-'));
  dirs.push(d);
  return d;
}

function output(id: string, p: number): RecordOutputs {
  return {
    id,
    labels: Int8Array.from({ length: N_CODES }, (_, c) => (c === 0 ? 1 : 0)),
    modelProbs: Float32Array.from({ length: N_CODES }, (_, c) => p / (c + 1)),
    rules: Uint8Array.from(RIBEIRO_CODES, (_, i) => i % 2),
    modelMs: 3,
  };
}

describe('out-of-fold record outputs on disk', () => {
  it('round-trips labels, probabilities and rule verdicts', () => {
    const dir = tempDir();
    const file = join(dir, 'oof-1-2.json');
    writeOutputsFile(file, [output('ptbxl/1', 0.8), output('ptbxl/2', 0.3)], {
      heldOutFolds: [1, 2],
    });
    const { facts, outputs } = readOutputsFile(file);
    expect(facts).toEqual({ heldOutFolds: [1, 2] });
    expect(outputs.map((o) => o.id)).toEqual(['ptbxl/1', 'ptbxl/2']);
    expect(Array.from(outputs[0].modelProbs)).toEqual(Array.from(output('x', 0.8).modelProbs));
    expect(Array.from(outputs[1].rules)).toEqual(Array.from(output('x', 0).rules));
    expect(outputs[0].labels[0]).toBe(1);
  });

  it('pools every oof file and refuses a record held out twice', () => {
    const dir = tempDir();
    writeOutputsFile(join(dir, 'oof-1-2.json'), [output('a', 0.1)], {});
    writeOutputsFile(join(dir, 'oof-3-4.json'), [output('b', 0.2)], {});
    writeFileSync(join(dir, 'notes.txt'), 'not read');
    expect(readOutOfFold(dir).outputs.map((o) => o.id)).toEqual(['a', 'b']);
    writeOutputsFile(join(dir, 'oof-5-6.json'), [output('a', 0.3)], {});
    expect(() => readOutOfFold(dir)).toThrow(/oof-5-6\.json: a is held out twice/);
  });

  it('names the file when it is not an outputs file or a record is short', () => {
    const dir = tempDir();
    const bad = join(dir, 'oof-7-8.json');
    writeFileSync(bad, JSON.stringify({ version: 2, records: [] }));
    expect(() => readOutputsFile(bad)).toThrow(/oof-7-8\.json: not a record-outputs file/);
    writeFileSync(
      bad,
      JSON.stringify({
        version: 1,
        records: [{ id: 'x', labels: [1], modelProbs: [], rules: [] }],
      }),
    );
    expect(() => readOutputsFile(bad)).toThrow(/oof-7-8\.json: record 0/);
  });
});
