/**
 * DSP benchmarks: QRS detection and delineation throughput, and the full analysis (no models)
 * of every MIT-BIH record as a multiple of real time.
 *   npx -y tsx scripts/bench-dsp.ts [mitdb-folder] [--out FILE] [--repeat N]
 * Writes bench-results/dsp.json by default. Records are read once, before timing; each
 * timing is the best of --repeat runs (default 2), after one warm-up record.
 */
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { readRecording } from '../main/formats';
import { fileSourceFromDir } from '../main/formats/fs-source';
import type { ParsedRecording } from '../main/formats/types';
import { analyzeRecording } from '../main/analysis/analyze';
import { leadMillivolts } from '../main/analysis/signal';
import { detectQrs } from '../main/dsp/qrs';
import { delineateBeats } from '../main/dsp/delineation';
import { dataDir, parseArgv, progress, writeJson } from './eval-common';

function best(repeat: number, fn: () => void): number {
  let b = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    fn();
    b = Math.min(b, performance.now() - t0);
  }
  return b;
}

function main(): void {
  const { opts, positionals } = parseArgv(process.argv.slice(2));
  const dir = positionals[0] ?? dataDir('mitdb');
  const repeat = typeof opts.repeat === 'string' ? Math.max(1, Number(opts.repeat)) : 2;
  const names = readdirSync(dir)
    .filter((f) => /^\d+\.hea$/.test(f))
    .map((f) => f.replace('.hea', ''))
    .sort();
  const src = fileSourceFromDir(dir);
  const recs: ParsedRecording[] = names.map((n) => readRecording(src, `${n}.hea`));
  // Warm-up: let the JIT compile the hot loops before anything is timed.
  analyzeRecording(recs[0]);

  const rows: Array<{
    record: string;
    durationS: number;
    leads: number;
    beats: number;
    detectionMs: number;
    delineationMs: number;
    analyzeMs: number;
    realTimeMultiple: number;
  }> = [];
  let detSamples = 0;
  let detMs = 0;
  let delMs = 0;
  recs.forEach((rec, i) => {
    progress(`${rec.recordName} ${i + 1}/${recs.length}`);
    const leads = rec.leads.map(leadMillivolts);
    let centers: ArrayLike<number> = new Int32Array(0);
    const dMs = best(repeat, () => {
      centers = detectQrs(leads, rec.fs).centers;
    });
    const lMs = best(repeat, () => {
      delineateBeats(leads, rec.fs, centers);
    });
    let beats = 0;
    const aMs = best(repeat, () => {
      beats = analyzeRecording(rec).beats.length;
    });
    const durationS = rec.samples / rec.fs;
    detSamples += rec.samples * leads.length;
    detMs += dMs;
    delMs += lMs;
    rows.push({
      record: rec.recordName,
      durationS: Math.round(durationS * 100) / 100,
      leads: leads.length,
      beats,
      detectionMs: Math.round(dMs * 10) / 10,
      delineationMs: Math.round(lMs * 10) / 10,
      analyzeMs: Math.round(aMs * 10) / 10,
      realTimeMultiple: Math.round(durationS / (aMs / 1000)),
    });
  });
  const multiples = rows.map((r) => r.realTimeMultiple).sort((a, b) => a - b);
  const totalDur = rows.reduce((a, r) => a + r.durationS, 0);
  const totalAnalyze = rows.reduce((a, r) => a + r.analyzeMs, 0);
  const doc = {
    what: 'QRS detection, delineation and full analyzeRecording (no models) on MIT-BIH, 2 leads, 360 Hz; reading excluded',
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version },
    repeat,
    detection: {
      samplesPerSecond: Math.round((detSamples / detMs) * 1000),
      note: 'samples x leads per second',
    },
    delineation: {
      samplesPerSecond: Math.round((detSamples / delMs) * 1000),
      note: 'every beat on every lead, samples x leads per second',
    },
    analyze: {
      records: rows.length,
      realTimeMultipleOverall: Math.round(totalDur / (totalAnalyze / 1000)),
      realTimeMultipleMin: multiples[0],
      realTimeMultipleMedian: multiples[multiples.length >> 1],
      target: 5000,
      recordsBelowTarget: rows.filter((r) => r.realTimeMultiple < 5000).map((r) => r.record),
    },
    records: rows,
  };
  writeJson(typeof opts.out === 'string' ? opts.out : 'bench-results/dsp.json', doc);
  process.stdout.write(
    `\ndetection   ${(doc.detection.samplesPerSecond / 1e6).toFixed(1)} M samples/s\n` +
      `delineation ${(doc.delineation.samplesPerSecond / 1e6).toFixed(1)} M samples/s\n` +
      `analyze     ${doc.analyze.realTimeMultipleOverall}x real time overall, min ${doc.analyze.realTimeMultipleMin}x, median ${doc.analyze.realTimeMultipleMedian}x (target 5000x)\n`,
  );
}

main();
