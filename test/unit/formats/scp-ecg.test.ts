/**
 * SCP-ECG reader: the ECGToolkit example (12 leads, default Huffman table, second
 * differences), two non-compliant consumer-device files, small synthetic records for the
 * features the example does not use, and hostile input.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../../main/formats/errors';
import { looksLikeScpEcg, readScpEcgRecording, ScpEcgError } from '../../../main/formats/scp-ecg';
import { crcCcitt } from '../../../main/formats/scp-ecg/crc';
import { INVALID_SAMPLE, type ParsedRecording } from '../../../main/formats/types';
import { dataPath, describeWithData } from '../../helpers/data';

const EXAMPLE = 'ECGToolkit_Example.scp';

function load(name: string): Uint8Array {
  return new Uint8Array(readFileSync(dataPath('formats', 'scp-ecg', name)));
}

/** Expects `fn` to throw an ScpEcgError (a FormatError) whose message is exactly `message`. */
function expectScpError(fn: () => unknown, message: string | RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(ScpEcgError);
  expect(caught).toBeInstanceOf(FormatError);
  const { message: actual } = caught as ScpEcgError;
  if (typeof message === 'string') expect(actual).toBe(message);
  else expect(actual).toMatch(message);
}

// ---------------------------------------------------------------------------------------------
// Building records: little-endian writers, CRCs, a section 0 pointer table.

const le16 = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const le32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

function section(id: number, data: number[]): number[] {
  const body = data.length % 2 ? [...data, 0] : data; // sections are even-length
  const bytes = [0, 0, ...le16(id), ...le32(16 + body.length), 20, 20, 0, 0, 0, 0, 0, 0, ...body];
  const crc = crcCcitt(Uint8Array.from(bytes), 2, bytes.length);
  return [...le16(crc), ...bytes.slice(2)];
}

/** A whole record: section 0 lists sections 0-11 (absent ones with length 0), then `parts`. */
function record(parts: Record<number, number[]>): Uint8Array {
  const ids = [...new Set([...Array(12).keys(), ...Object.keys(parts).map(Number)])];
  const s0Length = 16 + ids.length * 10;
  let at = 6 + s0Length;
  const pointers: number[] = [];
  const bodies: number[][] = [];
  for (const id of ids) {
    const s = id === 0 ? null : parts[id] ? section(id, parts[id]) : null;
    const length = id === 0 ? s0Length : (s?.length ?? 0);
    pointers.push(...le16(id), ...le32(length), ...le32(id === 0 ? 7 : s ? at + 1 : 0));
    if (s) {
      bodies.push(s);
      at += s.length;
    }
  }
  const all = [0, 0, ...le32(at), ...section(0, pointers), ...bodies.flat()];
  const bytes = Uint8Array.from(all);
  bytes.set(le16(crcCcitt(bytes, 2, bytes.length)), 0);
  return bytes;
}

/** Section 3: leads as [code, first, last]; `flags` defaults to "all simultaneous". */
function leadSection(leads: [number, number, number][], flags = 4): number[] {
  return [leads.length, flags, ...leads.flatMap(([code, a, b]) => [...le32(a), ...le32(b), code])];
}

/** Section 6 header + per-lead data. */
function rhythmSection(leadData: number[][], difference: number, bimodal = 0): number[] {
  return [
    ...le16(5000), // 5 µV per LSB
    ...le16(4000), // 250 Hz
    difference,
    bimodal,
    ...leadData.flatMap((d) => le16(d.length)),
    ...leadData.flat(),
  ];
}

/** One 9-byte Huffman code structure; `code` is written as read (first bit leftmost). */
function code(bits: string, total: number, mode: number, value: number): number[] {
  const reversed = parseInt([...bits].reverse().join(''), 2);
  return [bits.length, total, mode, ...le16(value & 0xffff), ...le32(reversed)];
}

/** Bit string → bytes, zero-padded. */
function packBits(bits: string): number[] {
  const padded = bits.padEnd(Math.ceil(bits.length / 8) * 8, '0');
  return Array.from({ length: padded.length / 8 }, (_, i) =>
    parseInt(padded.slice(i * 8, i * 8 + 8), 2),
  );
}

