import { INVALID_SAMPLE, type ParsedRecording } from '../../../main/formats/types';
import { mulberry32 } from '../../../main/ml/seed';

export interface SyntheticOptions {
  recordName?: string;
  samples?: number;
  fs?: number;
  /** Per lead: [min, max] of the digital values. */
  ranges?: [number, number][];
  /** Every n-th sample is "no sample" (0: none). */
  invalidEvery?: number;
  seed?: number;
  externalId?: string | null;
}

/** A deterministic fake recording (random walk per lead) for store tests. */
export function syntheticRecording(o: SyntheticOptions = {}): ParsedRecording {
  const samples = o.samples ?? 20_000;
  const ranges = o.ranges ?? [
    [-2048, 2047],
    [-100_000, 100_000],
  ];
  const random = mulberry32(o.seed ?? 1);
  const leads = ranges.map(([lo, hi], i) => {
    const digital = new Int32Array(samples);
    let v = Math.round((lo + hi) / 2);
    for (let k = 0; k < samples; k++) {
      v = Math.min(hi, Math.max(lo, v + Math.round((random() - 0.5) * (hi - lo) * 0.05)));
      digital[k] = o.invalidEvery && k % o.invalidEvery === 7 ? INVALID_SAMPLE : v;
    }
    return {
      name: `L${i}`,
      units: i === 0 ? 'mV' : 'uV',
      gain: i === 0 ? 200 : 1000,
      baseline: i === 0 ? 12 : -7,
      adcResolution: 16,
      digital,
    };
  });
  return {
    format: 'wfdb',
    recordName: o.recordName ?? 'synth',
    fs: o.fs ?? 250,
    samples,
    leads,
    startTime: null,
    comments: ['synthetic'],
    patient: { externalId: o.externalId ?? null, age: 42, sex: 'F' },
    annotations: {
      atr: [
        { sample: 10, symbol: 'N', subtype: 0, chan: 0, num: 0, aux: '' },
        { sample: 500, symbol: 'V', subtype: 0, chan: 0, num: 0, aux: '' },
        { sample: 900, symbol: '+', subtype: 0, chan: 0, num: 0, aux: '(N' },
      ],
    },
  };
}

/** Row counts of every table of the store, to prove that a failed import wrote nothing. */
export function tableCounts(db: import('better-sqlite3').Database): Record<string, number> {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all();
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    out[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
  }
  return out;
}

/** Physical values of lead `l` over [start, end), computed here independently of the store. */
export function physicalValues(
  rec: ParsedRecording,
  l: number,
  start: number,
  end: number,
): number[] {
  const lead = rec.leads[l];
  const toMv = lead.units === 'uV' ? 1e-3 : 1;
  return Array.from(lead.digital.subarray(start, end), (d) =>
    d === INVALID_SAMPLE ? NaN : ((d - lead.baseline) / lead.gain) * toMv,
  );
}

/** Min and max of each run of `step` values, NaN skipped (NaN when a run has none). */
export function minMaxOf(values: number[], step: number): { mins: number[]; maxs: number[] } {
  const mins: number[] = [];
  const maxs: number[] = [];
  for (let c = 0; c < values.length; c += step) {
    const col = values.slice(c, c + step).filter((v) => !Number.isNaN(v));
    mins.push(col.length ? Math.min(...col) : NaN);
    maxs.push(col.length ? Math.max(...col) : NaN);
  }
  return { mins, maxs };
}

/** Null when both hold the same values (NaN where NaN, else within 1e-9); else the first difference. */
export function firstDifference(actual: number[], expected: number[]): unknown {
  if (actual.length !== expected.length)
    return { length: actual.length, expected: expected.length };
  const i = expected.findIndex((e, k) =>
    Number.isNaN(e) ? !Number.isNaN(actual[k]) : !(Math.abs(actual[k] - e) <= 1e-9),
  );
  return i < 0 ? null : { index: i, actual: actual[i], expected: expected[i] };
}
