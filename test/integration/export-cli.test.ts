import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readRecording } from '../../main/formats';
import { fileSourceFromDir } from '../../main/formats/fs-source';
import { dataPath, describeWithData } from '../helpers/data';
import { ensureBuilt, projectRoot } from './build';
import { tempDir } from './helpers';

/** `ecg-desk export <id> --deidentified --out DIR`, spawned from the build, on MIT-BIH 100. */

function ecgDesk(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(projectRoot, 'bin', 'ecg-desk.cjs'), ...args], {
    cwd: dataPath(),
    env: { ...process.env, ECG_DESK_DB: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describeWithData('mitdb', 'ecg-desk export --deidentified (built, spawned, MIT-BIH 100)', () => {
  let dir: string;
  let cleanup: () => void;
  let db: string;
  let id: string;
  beforeAll(() => {
    ensureBuilt();
    ({ dir, cleanup } = tempDir('ecg-desk-export-'));
    db = join(dir, 'store.db');
    const r = ecgDesk(['import', 'mitdb/100.hea', '--db', db, '--json']);
    if (r.code !== 0) throw new Error(`import failed (${r.code}): ${r.stderr}`);
    id = (JSON.parse(r.stdout) as { imported: { recordingId: string }[] }).imported[0].recordingId;
  }, 300_000);
  afterAll(() => cleanup());

  it('writes a WFDB record with identical samples, no patient facts, and the labels', () => {
    const out = join(dir, 'shared-case');
    const r = ecgDesk(['export', id, '--deidentified', '--out', out, '--db', db, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { recordName: string; files: string[] };
    expect(result.recordName).toBe('record');
    expect(readdirSync(out).sort()).toEqual(['record.atr', 'record.dat', 'record.hea']);

    const header = readFileSync(join(out, 'record.hea'), 'utf8');
    expect(header).not.toContain('69 M 1085 1629 x1');
    expect(header).not.toContain('Aldomet');
    expect(header).not.toMatch(/^#/m);
    expect(header).not.toMatch(/\b100\b/); // the original record name

    const original = readRecording(fileSourceFromDir(dataPath('mitdb')), '100.hea');
    const copy = readRecording(fileSourceFromDir(out), 'record.hea');
    expect(copy.recordName).toBe('record');
    expect(copy.comments).toEqual([]);
    expect(copy.startTime).toBeNull();
    expect(copy.patient).toEqual({ externalId: null, age: null, sex: null });
    expect(copy.fs).toBe(original.fs);
    expect(copy.samples).toBe(original.samples);
    expect(copy.leads.map((l) => l.name)).toEqual(original.leads.map((l) => l.name));
    copy.leads.forEach((lead, i) => {
      expect(lead.gain).toBe(original.leads[i].gain);
      expect(lead.baseline).toBe(original.leads[i].baseline);
      expect(
        Buffer.from(lead.digital.buffer).equals(Buffer.from(original.leads[i].digital.buffer)),
      ).toBe(true);
    });
    // The reference beat labels (seeded at import) come along as the .atr.
    expect(copy.annotations.atr?.length).toBe(2273);
  });

  it('--no-labels and --name: no .atr, the chosen record name', () => {
    const out = join(dir, 'no-labels');
    const r = ecgDesk([
      'export',
      id,
      '--deidentified',
      '--out',
      out,
      '--name',
      'case_7',
      '--no-labels',
      '--db',
      db,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wrote recording ${id} de-identified to ${out}`);
    expect(readdirSync(out).sort()).toEqual(['case_7.dat', 'case_7.hea']);
  });

  it('an existing empty folder is used; a non-empty one is refused and left alone (exit 1)', () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(ecgDesk(['export', id, '--deidentified', '--out', empty, '--db', db]).code).toBe(0);
    expect(readdirSync(empty).length).toBe(3);

    const full = join(dir, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'mine');
    const r = ecgDesk(['export', id, '--deidentified', '--out', full, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/is not empty/);
    expect(readdirSync(full)).toEqual(['keep.txt']);
  });

  it('an unknown recording fails with exit 1 and leaves nothing behind', () => {
    const before = readdirSync(dir).sort();
    const r = ecgDesk([
      'export',
      'no-such-id',
      '--deidentified',
      '--out',
      join(dir, 'new', 'x'),
      '--db',
      db,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no recording no-such-id/);
    expect(readdirSync(dir).sort()).toEqual(before); // no DIR, no parent, no temporary folder
  });

  it('bad arguments exit 2 with the usage', () => {
    const cases: [string[], RegExp][] = [
      [['export', '--deidentified', '--out', join(dir, 'a'), '--db', db], /no recording id/],
      [['export', id, '--out', join(dir, 'a'), '--db', db], /--deidentified is required/],
      [['export', id, '--deidentified', '--db', db], /--out DIR is required/],
      [['export', id, '--deidentified', '--out', join(dir, 'a'), '--name', 'a b'], /--name/],
      [['export', id, '--deidentified', '--out', join(dir, 'a'), '--bogus'], /unknown option/i],
    ];
    for (const [args, message] of cases) {
      const r = ecgDesk(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('Usage: ecg-desk export');
    }
  });
});
