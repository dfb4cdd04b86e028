/**
 * Delineation accuracy against LUDB's per-lead expert annotations:
 *   npx -y tsx scripts/eval-delineation.ts [ludb-data-folder] [--out FILE] [--json]
 *
 * For every annotated QRS of lead II that the detector finds (12 leads fused), each lead is
 * delineated (main/dsp/delineation) and the leads are combined per beat (median of the leads'
 * boundaries). Two comparisons, per boundary (QRS on/off, P on/off, T off):
 * - global: our combined boundary vs the median of the annotators' boundaries over the leads
 *   where that wave is annotated (needs >= 6 leads) — the multi-lead measurement that the CSE
 *   tolerances (2 sigma: 6.5, 11.6, 10.2, 12.7, 30.6 ms) are meant for;
 * - per lead: our single-lead boundary vs that lead's annotation (annotators themselves scatter
 *   by +-10-20 ms from lead to lead, so these errors are larger).
 * Mean and SD of (ours - reference), in ms; a row passes when SD <= the CSE tolerance.
 * Splits: all records; records 1-100 (where the delineation thresholds were chosen); records
 * 101-200 (held out); records without a pacemaker (LUDB annotates paced QRS onsets after the
 * pacing spike, which no slope-based delineator does).
 */
import { readRecording } from '../main/formats';
import { fileSourceFromDir } from '../main/formats/fs-source';
import type { ParsedAnnotation } from '../main/formats/types';
import { leadMillivolts } from '../main/analysis/signal';
import { detectQrs } from '../main/dsp/qrs';
import { delineateBeats, type BeatWaves } from '../main/dsp/delineation';
import { dataDir, pad, parseArgv, progress, stat, writeJson, type Stat } from './eval-common';

const KEYS = ['qrsOn', 'qrsOff', 'pOn', 'pOff', 'tOff'] as const;
type Key = (typeof KEYS)[number];
const CSE_TOLERANCE_MS: Record<Key, number> = {
  pOn: 10.2,
  pOff: 12.7,
  qrsOn: 6.5,
  qrsOff: 11.6,
  tOff: 30.6,
};

interface Wave {
  t: string;
  on: number;
  peak: number;
  off: number;
}

function wavesOf(ann: readonly ParsedAnnotation[] | undefined): Wave[] {
  const out: Wave[] = [];
  if (!ann) return out;
  for (let i = 0; i + 2 < ann.length; i++) {
    if (ann[i].symbol === '(' && ann[i + 2].symbol === ')' && 'pNt'.includes(ann[i + 1].symbol)) {
      out.push({
        t: ann[i + 1].symbol,
        on: ann[i].sample,
        peak: ann[i + 1].sample,
        off: ann[i + 2].sample,
      });
    }
  }
  return out;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : 0.5 * (s[(s.length >> 1) - 1] + s[s.length >> 1]);
}

interface Errors {
  global: Record<Key, number[]>;
  perLead: Record<Key, number[]>;
  pAnnotated: number;
  pFound: number;
  pExtra: number;
  tAnnotated: number;
  tFound: number;
  beats: number;
}

const emptyErrors = (): Errors => ({
  global: { qrsOn: [], qrsOff: [], pOn: [], pOff: [], tOff: [] },
  perLead: { qrsOn: [], qrsOff: [], pOn: [], pOff: [], tOff: [] },
  pAnnotated: 0,
  pFound: 0,
  pExtra: 0,
  tAnnotated: 0,
  tFound: 0,
  beats: 0,
});

function evaluateRecord(dir: string, r: number, into: Errors[]): void {
  const rec = readRecording(fileSourceFromDir(dir), `${r}.hea`);
  const fs = rec.fs;
  const toMs = (v: number): number => (v / fs) * 1000;
  const mv = rec.leads.map(leadMillivolts);
  const lii = Math.max(
    0,
    rec.leads.findIndex((l) => l.name.toLowerCase() === 'ii'),
  );
  const det = detectQrs(mv, fs, { fiducialLead: lii });
  const c = det.centers;
  const del = delineateBeats(mv, fs, c);
  const waves = rec.leads.map((l) => wavesOf(rec.annotations[l.name]));
  for (const q of waves[lii].filter((w) => w.t === 'N')) {
    let k = -1;
    let best = Infinity;
    for (let j = 0; j < c.length; j++) {
      const d = Math.abs(c[j] - q.peak);
      if (d < best) {
        best = d;
        k = j;
      }
    }
    if (best > 0.15 * fs) continue;
    const perLeadRef = waves.map((ws) => {
      const qq = ws.find((w) => w.t === 'N' && Math.abs(w.peak - q.peak) < 0.1 * fs);
      if (!qq) return null;
      const p = ws.find((w) => w.t === 'p' && w.peak < qq.peak && w.peak > qq.peak - 0.4 * fs);
      const t = ws.find((w) => w.t === 't' && w.peak > qq.peak && w.peak < qq.peak + 0.7 * fs);
      const ref: Record<Key, number | undefined> = {
        qrsOn: qq.on,
        qrsOff: qq.off,
        pOn: p?.on,
        pOff: p?.off,
        tOff: t?.off,
      };
      return ref;
    });
    const g: BeatWaves = del.beats[k];
    for (const e of into) {
      e.beats++;
      const refs = (key: Key): number[] =>
        perLeadRef.map((x) => x?.[key]).filter((v): v is number => v !== undefined);
      const pRefs = refs('pOn');
      if (pRefs.length >= 6) {
        e.pAnnotated++;
        if (g.pOn !== null) e.pFound++;
      } else if (pRefs.length === 0 && g.pOn !== null) e.pExtra++;
      if (refs('tOff').length >= 6) {
        e.tAnnotated++;
        if (g.tOff !== null) e.tFound++;
      }
      for (const key of KEYS) {
        const v = g[key];
        const rv = refs(key);
        if (v !== null && rv.length >= 6) e.global[key].push(toMs(v - median(rv)));
      }
      perLeadRef.forEach((ref, li) => {
        if (!ref) return;
        const w = del.perLead[li][k];
        for (const key of KEYS) {
          const v = w[key];
          const a = ref[key];
          if (v !== null && a !== undefined) e.perLead[key].push(toMs(v - a));
        }
      });
    }
  }
}

