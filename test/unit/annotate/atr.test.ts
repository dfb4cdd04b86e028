import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BeatLabel } from '@common/types';
import { encodeAtr } from '../../../main/annotate/export/atr';
import { referenceBeats } from '../../../main/annotate/reference';
import { BEAT_LABELS, MIT_SYMBOL } from '../../../main/annotate/symbols';
import { BEAT_SYMBOLS, parseAnnotations } from '../../../main/formats';
import { mulberry32 } from '../../../main/ml/seed';
import { aamiClass } from '../../../main/ml/beats/labels';
import { dataPath, describeWithData } from '../../helpers/data';

const roundTrip = (beats: { sample: number; label: BeatLabel }[]) =>
  parseAnnotations(encodeAtr(beats), 'x.atr').annotations;

describe('WFDB annotation writer', () => {
  it('writes the documented words: code << 10 | interval, SKIP for > 1023, a 0 word at the end', () => {
    const bytes = encodeAtr([
      { sample: 5, label: 'N' },
      { sample: 2000, label: 'V' },
      { sample: 3023, label: 'S' },
    ]);
    expect(Array.from(bytes)).toEqual([
      0x05,
      0x04, // N (1), 5 samples
      0x00,
      0xec, // SKIP (59)
      0x00,
      0x00,
      0xcb,
      0x07, // 1995: high word 0, low word 0x07cb
      0x00,
      0x14, // V (5), interval 0
      0xff,
      0x23, // A (8), 1023 (largest interval without SKIP)
      0x00,
      0x00, // end
    ]);
  });

  it('an empty file is just the end word', () => {
    expect(Array.from(encodeAtr([]))).toEqual([0, 0]);
    expect(roundTrip([])).toEqual([]);
  });

  it('round-trips through our reader: samples and symbols, every label, huge gaps, unsorted input', () => {
    const random = mulberry32(3);
    const beats: { sample: number; label: BeatLabel }[] = [{ sample: 0, label: 'Q' }];
    let s = 0;
    const gaps = [1, 1023, 1024, 65535, 65536, 70_000, 2 ** 24 + 3];
    for (let i = 0; i < 2000; i++) {
      s += i < gaps.length ? gaps[i] : 1 + Math.floor(random() * 1500);
      beats.push({ sample: s, label: BEAT_LABELS[Math.floor(random() * 5)] });
    }
    const shuffled = [...beats].reverse();
    const back = roundTrip(shuffled);
    expect(back.map((a) => a.sample)).toEqual(beats.map((b) => b.sample));
    expect(back.map((a) => a.symbol)).toEqual(beats.map((b) => MIT_SYMBOL[b.label]));
    expect(back.every((a) => a.subtype === 0 && a.chan === 0 && a.num === 0 && a.aux === '')).toBe(
      true,
    );
    expect(new Set(back.map((a) => a.symbol))).toEqual(new Set(['N', 'A', 'V', 'F', 'Q']));
  });

  it('refuses samples an annotation file cannot hold', () => {
    expect(() => encodeAtr([{ sample: -1, label: 'N' }])).toThrow(RangeError);
    expect(() => encodeAtr([{ sample: 1.5, label: 'N' }])).toThrow(RangeError);
  });
});

describeWithData('mitdb', 'MIT-BIH reference beats → .atr → reader', () => {
  for (const record of ['100', '208', '217']) {
    it(`record ${record}: the same beat samples as the original .atr, symbols mapped back`, () => {
      const original = parseAnnotations(
        readFileSync(dataPath('mitdb', `${record}.atr`)),
        `${record}.atr`,
      );
      const rows = original.annotations.map((a) => ({ ...a, source: 'atr' }));
      const { beats, unclassified } = referenceBeats(rows);
      const back = parseAnnotations(encodeAtr(beats), 'out.atr').annotations;
      const originalBeats = original.annotations.filter(
        (a) => BEAT_SYMBOLS.has(a.symbol) && aamiClass(a.symbol) !== null,
      );
      expect(back.map((a) => a.sample)).toEqual(originalBeats.map((a) => a.sample));
      expect(back.map((a) => a.symbol)).toEqual(
        originalBeats.map((a) => MIT_SYMBOL[aamiClass(a.symbol) as BeatLabel]),
      );
      expect(back.length + unclassified).toBe(
        original.annotations.filter((a) => BEAT_SYMBOLS.has(a.symbol)).length,
      );
      if (record === '100') {
        // 100 has only N, A and V beats: the written symbols are the original ones.
        expect(back.map((a) => a.symbol)).toEqual(originalBeats.map((a) => a.symbol));
        expect(back).toHaveLength(2273);
      }
    });
  }
});
