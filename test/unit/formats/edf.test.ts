/**
 * EDF/EDF+/BDF: wfdb-python's test_generator_2.edf against its WFDB twin (test_generator_2.hea,
 * made from it by edf2mit), the annotation-only test_edfann.edf, and synthetic files built
 * here for what the shared samples lack (BDF, several rates, annotations, EDF+D, damage).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatError, fileSourceFromMap, readRecording } from '../../../main/formats';
import { EdfError, looksLikeEdf, readEdfRecording } from '../../../main/formats/edf';
import { fileSourceFromDir } from '../../../main/formats/fs-source';
import { dataPath, describeWithData } from '../../helpers/data';
import { mutator } from '../../helpers/mutate';
import { thrown } from '../../helpers/thrown';

interface SynthSignal {
  label: string;
  units?: string;
  physMin?: number;
  physMax?: number;
  digMin?: number;
  digMax?: number;
  /** Samples per data record. */
  spr: number;
  /** Sample value (digital) at index i of the whole signal, or the record's raw bytes. */
  value?: (i: number) => number;
  annotations?: (record: number) => string;
}

/** Builds an EDF (or BDF) file: header fields padded as the standard says, then the records. */
function synth(
  signals: SynthSignal[],
  opts: {
    records: number;
    seconds: number;
    kind?: 'edf' | 'bdf';
    reserved?: string;
    patient?: string;
    recording?: string;
  },
): Uint8Array {
  const width = opts.kind === 'bdf' ? 3 : 2;
  const field = (s: string | number, n: number) => String(s).padEnd(n, ' ').slice(0, n);
  const ns = signals.length;
  let head =
    (opts.kind === 'bdf' ? '\xffBIOSEMI' : field('0', 8)) +
    field(opts.patient ?? 'X X X X', 80) +
    field(opts.recording ?? 'Startdate 02-MAR-2002 X X X', 80) +
    '02.03.02' +
    '13.45.10' +
    field(256 * (ns + 1), 8) +
    field(opts.reserved ?? 'EDF+C', 44) +
    field(opts.records, 8) +
    field(opts.seconds, 8) +
    field(ns, 4);
  const each = (f: (s: SynthSignal) => string | number, n: number) =>
    signals.map((s) => field(f(s), n)).join('');
  head +=
    each((s) => s.label, 16) +
    each(() => 'AgAgCl', 80) +
    each((s) => s.units ?? 'uV', 8) +
    each((s) => s.physMin ?? -3200, 8) +
    each((s) => s.physMax ?? 3200, 8) +
    each((s) => s.digMin ?? -32768, 8) +
    each((s) => s.digMax ?? 32767, 8) +
    each(() => 'HP:0.1Hz', 80) +
    each((s) => s.spr, 8) +
    each(() => '', 32);
  const bytes: number[] = Array.from(head, (c) => c.charCodeAt(0));
  for (let r = 0; r < opts.records; r++) {
    for (const s of signals) {
      if (s.annotations) {
        const tal = Array.from(new TextEncoder().encode(s.annotations(r)));
        for (let i = 0; i < s.spr * width; i++) bytes.push(tal[i] ?? 0);
        continue;
      }
      for (let i = 0; i < s.spr; i++) {
        const v = s.value!(r * s.spr + i);
        for (let b = 0; b < width; b++) bytes.push((v >> (8 * b)) & 0xff);
      }
    }
  }
  return Uint8Array.from(bytes);
}

const timekeeping = (seconds: number) => (r: number) => `+${r * seconds}\x14\x14\x00`;

