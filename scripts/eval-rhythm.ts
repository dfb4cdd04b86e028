/**
 * Rhythm and 1st-degree AV block against PTB-XL's SCP statements:
 *   npx -y tsx scripts/eval-rhythm.ts [ptbxl-folder] [--max-id N] [--out FILE] [--json]
 *
 * Every record of ptbxl_labels.csv up to --max-id (default 1999) that is present is analysed
 * (main/analysis/analyze.ts, 100 Hz, 12 leads). A statement counts as present in the
 * reference whenever its code is in scp_codes (PTB-XL gives rhythm statements likelihood 0;
 * its guidance is to take listed statements as present). Predictions:
 *   SBRAD <- dominant rhythm 'SB'; STACH <- 'ST'; AFIB <- 'AF'; 1AVB <- PR > 200 ms.
 * Sensitivity = TP / (TP + FN), PPV = TP / (TP + FP).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { readRecording } from '../main/formats';
import { fileSourceFromDir } from '../main/formats/fs-source';
import { analyzeRecording } from '../main/analysis/analyze';
import { dataDir, pad, parseArgv, progress, writeJson } from './eval-common';

const CLASSES = ['SBRAD', 'STACH', 'AFIB', '1AVB'] as const;
type Cls = (typeof CLASSES)[number];

interface Row {
  id: number;
  codes: Set<string>;
  file: string;
}

function readLabels(dir: string, maxId: number): Row[] {
  const text = readFileSync(join(dir, 'ptbxl_labels.csv'), 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines[0].split(',');
  const iFile = header.indexOf('filename_lr');
  const rows: Row[] = [];
  for (const line of lines.slice(1)) {
    // scp_codes is a Python dict, quoted by the CSV only when it holds a comma.
    const m = /^(\d+),[^"{]*"?(\{[^}]*\})"?(.*)$/.exec(line);
    if (!m) continue;
    const id = Number(m[1]);
    if (id > maxId) continue;
    const codes = new Set([...m[2].matchAll(/'([^']+)'\s*:/g)].map((x) => x[1]));
    const rest = m[3].split(',');
    // Fields after scp_codes: strat_fold, filename_lr, filename_hr.
    const file = rest[iFile - header.indexOf('scp_codes')] ?? rest[2];
    rows.push({ id, codes, file });
  }
  return rows;
}

function main(): void {
  const { opts, positionals } = parseArgv(process.argv.slice(2));
  const dir = positionals[0] ?? dataDir('ptbxl');
  const maxId = typeof opts['max-id'] === 'string' ? Number(opts['max-id']) : 1999;
  const rows = readLabels(dir, maxId);
  const counts: Record<Cls, { tp: number; fp: number; fn: number; tn: number }> = {
    SBRAD: { tp: 0, fp: 0, fn: 0, tn: 0 },
    STACH: { tp: 0, fp: 0, fn: 0, tn: 0 },
    AFIB: { tp: 0, fp: 0, fn: 0, tn: 0 },
    '1AVB': { tp: 0, fp: 0, fn: 0, tn: 0 },
  };
  const dominant: Record<string, number> = {};
  // Where the false positives of the rate classes sit: PTB-XL's cardiologists often wrote
  // plain "SR" for rates just under 60 or just over 100 bpm.
  const fpRates: Record<'SBRAD' | 'STACH', number[]> = { SBRAD: [], STACH: [] };
  let analysed = 0;
  let missing = 0;
  let prNull = 0;
  const t0 = performance.now();
  for (const row of rows) {
    const hea = join(dir, `${row.file}.hea`);
    if (!existsSync(hea)) {
      missing++;
      continue;
    }
    progress(`ecg_id ${row.id}`);
    const rec = readRecording(fileSourceFromDir(dirname(hea)), basename(hea));
    const a = analyzeRecording(rec);
    analysed++;
    dominant[a.rhythm.dominant] = (dominant[a.rhythm.dominant] ?? 0) + 1;
    if (a.measurements.prMs === null) prNull++;
    const predicted: Record<Cls, boolean> = {
      SBRAD: a.rhythm.dominant === 'SB',
      STACH: a.rhythm.dominant === 'ST',
      AFIB: a.rhythm.dominant === 'AF',
      '1AVB': a.measurements.prMs !== null && a.measurements.prMs > 200,
    };
    for (const c of CLASSES) {
      const ref = row.codes.has(c);
      const k = counts[c];
      if (ref && predicted[c]) k.tp++;
      else if (ref) k.fn++;
      else if (predicted[c]) {
        k.fp++;
        if ((c === 'SBRAD' || c === 'STACH') && a.measurements.heartRateBpm !== null)
          fpRates[c].push(a.measurements.heartRateBpm);
      } else k.tn++;
    }
  }
  const pct = (a: number, b: number): number | null =>
    b > 0 ? Math.round((1000 * a) / b) / 10 : null;
  const results = CLASSES.map((c) => {
    const k = counts[c];
    return {
      code: c,
      ...k,
      sensitivityPct: pct(k.tp, k.tp + k.fn),
      ppvPct: pct(k.tp, k.tp + k.fp),
    };
  });
  const doc = {
    database: dir,
    records: analysed,
    missing,
    prMeasured: analysed - prNull,
    dominantRhythms: dominant,
    falsePositiveRates: {
      SBRAD: {
        total: fpRates.SBRAD.length,
        from50to59bpm: fpRates.SBRAD.filter((v) => v >= 50).length,
      },
      STACH: {
        total: fpRates.STACH.length,
        from101to110bpm: fpRates.STACH.filter((v) => v <= 110).length,
      },
    },
    seconds: Math.round((performance.now() - t0) / 100) / 10,
    results,
  };
  if (typeof opts.out === 'string') writeJson(opts.out, doc);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return;
  }
  const lines = [
    `\nPTB-XL ecg_id 1-${maxId}: ${analysed} records analysed (${missing} absent); PR measured on ${analysed - prNull}`,
    `dominant rhythm: ${Object.entries(dominant)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    `false SBRAD at 50-59 bpm: ${doc.falsePositiveRates.SBRAD.from50to59bpm} of ${doc.falsePositiveRates.SBRAD.total}; false STACH at 101-110 bpm: ${doc.falsePositiveRates.STACH.from101to110bpm} of ${doc.falsePositiveRates.STACH.total}`,
    'class     ref   TP   FN   FP    Se %   PPV %',
    ...results.map(
      (r) =>
        `${r.code.padEnd(7)} ${pad(r.tp + r.fn, 5)} ${pad(r.tp, 4)} ${pad(r.fn, 4)} ${pad(r.fp, 4)} ${pad(r.sensitivityPct ?? '-', 7)} ${pad(r.ppvPct ?? '-', 7)}`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main();
