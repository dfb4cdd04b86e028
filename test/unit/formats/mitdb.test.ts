/** Conformance on the complete MIT-BIH Arrhythmia Database and the Noise Stress Test records. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BEAT_SYMBOLS, fileSourceFromMap, parseHeader, readRecording } from '../../../main/formats';
import { fileSourceFromDir } from '../../../main/formats/fs-source';
import { aamiClass } from '../../../main/ml/beats/labels';
import { dataPath, describeWithData } from '../../helpers/data';

describeWithData('mitdb', 'WFDB conformance: MIT-BIH Arrhythmia Database', () => {
  const dir = dataPath('mitdb');
  const source = fileSourceFromDir(dir);
  const records = readdirSync(dir)
    .filter((f) => f.endsWith('.hea'))
    .sort();

  it('has the 48 records', () => {
    expect(records).toHaveLength(48);
  });

  it('reads all 48 with checksums verified; first samples are the headers’ initial values', () => {
    for (const name of records) {
      const header = parseHeader(readFileSync(join(dir, name), 'latin1'), name);
      const r = readRecording(source, name);
      expect(r, name).toMatchObject({ fs: 360, samples: 650000 });
      expect(r.leads).toHaveLength(2);
      header.signals.forEach((spec, i) => {
        expect(spec.checksum, name).not.toBeNull(); // …and readRecording verified it.
        expect(r.leads[i].digital[0], name).toBe(spec.initialValue);
        expect(r.leads[i].digital.length).toBe(650000);
      });
      expect(r.annotations.atr.length, name).toBeGreaterThan(1000);
    }
  });

  it('record 100: leads, calibration, first samples, patient', () => {
    const r = readRecording(source, '100.hea');
    expect(r.leads.map((l) => [l.name, l.gain, l.baseline, l.units, l.adcResolution])).toEqual([
      ['MLII', 200, 1024, 'mV', 11],
      ['V5', 200, 1024, 'mV', 11],
    ]);
    expect(Array.from(r.leads[0].digital.subarray(0, 10))).toEqual([
      995, 995, 995, 995, 995, 995, 995, 995, 1000, 997,
    ]);
    expect(Array.from(r.leads[1].digital.subarray(0, 5))).toEqual([1011, 1011, 1011, 1011, 1011]);
    expect(r.patient).toEqual({ externalId: null, age: 69, sex: 'M' });
    expect(Object.keys(r.annotations)).toEqual(['atr']);
  });

  it('record 100 .atr: 2273 beat annotations, 2274 in all', () => {
    const atr = readRecording(source, '100.hea').annotations.atr;
    expect(atr.filter((a) => BEAT_SYMBOLS.has(a.symbol))).toHaveLength(2273);
    expect(atr).toHaveLength(2274);
    expect(atr.every((a, i) => i === 0 || a.sample >= atr[i - 1].sample)).toBe(true);
    expect(atr[atr.length - 1].sample).toBeLessThan(650000);
  });

  it("beat totals over the 48 records, by the app's AAMI map, match the data README", () => {
    const totals: Record<string, number> = { N: 0, S: 0, V: 0, F: 0, Q: 0 };
    for (const name of records) {
      for (const a of readRecording(source, name).annotations.atr) {
        const c = aamiClass(a.symbol);
        if (c) totals[c]++;
      }
    }
    expect(totals).toEqual({ N: 90631, S: 2781, V: 7236, F: 803, Q: 8043 });
  });

  it('picks up the alternate annotation files (at_, at-) under their extensions', () => {
    expect(Object.keys(readRecording(source, '203.hea').annotations).sort()).toEqual([
      'at-',
      'at_',
      'atr',
    ]);
    expect(readRecording(source, '103.hea').patient).toEqual({
      externalId: null,
      age: null,
      sex: 'M',
    });
  });

  it('decodes record 100 (format 212) well under 100 ms', () => {
    const files = new Map(
      ['100.hea', '100.dat', '100.atr'].map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))]),
    );
    const inMemory = fileSourceFromMap(files);
    readRecording(inMemory, '100.hea'); // warm-up (JIT)
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      readRecording(inMemory, '100.hea');
      best = Math.min(best, performance.now() - t0);
    }
    expect(best).toBeLessThan(100);
  });
});

describeWithData('nstdb', 'WFDB conformance: MIT-BIH Noise Stress Test records', () => {
  const source = fileSourceFromDir(dataPath('nstdb'));

  it.each(['118e00', '118e12', '118e24', 'bw', 'ma'])('%s', (name) => {
    const r = readRecording(source, `${name}.hea`);
    expect(r).toMatchObject({ fs: 360, samples: 650000 });
    if (name.startsWith('118')) {
      // Same beats as MIT-BIH 118.
      expect(r.annotations.atr.filter((a) => BEAT_SYMBOLS.has(a.symbol)).length).toBeGreaterThan(
        2000,
      );
    } else {
      // Gain 0 ("uncalibrated") reads as WFDB's default 200.
      expect(r.leads[0].gain).toBe(200);
    }
  });
});