describe('EDF reader on synthetic files', () => {
  it('holds a slower signal, calibrates digital to physical, reads EDF+ annotations and patient', () => {
    const bytes = synth(
      [
        { label: 'ECG II', spr: 4, value: (i) => i * 10 - 20 },
        {
          label: 'Resp',
          units: 'Ohm',
          physMin: 0,
          physMax: 10,
          digMin: 0,
          digMax: 1000,
          spr: 2,
          value: (i) => 100 + i,
        },
        {
          label: 'EDF Annotations',
          spr: 30,
          annotations: (r) =>
            timekeeping(1)(r) + (r === 1 ? '+1.5\x150.25\x14Arousal\x14\x00' : ''),
        },
      ],
      { records: 3, seconds: 1, patient: 'MCH-0234567 F 02-MAY-1951 Haagse_Harry' },
    );
    const rec = readEdfRecording(bytes, 'dir/night.edf');
    expect(rec).toMatchObject({ format: 'edf', recordName: 'night', fs: 4, samples: 12 });
    expect(rec.leads.map((l) => l.name)).toEqual(['ECG II', 'Resp']);
    expect(Array.from(rec.leads[0].digital)).toEqual(
      Array.from({ length: 12 }, (_, i) => i * 10 - 20),
    );
    expect(Array.from(rec.leads[1].digital)).toEqual([
      100, 100, 101, 101, 102, 102, 103, 103, 104, 104, 105, 105,
    ]);
    // physical = (digital − baseline) / gain: digital 100 of Resp is 1 Ohm; 32767 of ECG is 3200 uV.
    const phys = (k: number, d: number) => (d - rec.leads[k].baseline) / rec.leads[k].gain;
    expect(phys(1, 100)).toBeCloseTo(1, 12);
    expect(phys(0, 32767)).toBeCloseTo(3200, 9);
    expect(phys(0, -32768)).toBeCloseTo(-3200, 9);
    expect(rec.leads[1].units).toBe('Ohm');
    expect(rec.annotations).toEqual({
      edf: [{ sample: 6, symbol: '"', subtype: 0, chan: 0, num: 0, aux: 'Arousal (0.25 s)' }],
    });
    expect(rec.patient).toEqual({ externalId: 'MCH-0234567', age: 50, sex: 'F' });
    expect(rec.startTime).toBe('2002-03-02T13:45:10');
  });

  it('reads 24-bit BDF', () => {
    const bytes = synth(
      [
        {
          label: 'EXG1',
          spr: 3,
          value: (i) => (i % 2 ? -8388608 : 8388607 - i),
          digMin: -8388608,
          digMax: 8388607,
        },
      ],
      {
        records: 2,
        seconds: 1,
        kind: 'bdf',
        reserved: '24BIT',
      },
    );
    expect(looksLikeEdf(bytes)).toBe(true);
    const rec = readEdfRecording(bytes, 'a.bdf');
    expect(Array.from(rec.leads[0].digital)).toEqual([
      8388607, -8388608, 8388605, -8388608, 8388603, -8388608,
    ]);
    expect(rec.leads[0].adcResolution).toBe(24);
    expect(rec.patient).toEqual({ externalId: null, age: null, sex: null }); // not EDF+
  });

  it('refuses damage and what it does not model, naming the file', () => {
    const ok = synth([{ label: 'I', spr: 5, value: (i) => i }], { records: 4, seconds: 1 });
    const msg = (b: Uint8Array) => thrown(() => readEdfRecording(b, 'x.edf'));
    const cut = msg(ok.subarray(0, ok.length - 3));
    expect(cut).toBeInstanceOf(EdfError);
    expect(cut.message).toBe(
      'x.edf: truncated: 4 data records of 10 bytes need 552 bytes, the file has 549',
    );
    const spoiled = (offset: number, text: string) => {
      const b = ok.slice();
      b.set(
        Array.from(text, (c) => c.charCodeAt(0)),
        offset,
      );
      return b;
    };
    expect(msg(spoiled(184, '9999    ')).message).toBe(
      'x.edf: header size 9999 does not match 1 signals (512 bytes)',
    );
    expect(msg(spoiled(256 + 216, 'abc     ')).message).toBe(
      "x.edf: signal 1 (I) samples per record 'abc' is not a whole number",
    );
    expect(msg(spoiled(256 + 120, '40000   ')).message).toBe(
      'x.edf: signal 1 (I): digital maximum 32767 is not above the minimum 40000',
    );
    expect(msg(new TextEncoder().encode('RIFF')).message).toBe(
      'x.edf: not an EDF or BDF file (no valid 256-byte header)',
    );
    // -1 records (unknown): as many as the file holds.
    expect(readEdfRecording(spoiled(236, '-1      '), 'x.edf').samples).toBe(20);
    const gap = synth(
      [
        { label: 'I', spr: 2, value: (i) => i },
        {
          label: 'EDF Annotations',
          spr: 10,
          annotations: (r) => `+${r === 2 ? 5 : r}\x14\x14\x00`,
        },
      ],
      { records: 3, seconds: 1, reserved: 'EDF+D' },
    );
    expect(msg(gap).message).toBe(
      'x.edf: discontinuous EDF+D: data record 3 starts at 5 s, not 2 s (recordings with gaps are not supported)',
    );
  });
});

describeWithData('wfdb-samples', 'EDF reader on wfdb-python samples', () => {
  const source = fileSourceFromDir(dataPath('wfdb-samples'));

  it('test_generator_2.edf has the samples, rate, names and start of its WFDB twin', () => {
    const edf = readRecording(source, 'test_generator_2.edf');
    const wfdb = readRecording(source, 'test_generator_2.hea');
    expect(edf.format).toBe('edf');
    expect([edf.fs, edf.samples, edf.startTime]).toEqual([wfdb.fs, wfdb.samples, wfdb.startTime]);
    // The twin keeps the annotation channel as a 12th signal; the EDF reader makes it annotations.
    expect(edf.leads.map((l) => l.name)).toEqual(wfdb.leads.slice(0, 11).map((l) => l.name));
    edf.leads.forEach((l, k) => {
      expect(l.digital, l.name).toEqual(wfdb.leads[k].digital);
      expect(l.gain).toBeCloseTo(wfdb.leads[k].gain, 9);
      // EDF's exact calibration puts 0 uV at digital −0.5; edf2mit rounded it to 0.
      expect(Math.abs(l.baseline - wfdb.leads[k].baseline)).toBeLessThanOrEqual(0.5);
    });
  });

  it('an EDF+ file with annotations only is refused: there is no signal to show', () => {
    const bytes = new Uint8Array(readFileSync(dataPath('wfdb-samples', 'test_edfann.edf')));
    const err = thrown(() =>
      readRecording(fileSourceFromMap(new Map([['test_edfann.edf', bytes]])), 'test_edfann.edf'),
    );
    expect(err).toBeInstanceOf(EdfError);
    expect(err.message).toBe('test_edfann.edf: holds annotations only, no signal');
  });

  it('300 damaged copies (mostly the header): each reads or fails with a FormatError naming the file', () => {
    const damage = mutator(11);
    const edf = new Uint8Array(readFileSync(dataPath('wfdb-samples', 'test_generator_2.edf')));
    for (let i = 0; i < 300; i++) {
      const bytes = damage(edf, i % 3 === 0 ? edf.length : 256 * 13);
      try {
        readRecording(fileSourceFromMap(new Map([['t.edf', bytes]])), 't.edf');
      } catch (err) {
        expect(err, `copy ${i}`).toBeInstanceOf(FormatError);
        expect((err as Error).message).toMatch(/^t\.edf: /);
      }
    }
  });
});