/** Recomputes every in-range section CRC (per section 0's pointers), then the record CRC. */
function fixCrcs(bytes: Uint8Array): Uint8Array {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const s0Length = v.getUint32(10, true);
  const fix = (at: number, length: number) => {
    if (at + length <= bytes.length && length >= 16)
      v.setUint16(at, crcCcitt(bytes, at + 2, at + length), true);
  };
  for (let p = 22; p + 10 <= 6 + s0Length; p += 10) {
    const length = v.getUint32(p + 2, true);
    const index = v.getUint32(p + 6, true);
    if (length > 0 && index > 0 && v.getUint16(p, true) !== 0) fix(index - 1, length);
  }
  fix(6, s0Length);
  v.setUint16(0, crcCcitt(bytes, 2, Math.min(bytes.length, v.getUint32(2, true))), true);
  return bytes;
}

/** Absolute offset of section `id`'s header in a record, from section 0. */
function sectionOffset(bytes: Uint8Array, id: number): number {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let p = 22; p < 6 + v.getUint32(10, true); p += 10) {
    if (v.getUint16(p, true) === id) return v.getUint32(p + 6, true) - 1;
  }
  throw new Error(`no section ${id}`);
}

function lead(r: ParsedRecording, name: string): Int32Array {
  const found = r.leads.find((l) => l.name === name);
  if (!found) throw new Error(`no lead ${name}`);
  return found.digital;
}

