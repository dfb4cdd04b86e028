/**
 * Out-of-fold record outputs on disk (scripts/cv-record.ts writes them, train-record.ts reads
 * them back to choose the decisions). Derived from PTB-XL, so they live under bench-results/
 * (not committed), one JSON file per held-out fold pair.
 */
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { N_CODES, RIBEIRO_CODES } from '../ml/record/labels';
import type { RecordOutputs } from './evaluate';

export const RECORD_CV_DIR = resolve(__dirname, '..', '..', 'bench-results', 'record-cv');

interface OutputsFile {
  version: 1;
  facts: Record<string, unknown>;
  records: { id: string; labels: number[]; modelProbs: number[]; rules: number[] }[];
}

export function writeOutputsFile(
  path: string,
  outputs: readonly RecordOutputs[],
  facts: Record<string, unknown>,
): void {
  const body: OutputsFile = {
    version: 1,
    facts,
    records: outputs.map((o) => ({
      id: o.id,
      labels: Array.from(o.labels),
      modelProbs: Array.from(o.modelProbs),
      rules: Array.from(o.rules),
    })),
  };
  writeFileSync(`${path}.tmp`, JSON.stringify(body));
  renameSync(`${path}.tmp`, path);
}

export function readOutputsFile(path: string): {
  facts: Record<string, unknown>;
  outputs: RecordOutputs[];
} {
  const body = JSON.parse(readFileSync(path, 'utf8')) as Partial<OutputsFile>;
  if (body.version !== 1 || !Array.isArray(body.records)) {
    throw new Error(`${path}: not a record-outputs file (version 1)`);
  }
  const outputs = body.records.map((r, i) => {
    const ok =
      typeof r.id === 'string' &&
      r.labels?.length === N_CODES &&
      r.modelProbs?.length === N_CODES &&
      r.rules?.length === RIBEIRO_CODES.length;
    if (!ok) throw new Error(`${path}: record ${i} does not have ${N_CODES} labels and scores`);
    return {
      id: r.id,
      labels: Int8Array.from(r.labels),
      modelProbs: Float32Array.from(r.modelProbs),
      rules: Uint8Array.from(r.rules),
      modelMs: NaN,
    };
  });
  return { facts: body.facts ?? {}, outputs };
}

/** Every oof-*.json in dir, pooled; throws when an id appears twice (overlapping hold-outs). */
export function readOutOfFold(dir: string = RECORD_CV_DIR): {
  files: string[];
  outputs: RecordOutputs[];
} {
  const files = readdirSync(dir)
    .filter((f) => /^oof-.*\.json$/.test(f))
    .sort();
  const outputs: RecordOutputs[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    for (const o of readOutputsFile(join(dir, f)).outputs) {
      if (seen.has(o.id)) throw new Error(`${join(dir, f)}: ${o.id} is held out twice`);
      seen.add(o.id);
      outputs.push(o);
    }
  }
  return { files, outputs };
}
