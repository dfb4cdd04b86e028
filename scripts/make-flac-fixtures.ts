/**
 * Writes test/fixtures/flac/*.flac from the seeded signals in test/helpers/flac-fixtures.ts with
 * the reference FLAC encoder (Debian: `apt-get install flac`). Only needed to remake them; the
 * tests read the committed files.
 *
 *   npx tsx scripts/make-flac-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLAC_FIXTURES } from '../test/helpers/flac-fixtures';

const outDir = join(__dirname, '..', 'test', 'fixtures', 'flac');
const tmp = mkdtempSync(join(tmpdir(), 'flac-fixtures-'));
try {
  for (const f of FLAC_FIXTURES) {
    const channels = f.samples();
    const bytesPer = f.bitsPerSample / 8;
    const n = channels[0].length;
    const raw = Buffer.alloc(n * f.channels * bytesPer);
    for (let t = 0, o = 0; t < n; t++) {
      for (const ch of channels) {
        raw.writeIntLE(ch[t], o, bytesPer);
        o += bytesPer;
      }
    }
    const rawPath = join(tmp, `${f.name}.raw`);
    writeFileSync(rawPath, raw);
    execFileSync('flac', [
      '--silent',
      '--force',
      '--no-seektable',
      '--force-raw-format',
      '--endian=little',
      '--sign=signed',
      `--channels=${f.channels}`,
      `--bps=${f.bitsPerSample}`,
      `--sample-rate=${f.sampleRateHz}`,
      ...f.encoderArgs,
      '-o',
      join(outDir, f.name),
      rawPath,
    ]);
    console.log(`${f.name}: ${n} samples × ${f.channels} (${f.exercises})`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