interface SplitReport {
  split: string;
  records: number;
  beats: number;
  global: Record<Key, Stat & { toleranceMs: number; withinTolerance: boolean }>;
  perLead: Record<Key, Stat>;
  pWaveSensitivity: number;
  pWavesFoundWhereNoneAnnotated: number;
  tWaveSensitivity: number;
}

function summarise(split: string, records: number, e: Errors): SplitReport {
  const global = {} as SplitReport['global'];
  const perLead = {} as SplitReport['perLead'];
  for (const k of KEYS) {
    const s = stat(e.global[k]);
    global[k] = {
      ...s,
      toleranceMs: CSE_TOLERANCE_MS[k],
      withinTolerance: s.sd !== null && s.sd <= CSE_TOLERANCE_MS[k],
    };
    perLead[k] = stat(e.perLead[k]);
  }
  return {
    split,
    records,
    beats: e.beats,
    global,
    perLead,
    pWaveSensitivity: e.pAnnotated ? Math.round((1000 * e.pFound) / e.pAnnotated) / 10 : 0,
    pWavesFoundWhereNoneAnnotated: e.pExtra,
    tWaveSensitivity: e.tAnnotated ? Math.round((1000 * e.tFound) / e.tAnnotated) / 10 : 0,
  };
}

function table(reports: SplitReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(
      `\n${r.split}: ${r.records} records, ${r.beats} beats; P found ${r.pWaveSensitivity} % of annotated (${r.pWavesFoundWhereNoneAnnotated} where none annotated), T found ${r.tWaveSensitivity} %`,
    );
    lines.push(
      'boundary   global mean ± SD (ms)     n   CSE 2σ  ok  | per lead mean ± SD (ms)      n',
    );
    for (const k of KEYS) {
      const g = r.global[k];
      const l = r.perLead[k];
      lines.push(
        `${k.padEnd(8)} ${pad(g.mean ?? '-', 9)} ± ${pad(g.sd ?? '-', 5)} ${pad(g.n, 8)} ${pad(g.toleranceMs, 7)}  ${g.withinTolerance ? 'yes' : 'no '} | ${pad(l.mean ?? '-', 9)} ± ${pad(l.sd ?? '-', 5)} ${pad(l.n, 8)}`,
      );
    }
  }
  return lines.join('\n');
}

function main(): void {
  const { opts, positionals } = parseArgv(process.argv.slice(2));
  const dir = positionals[0] ?? dataDir('ludb', 'data');
  const splits: Array<{
    name: string;
    test: (r: number, paced: boolean) => boolean;
    e: Errors;
    n: number;
  }> = [
    { name: 'all records', test: () => true, e: emptyErrors(), n: 0 },
    {
      name: 'records 1-100 (thresholds chosen here)',
      test: (r) => r <= 100,
      e: emptyErrors(),
      n: 0,
    },
    { name: 'records 101-200 (held out)', test: (r) => r > 100, e: emptyErrors(), n: 0 },
    { name: 'records without pacemaker', test: (_r, paced) => !paced, e: emptyErrors(), n: 0 },
  ];
  const t0 = performance.now();
  for (let r = 1; r <= 200; r++) {
    progress(`record ${r}/200`);
    let paced = false;
    try {
      const rec = readRecording(fileSourceFromDir(dir), `${r}.hea`);
      paced = rec.comments.some((c) => /pacing|pacemaker/i.test(c));
    } catch {
      continue; // absent record
    }
    const into = splits.filter((s) => s.test(r, paced));
    for (const s of into) s.n++;
    evaluateRecord(
      dir,
      r,
      into.map((s) => s.e),
    );
  }
  const reports = splits.map((s) => summarise(s.name, s.n, s.e));
  const doc = {
    database: dir,
    method:
      'global = median over leads; reference = median of the per-lead annotations (>= 6 leads)',
    seconds: Math.round((performance.now() - t0) / 100) / 10,
    reports,
  };
  if (typeof opts.out === 'string') writeJson(opts.out, doc);
  if (opts.json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  else process.stdout.write(`${table(reports)}\n`);
}

main();
