/**
 * WFDB records in the FLAC formats 508/516/524 (wfdb-python's flacformats, flac_3_constant and
 * the MIMIC-style mixedsignals): read like any record, checked against facts that do not come
 * from our decoder (the header's checksums, the uncompressed twin binformats), and damaged
 * files refused with the file's name.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import {
  FormatError,
  WfdbHeaderError,
  WfdbSignalError,
  fileSourceFromMap,
  readRecording,
} from '../../../main/formats';
import { fileSourceFromDir } from '../../../main/formats/fs-source';
import { INVALID_SAMPLE } from '../../../main/formats/types';
import { dataPath, describeWithData } from '../../helpers/data';
import { mutator } from '../../helpers/mutate';
import { thrown } from '../../helpers/thrown';

describeWithData('wfdb-samples', 'WFDB FLAC formats', () => {
  const source = fileSourceFromDir(dataPath('wfdb-samples'));
  const file = (name: string) => new Uint8Array(readFileSync(dataPath('wfdb-samples', name)));
  /** flacformats with some of its files replaced. */
  const flacformats = (replace: Record<string, Uint8Array | string>) => {
    const files = new Map<string, Uint8Array>(
      ['flacformats.hea', 'flacformats.d0', 'flacformats.d1', 'flacformats.d2'].map((n) => [
        n,
        file(n),
      ]),
    );
    for (const [n, v] of Object.entries(replace))
      files.set(n, typeof v === 'string' ? new TextEncoder().encode(v) : v);
    return () => readRecording(fileSourceFromMap(files), 'flacformats.hea');
  };

  it('flacformats: the 16-bit FLAC signal is binformats’ format-16 signal, sample for sample', () => {
    const flac = readRecording(source, 'flacformats.hea');
    const plain = readRecording(source, 'binformats.hea');
    // Both headers give this signal the same initial value (-32766) and checksum (-750).
    expect(flac.leads[1].digital).toEqual(plain.leads[1].digital);
    expect(flac.leads.map((l) => l.digital.length)).toEqual([499, 499, 499]);
  });

  it('flac_3_constant: 5.6 M constant samples per signal from 20 KB', () => {
    const r = readRecording(source, 'flac_3_constant.hea');
    r.leads.forEach((l, k) => {
      expect(l.digital.length).toBe(5_600_000);
      expect(l.digital.every((v) => v === 25 * (k + 1))).toBe(true);
    });
  });

  it('mixedsignals: 4, 2 and 1 samples per frame in three FLAC files; gaps only at the start', () => {
    const r = readRecording(source, 'mixedsignals.hea');
    for (const l of r.leads) {
      const first = l.digital.findIndex((v) => v !== INVALID_SAMPLE);
      expect(first, l.name).toBeGreaterThanOrEqual(0);
      expect(l.digital.subarray(first).includes(INVALID_SAMPLE), l.name).toBe(false);
    }
    // The ECG leads, once present, are ECG-sized: within ±3 mV of the ADC zero (8192, 200/mV).
    for (const l of r.leads.slice(0, 3)) {
      const valid = l.digital.filter((v) => v !== INVALID_SAMPLE);
      expect(Math.max(...valid.map((v) => Math.abs(v - 8192) / 200)), l.name).toBeLessThan(3);
    }
  });

  it('a wrong checksum in the header is caught, naming the FLAC file', () => {
    const header = new TextDecoder().decode(file('flacformats.hea')).replace(' -750 ', ' -751 ');
    expect(thrown(flacformats({ 'flacformats.hea': header })).message).toBe(
      'flacformats.d1: signal 1 (sig 1, fmt 516): checksum mismatch: flacformats.hea says -751, the data sums to -750',
    );
  });

  it('truncated, corrupt or foreign FLAC files are refused with the file’s name', () => {
    const d1 = file('flacformats.d1');
    const cut = thrown(flacformats({ 'flacformats.d1': d1.subarray(0, 500) }));
    expect(cut).toBeInstanceOf(WfdbSignalError);
    expect(cut.message).toMatch(/^flacformats\.d1: FLAC: truncated/);

    const flipped = d1.slice();
    flipped[600] ^= 0x01;
    const bad = thrown(flacformats({ 'flacformats.d1': flipped }));
    expect(bad).toBeInstanceOf(WfdbSignalError);
    expect(bad.message).toMatch(/^flacformats\.d1: FLAC: frame 0 \(byte \d+\): /);

    const wav = thrown(flacformats({ 'flacformats.d2': new TextEncoder().encode('RIFF') }));
    expect(wav.message).toBe('flacformats.d2: FLAC: not a FLAC stream (no "fLaC" marker)');
  });

  it('refuses a header that disagrees with its FLAC stream', () => {
    const header = new TextDecoder().decode(file('flacformats.hea'));
    const longer = thrown(flacformats({ 'flacformats.hea': header.replace('200 499', '200 600') }));
    expect(longer.message).toBe(
      'flacformats.d0: truncated: flacformats.hea needs 600 samples per signal, the FLAC stream holds 499',
    );
    // Two signals listed in d0, whose stream has one channel.
    const two = header.replace('flacformats.d1 516', 'flacformats.d0 508');
    expect(thrown(flacformats({ 'flacformats.hea': two })).message).toBe(
      'flacformats.d0: FLAC: the stream has 1 channels, the header lists 2 signals in it',
    );
    // 24-bit samples declared as the 16-bit FLAC format.
    const narrow = header.replace('flacformats.d2 524', 'flacformats.d2 516');
    expect(thrown(flacformats({ 'flacformats.hea': narrow })).message).toBe(
      'flacformats.d2: FLAC: 24-bit samples in a format 516 file (at most 16)',
    );
    const mixedSpf = header
      .replace('flacformats.d1 516', 'flacformats.d0 508x2')
      .replace('3 200 499', '3 200 249');
    const err = thrown(flacformats({ 'flacformats.hea': mixedSpf }));
    expect(err).toBeInstanceOf(WfdbHeaderError);
    expect(err.message).toContain('must all have the same samples per frame');
  });

  it('200 damaged copies: each reads or fails with a FormatError naming the file', () => {
    const damage = mutator(7);
    const names = ['mixedsignals_e.dat', 'mixedsignals_p.dat', 'mixedsignals_r.dat'];
    const intact = new Map<string, Uint8Array>(
      ['mixedsignals.hea', ...names].map((n) => [n, file(n)]),
    );
    for (let i = 0; i < 200; i++) {
      const name = names[i % names.length];
      const files = new Map(intact).set(name, damage(intact.get(name)!));
      try {
        readRecording(fileSourceFromMap(files), 'mixedsignals.hea');
      } catch (err) {
        expect(err, `copy ${i}`).toBeInstanceOf(FormatError);
        expect((err as Error).message).toMatch(/^mixedsignals(\.hea|_[epr]\.dat)/);
      }
    }
  });
});
