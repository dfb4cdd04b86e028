/**
 * Malformed and hostile input: every case must end in a FormatError that names the file and
 * the problem, never a crash, a hang or a giant allocation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FormatError,
  MissingFileError,
  UnsupportedFormatError,
  WfdbAnnotationError,
  WfdbHeaderError,
  WfdbSignalError,
  fileSourceFromMap,
  readRecording,
} from '../../../main/formats';
import { fileSourceFromDir } from '../../../main/formats/fs-source';
import { SIG0, SIG1, buildFixtures } from './fixtures/build';

const recordsDir = join(__dirname, 'fixtures', 'records');
const source = fileSourceFromDir(recordsDir);
const read = (name: string) => readRecording(source, `${name}/rec.hea`);

function thrown(fn: () => unknown): FormatError {
  try {
    fn();
  } catch (err) {
    if (err instanceof FormatError) return err;
    throw err;
  }
  throw new Error('expected a FormatError');
}

describe('synthetic fixtures on disk', () => {
  it('match what build.ts generates (run fixtures/generate.ts after changing it)', () => {
    for (const [name, files] of Object.entries(buildFixtures())) {
      for (const [file, bytes] of Object.entries(files)) {
        expect(
          new Uint8Array(readFileSync(join(recordsDir, name, file))),
          `${name}/${file}`,
        ).toEqual(bytes);
      }
    }
  });

  it('good: reads signals, annotations and patient facts', () => {
    const r = read('good');
    expect(r).toMatchObject({
      format: 'wfdb',
      recordName: 'rec',
      fs: 250,
      samples: 10,
      startTime: null,
    });
    expect(r.leads.map((l) => [l.name, l.gain, l.baseline, l.units])).toEqual([
      ['I', 100, 0, 'mV'],
      ['II', 100, 0, 'mV'],
    ]);
    expect(Array.from(r.leads[0].digital)).toEqual(SIG0);
    expect(Array.from(r.leads[1].digital)).toEqual(SIG1);
    expect(r.annotations.atr.map((a) => [a.sample, a.symbol])).toEqual([
      [3, 'N'],
      [8, 'V'],
    ]);
    expect(r.patient).toEqual({ externalId: null, age: 44, sex: 'F' });
  });

  it('good-212: same samples in format 212', () => {
    const r = read('good-212');
    expect(Array.from(r.leads[0].digital)).toEqual(SIG0);
    expect(Array.from(r.leads[1].digital)).toEqual(SIG1);
  });

  it('no-length: derives the sample count from the file size', () => {
    expect(read('no-length').samples).toBe(10);
  });

  const failures: [string, new (...args: never[]) => FormatError, string][] = [
    [
      'truncated',
      WfdbSignalError,
      'truncated/rec.dat: truncated: truncated/rec.hea needs 10 samples per signal (40 bytes), the file has 29 bytes',
    ],
    [
      'bad-checksum',
      WfdbSignalError,
      'bad-checksum/rec.dat: signal 1 (II): checksum mismatch: bad-checksum/rec.hea says 1234, the data sums to -5',
    ],
    ['garbage-dat', WfdbSignalError, 'garbage-dat/rec.dat: signal 0 (I): checksum mismatch'],
    [
      'missing-dat',
      MissingFileError,
      'missing-dat/rec.dat: is missing (needed by missing-dat/rec.hea)',
    ],
    ['bad-gain', WfdbHeaderError, "bad-gain/rec.hea line 2: bad gain '2x00'"],
    [
      'binary-header',
      WfdbHeaderError,
      'binary-header/rec.hea: is not a text header (contains binary data)',
    ],
    [
      'garbage-header',
      WfdbHeaderError,
      "garbage-header/rec.hea line 1: bad number of signals '~~'",
    ],
    [
      'huge-nsig',
      WfdbHeaderError,
      'huge-nsig/rec.hea line 1: number of signals 1000000000 is out of range',
    ],
    [
      'zero-fs',
      WfdbHeaderError,
      "zero-fs/rec.hea line 1: sampling frequency must be positive, got '0'",
    ],
    [
      'negative-fs',
      WfdbHeaderError,
      "negative-fs/rec.hea line 1: sampling frequency must be positive, got '-250'",
    ],
    [
      'huge-nsamp',
      WfdbSignalError,
      'huge-nsamp/rec.dat: truncated: huge-nsamp/rec.hea needs 999999999999999 samples per signal',
    ],
    [
      'huge-null-signal',
      WfdbHeaderError,
      'huge-null-signal/rec.hea: none of its signals has a signal file',
    ],
    [
      'escaping-file',
      WfdbHeaderError,
      "escaping-file/rec.hea line 2: signal file name '../rec.dat' is not a plain relative name",
    ],
    ['flac', WfdbSignalError, 'flac/rec.dat: FLAC: not a FLAC stream (no "fLaC" marker)'],
    [
      'bad-annotations',
      WfdbAnnotationError,
      'bad-annotations/rec.atr: truncated AUX string at byte 2',
    ],
  ];
  it.each(failures)('%s → %o', (name, type, message) => {
    const err = thrown(() => read(name));
    expect(err).toBeInstanceOf(type);
    expect(err.message).toContain(message);
    expect(err.message.startsWith(err.file)).toBe(true);
  });
});

describe('entry names and sources', () => {
  it('refuses entries that are not headers and reports a missing header', () => {
    expect(thrown(() => readRecording(source, 'good/rec.dat'))).toBeInstanceOf(
      UnsupportedFormatError,
    );
    const missing = thrown(() => readRecording(source, 'good/nothere.hea'));
    expect(missing).toBeInstanceOf(MissingFileError);
    expect(missing.file).toBe('good/nothere.hea');
  });

  it('fileSourceFromDir refuses names that escape its folder', () => {
    const dir = fileSourceFromDir(join(recordsDir, 'good'));
    expect(dir.read('rec.hea')).not.toBeNull();
    expect(dir.read('absent.dat')).toBeNull();
    for (const name of [
      '../good/rec.hea',
      '/etc/passwd',
      'x/../../good/rec.hea',
      '..',
      'C:\\x',
      '',
    ]) {
      expect(() => dir.read(name), name).toThrow(FormatError);
    }
  });

  it('fileSourceFromDir returns null for directories', () => {
    expect(fileSourceFromDir(recordsDir).read('good')).toBeNull();
  });

  it('fileSourceFromMap reads by relative name', () => {
    const files = buildFixtures().good;
    const r = readRecording(fileSourceFromMap(new Map(Object.entries(files))), 'rec.hea');
    expect(r.samples).toBe(10);
  });
});

describe('fuzzing: random and mutated input only ever yields a FormatError', () => {
  /** Deterministic PRNG (mulberry32) so a failure is reproducible. */
  function rng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const good = buildFixtures().good;
  const goodHeader = new TextDecoder().decode(good['rec.hea']);
  const alphabet = '0123456789 x:+/()~#-.e\n\tabcXYZ';

  function attempt(files: Record<string, Uint8Array>): void {
    try {
      readRecording(fileSourceFromMap(new Map(Object.entries(files))), 'rec.hea');
    } catch (err) {
      if (!(err instanceof FormatError)) throw err;
    }
  }

  it('random bytes as header, signal file and annotation file', () => {
    const random = rng(1);
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
    const started = Date.now();
    for (let i = 0; i < 300; i++) {
      attempt({ ...good, 'rec.hea': bytes(1 + Math.floor(random() * 200)) });
      attempt({ ...good, 'rec.dat': bytes(Math.floor(random() * 60)) });
      attempt({ ...good, 'rec.atr': bytes(Math.floor(random() * 60)) });
    }
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('mutated headers', () => {
    const random = rng(2);
    for (let i = 0; i < 2000; i++) {
      const chars = goodHeader.split('');
      for (let k = 1 + Math.floor(random() * 4); k > 0; k--) {
        const at = Math.floor(random() * chars.length);
        const c = alphabet[Math.floor(random() * alphabet.length)];
        const op = random();
        if (op < 0.4) chars[at] = c;
        else if (op < 0.7) chars.splice(at, 0, c);
        else chars.splice(at, 1);
      }
      attempt({ ...good, 'rec.hea': new TextEncoder().encode(chars.join('')) });
    }
  });
});