/** Deterministic pseudo-random bytes (xorshift32). */
function randomBytes(length: number, seed: number): Uint8Array {
  let x = seed || 1;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

describeWithData('formats/scp-ecg', 'SCP-ECG: ECGToolkit example', () => {
  const bytes = load(EXAMPLE);
  const r = readScpEcgRecording(bytes, EXAMPLE);

  it('12 standard leads at 500 Hz, 5000 samples, 2.5 µV per LSB as mV gain 400', () => {
    expect(r).toMatchObject({ format: 'scp-ecg', recordName: 'ECGToolkit_Example', fs: 500 });
    expect(r.samples).toBe(5000);
    expect(r.leads.map((l) => l.name)).toEqual([
      'I',
      'II',
      'V1',
      'V2',
      'V3',
      'V4',
      'V5',
      'V6',
      'III',
      'aVR',
      'aVL',
      'aVF',
    ]);
    for (const l of r.leads) {
      expect(l).toMatchObject({ units: 'mV', gain: 400, baseline: 0, adcResolution: null });
      expect(l.digital).toHaveLength(5000);
      expect(l.digital).not.toContain(INVALID_SAMPLE);
    }
  });

  it('patient and acquisition facts from section 1', () => {
    // Tag 2 "SBJ-123", tag 8 = 1 (male), born 1953-05-08, acquired 2002-11-22 09:10:00.
    expect(r.patient).toEqual({ externalId: 'SBJ-123', age: 49, sex: 'M' });
    expect(r.startTime).toBe('2002-11-22T09:10:00');
    expect(r.comments).toEqual([]);
    expect(r.annotations).toEqual({});
  });

  it('digital values match an independent bit-by-bit decode (Python, annex C by hand)', () => {
    expect(Array.from(lead(r, 'I').subarray(0, 6))).toEqual([-2, -2, -2, -2, -3, -4]);
    expect(Array.from(lead(r, 'V2').subarray(0, 6))).toEqual([55, 53, 51, 49, 47, 43]);
    expect(Array.from(lead(r, 'V6').subarray(0, 6))).toEqual([-9, -7, -5, -3, -1, -1]);
    expect(Array.from(lead(r, 'II').subarray(2500, 2503))).toEqual([-2, -4, -1]);
    expect(Array.from(lead(r, 'aVF').subarray(2500, 2503))).toEqual([2, 0, 3]);
    expect(lead(r, 'V6')[2683]).toBe(389); // V6's maximum
    expect(Math.min(...lead(r, 'V2'))).toBe(-771);
  });

  it('physical values are plausible: every lead moves, QRS within ±5 mV', () => {
    for (const l of r.leads) {
      const mv = Array.from(l.digital, (d) => (d - l.baseline) / l.gain);
      const range = Math.max(...mv) - Math.min(...mv);
      expect(range, l.name).toBeGreaterThan(0.3);
      expect(Math.max(...mv.map(Math.abs)), l.name).toBeLessThan(5);
    }
  });

  it("limb leads obey Einthoven's law and the augmented-lead definitions within 1 LSB", () => {
    const [I, II, III] = ['I', 'II', 'III'].map((n) => lead(r, n));
    const [aVR, aVL, aVF] = ['aVR', 'aVL', 'aVF'].map((n) => lead(r, n));
    const lsb = 1 / 400;
    let worst = 0;
    for (let t = 0; t < r.samples; t++) {
      const i = I[t] * lsb;
      const ii = II[t] * lsb;
      worst = Math.max(
        worst,
        Math.abs(III[t] * lsb - (ii - i)),
        Math.abs(aVR[t] * lsb + (i + ii) / 2),
        Math.abs(aVL[t] * lsb - (i - ii / 2)),
        Math.abs(aVF[t] * lsb - (ii - i / 2)),
      );
    }
    expect(worst).toBeLessThanOrEqual(lsb);
  });

  it('looksLikeScpEcg: true for the example', () => {
    expect(looksLikeScpEcg(bytes)).toBe(true);
  });

  describe('damaged copies of the example', () => {
    it('truncation at several cut points', () => {
      for (const cut of [1, 5, 6, 21, 22, 100, 400, 3818, 20000, bytes.length - 1]) {
        expectScpError(
          () => readScpEcgRecording(bytes.slice(0, cut), EXAMPLE),
          cut < 22
            ? `${EXAMPLE}: file is ${cut} bytes, too short for an SCP-ECG record (at least 22)`
            : `${EXAMPLE}: record length 34144 runs past the end of the file (${cut} bytes)`,
        );
      }
    });

    it('truncation with the record length and CRC rewritten to match', () => {
      const cut = bytes.slice(0, 20000);
      new DataView(cut.buffer).setUint32(2, 20000, true);
      expectScpError(
        () => readScpEcgRecording(fixCrcs(cut), EXAMPLE),
        `${EXAMPLE}: section 6 (30084 bytes at byte 3819) lies outside the record (20000 bytes)`,
      );
    });

    it('flipped bytes in section 6 are a CRC mismatch', () => {
      const bad = bytes.slice();
      bad[5000] ^= 0xff;
      bad[5001] ^= 0x55;
      // The record CRC is checked first; with it repaired, section 6's own CRC catches it.
      expectScpError(
        () => readScpEcgRecording(bad, EXAMPLE),
        /^ECGToolkit_Example\.scp: CRC mismatch in the record header/,
      );
      const v = new DataView(bad.buffer);
      v.setUint16(0, crcCcitt(bad, 2, bad.length), true);
      expectScpError(
        () => readScpEcgRecording(bad, EXAMPLE),
        /^ECGToolkit_Example\.scp: CRC mismatch in section 6 \(stored 0xf032, computed 0x[0-9a-f]{4}\)$/,
      );
    });

    it('flipped section 6 bytes with CRCs repaired: a clean error or a recording, quickly', () => {
      const start = Date.now();
      const s6 = sectionOffset(bytes, 6);
      for (let seed = 1; seed <= 40; seed++) {
        const bad = bytes.slice();
        const noise = randomBytes(8, seed);
        for (let k = 0; k < 4; k++) {
          const at = s6 + 16 + ((noise[k] * 251 + noise[k + 4] * 977 + seed * 7919) % 30068);
          bad[at] ^= noise[k] | 1;
        }
        try {
          const r2 = readScpEcgRecording(fixCrcs(bad), EXAMPLE);
          expect(r2.leads).toHaveLength(12);
        } catch (e) {
          expect(e).toBeInstanceOf(ScpEcgError);
          expect((e as Error).message.startsWith(`${EXAMPLE}: `)).toBe(true);
        }
      }
      expect(Date.now() - start).toBeLessThan(5000);
    });

    it('a section pointer beyond the end of the file', () => {
      const bad = bytes.slice();
      const v = new DataView(bad.buffer);
      // Section 6 is the 7th pointer (10 bytes each from byte 22); its index is at +6.
      v.setUint32(22 + 6 * 10 + 6, 0x7fff0000, true);
      expectScpError(
        () => readScpEcgRecording(fixCrcs(bad), EXAMPLE),
        `${EXAMPLE}: section 6 (30084 bytes at byte 2147418112) lies outside the record (34144 bytes)`,
      );
    });

    it('a pointer whose length disagrees with the section header', () => {
      const bad = bytes.slice();
      new DataView(bad.buffer).setUint32(22 + 6 * 10 + 2, 30000, true);
      expectScpError(
        () => readScpEcgRecording(fixCrcs(bad), EXAMPLE),
        `${EXAMPLE}: section 6 length 30084 differs from the 30000 bytes section 0 gives`,
      );
    });
  });
});

describeWithData('formats/scp-ecg', 'SCP-ECG: non-compliant Healforce files', () => {
  // These files swap the 16-bit halves of the record length, use 0-based section pointers,
  // CRCs that are not CRC-CCITT, and store rhythm data interleaved and not Huffman coded.
  // They are refused at the first violation, with a message that says what it is.
  for (const name of ['healforce_noncompliant_62.SCP', 'healforce_noncompliant_63.SCP']) {
    it(`${name}: refused at its record length`, () => {
      const bytes = load(name);
      expect(looksLikeScpEcg(bytes)).toBe(false);
      expectScpError(
        () => readScpEcgRecording(bytes, name),
        `${name}: record length 1928331264 runs past the end of the file (32768 bytes); ` +
          'read with its 16-bit halves swapped it would be 29424, which EN 1064 does not allow ' +
          '(non-compliant writer)',
      );
    });
  }
});

describe('SCP-ECG: synthetic records', () => {
  const name = 'synthetic.scp';
  const patient = [
    ...[2, ...le16(4), ...'P42\0'.split('').map((c) => c.charCodeAt(0))],
    ...[4, ...le16(3), ...le16(30), 2], // 30 months
    ...[8, ...le16(1), 2],
    ...[25, ...le16(4), ...le16(2020), 2, 29],
    ...[255, 0, 0],
  ];

  it('no section 2: 16-bit samples, first differences; age in months; date without time', () => {
    const stored = [10, 1, 1, -2].flatMap(le16);
    const r = readScpEcgRecording(
      record({ 1: patient, 3: leadSection([[1, 1, 4]]), 6: rhythmSection([stored], 1) }),
      `dir/${name}`,
    );
    expect(r).toMatchObject({ recordName: 'synthetic', fs: 250, samples: 4 });
    expect(r.leads[0]).toMatchObject({ name: 'I', units: 'mV', gain: 200 });
    expect(Array.from(r.leads[0].digital)).toEqual([10, 11, 12, 10]);
    expect(r.patient).toEqual({ externalId: 'P42', age: 2, sex: 'F' });
    expect(r.startTime).toBe('2020-02-29T00:00:00');
  });

  it('custom Huffman table with 8 extra bits; lead codes outside the table get a readable name', () => {
    const table = [
      ...le16(1),
      ...le16(4),
      ...code('0', 1, 1, 0),
      ...code('10', 2, 1, 1),
      ...code('110', 3, 1, -1),
      ...code('111', 11, 1, 0),
    ];
    const data = packBits('0' + '10' + '110' + '111' + '10011100'); // 0, 1, -1, -100
    const r = readScpEcgRecording(
      record({ 2: table, 3: leadSection([[200, 1, 4]]), 6: rhythmSection([data], 0) }),
      name,
    );
    expect(r.leads[0].name).toBe('lead 200');
    expect(Array.from(r.leads[0].digital)).toEqual([0, 1, -1, -100]);
    expect(r.patient).toEqual({ externalId: null, age: null, sex: null });
    expect(r.startTime).toBeNull();
  });

  it('table switching between two custom tables, second differences', () => {
    const table = [
      ...le16(2),
      ...[...le16(3), ...code('0', 1, 1, 0), ...code('10', 2, 1, 1), ...code('11', 2, 0, 2)],
      ...[...le16(2), ...code('0', 1, 1, 5), ...code('1', 1, 0, 1)],
    ];
    // 0, 1, [to 2] 5, 5, [to 1] 1, 0
    const data = packBits('0' + '10' + '11' + '0' + '0' + '1' + '10' + '0');
    const r = readScpEcgRecording(
      record({ 2: table, 3: leadSection([[2, 1, 6]]), 6: rhythmSection([data], 2) }),
      name,
    );
    // x0 = 0, x1 = 1, then x[n] = d + 2x[n-1] - x[n-2]: 7, 18, 30, 42.
    expect(Array.from(r.leads[0].digital)).toEqual([0, 1, 7, 18, 30, 42]);
  });

  it('the default table, marked 19999, decodes escapes of 8 and 16 bits', () => {
    // +3, -8, 8-bit escape -100, 16-bit escape 1000, 0
    const bits =
      '11100' + '1111111101' + '1111111110' + '10011100' + '1111111111' + '0000001111101000' + '0';
    const r = readScpEcgRecording(
      record({
        2: le16(19999),
        3: leadSection([[61, 1, 5]]),
        6: rhythmSection([packBits(bits)], 0),
      }),
      name,
    );
    expect(r.leads[0].name).toBe('III');
    expect(Array.from(r.leads[0].digital)).toEqual([3, -8, -100, 1000, 0]);
  });

  it('leads recorded at different times keep their timing; the rest is INVALID_SAMPLE', () => {
    const r = readScpEcgRecording(
      record({
        3: leadSection(
          [
            [1, 1, 3],
            [2, 3, 6],
          ],
          0,
        ),
        6: rhythmSection([[1, 2, 3].flatMap(le16), [4, 5, 6, 7].flatMap(le16)], 0),
      }),
      name,
    );
    const X = INVALID_SAMPLE;
    expect(r.samples).toBe(6);
    expect(Array.from(r.leads[0].digital)).toEqual([1, 2, 3, X, X, X]);
    expect(Array.from(r.leads[1].digital)).toEqual([X, X, 4, 5, 6, 7]);
  });

  it('reads interpretive statements from section 8 as comments', () => {
    const statement = (n: number, text: string) => [
      n,
      ...le16(text.length + 1),
      ...Buffer.from(text + '\0'),
    ];
    const s8 = [
      0,
      ...le16(2020),
      1,
      2,
      10,
      0,
      0,
      2,
      ...statement(1, 'Sinus rhythm'),
      ...statement(2, 'Normal ECG'),
    ];
    const r = readScpEcgRecording(
      record({ 3: leadSection([[1, 1, 1]]), 6: rhythmSection([le16(7)], 0), 8: s8 }),
      name,
    );
    expect(r.comments).toEqual(['Sinus rhythm', 'Normal ECG']);
  });

  describe('refused', () => {
    const lead1 = leadSection([[1, 1, 4]]);
    const raw = [0, 0, 0, 0].flatMap(le16);

    it('reference beat subtraction', () => {
      expectScpError(
        () =>
          readScpEcgRecording(
            record({ 3: leadSection([[1, 1, 4]], 5), 6: rhythmSection([raw], 0) }),
            name,
          ),
        `${name}: reference beat subtraction (section 4) is not supported`,
      );
    });

    it('bimodal compression', () => {
      expectScpError(
        () => readScpEcgRecording(record({ 3: lead1, 6: rhythmSection([raw], 0, 1) }), name),
        `${name}: bimodal compression (section 6) is not supported`,
      );
    });

    it('a Huffman table with zero codes', () => {
      expectScpError(
        () =>
          readScpEcgRecording(
            record({ 2: [...le16(1), ...le16(0)], 3: lead1, 6: rhythmSection([[0]], 0) }),
            name,
          ),
        `${name}: Huffman table 1 has no codes`,
      );
    });

    it('a switch to a table that does not exist', () => {
      const table = [...le16(1), ...le16(2), ...code('0', 1, 1, 0), ...code('1', 1, 0, 3)];
      expectScpError(
        () => readScpEcgRecording(record({ 2: table, 3: lead1, 6: rhythmSection([[0]], 0) }), name),
        `${name}: Huffman table 1 switches to table 3, which does not exist`,
      );
    });

    it('Huffman data that ends before the lead does', () => {
      const defaultTable = (bytes: number[], samples: number) =>
        record({
          2: le16(19999),
          3: leadSection([[1, 1, samples]]),
          6: rhythmSection([bytes], 0),
        });
      // Ten ones: the 16-bit escape, but only 6 bits remain.
      expectScpError(
        () => readScpEcgRecording(defaultTable([0xff, 0xff], 10), name),
        `${name}: section 6 lead I: data ends inside sample 0 of 10`,
      );
      // Eight ones, 0, sign 0 = +8, then six zero bits = six 0s: 7 samples, not 10.
      expectScpError(
        () => readScpEcgRecording(defaultTable([0xff, 0x00], 10), name),
        `${name}: section 6 lead I: data ends after 7 of 10 samples`,
      );
    });

    it('a bit pattern no code matches', () => {
      const table = [...le16(1), ...le16(1), ...code('0', 1, 1, 0)];
      expectScpError(
        () =>
          readScpEcgRecording(record({ 2: table, 3: lead1, 6: rhythmSection([[0x20]], 0) }), name),
        `${name}: section 6 lead I: no Huffman code matches at bit 2 (sample 2)`,
      );
    });

    it('more samples than the lead bytes can hold, before allocating', () => {
      expectScpError(
        () =>
          readScpEcgRecording(
            record({ 3: leadSection([[1, 1, 2 ** 20]]), 6: rhythmSection([raw], 0) }),
            name,
          ),
        `${name}: section 6 lead I: 1048576 samples cannot fit in 8 bytes`,
      );
      expectScpError(
        () =>
          readScpEcgRecording(
            record({
              3: leadSection(
                Array.from({ length: 64 }, () => [1, 1, 2 ** 23] as [number, number, number]),
              ),
              6: rhythmSection([raw], 0),
            }),
            name,
          ),
        `${name}: 64 leads of 8388608 samples exceed the limit of 268435456 samples`,
      );
    });

    it('more than 64 leads', () => {
      expectScpError(
        () => readScpEcgRecording(record({ 3: [65, 4], 6: rhythmSection([raw], 0) }), name),
        `${name}: section 3 defines 65 leads (at most 64)`,
      );
    });

    it('lead byte lengths that run past section 6', () => {
      const s6 = rhythmSection([raw], 0);
      s6.splice(6, 2, ...le16(9000));
      expectScpError(
        () => readScpEcgRecording(record({ 3: lead1, 6: s6 }), name),
        `${name}: section 6: lead I data at offset 8 needs 9000 bytes, only 8 left`,
      );
    });

    it('a record without rhythm data', () => {
      expectScpError(
        () => readScpEcgRecording(record({ 3: lead1 }), name),
        `${name}: has no section 6 (rhythm data)`,
      );
    });
  });
});

describe('SCP-ECG: hostile input', () => {
  const name = 'x.scp';

  it('empty file', () => {
    expectScpError(() => readScpEcgRecording(new Uint8Array(0), name), `${name}: file is empty`);
  });

  it('random bytes, quickly', () => {
    const start = Date.now();
    for (let seed = 1; seed <= 50; seed++) {
      const bytes = randomBytes(seed * 97, seed);
      expect(looksLikeScpEcg(bytes)).toBe(false);
      expectScpError(() => readScpEcgRecording(bytes, name), /^x\.scp: /);
    }
    expect(Date.now() - start).toBeLessThan(2000);
  });

  it('random bytes after a valid record length', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const bytes = randomBytes(500, seed);
      new DataView(bytes.buffer).setUint32(2, 500, true);
      bytes.set(le16(crcCcitt(bytes, 2, 500)), 0);
      expectScpError(() => readScpEcgRecording(bytes, name), /^x\.scp: /);
    }
  });

  it('looksLikeScpEcg: false for an XML document and for a short buffer', () => {
    const xml = Buffer.from(
      '<?xml version="1.0"?>\n<AnnotatedECG xmlns="urn:hl7-org:v3"></AnnotatedECG>\n',
    );
    expect(looksLikeScpEcg(new Uint8Array(xml))).toBe(false);
    expect(looksLikeScpEcg(new Uint8Array(10))).toBe(false);
  });
});
