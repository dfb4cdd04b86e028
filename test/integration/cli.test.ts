import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ImportReport } from '@common/types';
import { defaultWorkerPath, importInWorker, type ImportProgress } from '../../main/import';
import { openStore } from '../../main/store';
import { dataPath, describeWithData } from '../helpers/data';
import { builtWorker, ensureBuilt, projectRoot } from './build';
import { copyRecord, tempDir } from './helpers';

const bin = join(projectRoot, 'bin', 'ecg-desk.cjs');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; bin?: string } = {},
): Run {
  const r = spawnSync(process.execPath, [opts.bin ?? bin, ...args], {
    cwd: opts.cwd ?? dataPath(),
    env: { ...process.env, ECG_DESK_DB: '', ...opts.env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CONTRACT_KEYS = [
  'recordingId',
  'patientId',
  'source',
  'format',
  'fs',
  'leads',
  'samples',
  'durationS',
];

describeWithData('mitdb', 'ecg-desk CLI (built, spawned)', () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => {
    ensureBuilt();
    ({ dir, cleanup } = tempDir('ecg-desk-cli-'));
  }, 300_000);
  afterAll(() => cleanup());

  it('import --json: exactly the contract JSON on stdout, progress on stderr, exit 0', () => {
    const db = join(dir, 'a.db');
    const r = run(['import', 'mitdb/100.hea', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ImportReport;
    expect(Object.keys(report)).toEqual(['imported', 'errors']);
    expect(report.errors).toEqual([]);
    expect(Object.keys(report.imported[0])).toEqual(CONTRACT_KEYS);
    expect(report.imported[0]).toMatchObject({
      source: 'mitdb/100.hea',
      format: 'wfdb',
      fs: 360,
      leads: ['MLII', 'V5'],
      samples: 650000,
      durationS: 1805.56,
    });
    expect(r.stderr).toContain('[1/1] imported mitdb/100.hea');

    const again = run(['import', '--json', '--db', db, 'mitdb/100.hea']);
    expect(again.code).toBe(0);
    const dup = JSON.parse(again.stdout) as ImportReport;
    expect(dup.imported).toEqual([{ ...report.imported[0], duplicate: true }]);
  });

  it('a failed input: exit 1, the others imported, one line per error on stderr', () => {
    copyRecord('mitdb', '101', join(dir, 'mixed', 'ok'));
    copyRecord('mitdb', '103', join(dir, 'mixed', 'cut'));
    writeFileSync(
      join(dir, 'mixed', 'cut', '103.dat'),
      readFileSync(join(dir, 'mixed', 'cut', '103.dat')).subarray(0, 1000),
    );
    writeFileSync(join(dir, 'mixed', 'junk.hea'), Buffer.from([1, 2, 3, 0, 255]));
    const r = run(['import', 'mixed', '--db', join(dir, 'b.db'), '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as ImportReport;
    expect(report.imported.map((i) => i.source)).toEqual(['mixed/ok/101.hea']);
    expect(report.errors.map((e) => e.source)).toEqual(['mixed/junk.hea', 'mixed/cut/103.hea']);
    expect(report.errors[1].message).toMatch(/^mixed\/cut\/103\.dat: /);
    for (const e of report.errors) expect(r.stderr).toContain(`${e.message}\n`);
    const store = openStore(join(dir, 'b.db'));
    expect(store.recordings.list().map((x) => x.recordName)).toEqual(['101']);
    store.close();
  });

  it('human output without --json; ECG_DESK_DB and the default store location', () => {
    const viaEnv = run(['import', 'mitdb/100.hea'], { env: { ECG_DESK_DB: join(dir, 'env.db') } });
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.stdout).toMatch(/1 recording imported .*env\.db/);
    expect(() => JSON.parse(viaEnv.stdout)).toThrow();
    expect(existsSync(join(dir, 'env.db'))).toBe(true);

    const home = join(dir, 'home');
    const viaDefault = run(['import', 'mitdb/100.hea', '--json'], {
      env: { HOME: home, XDG_CONFIG_HOME: '' },
    });
    expect(viaDefault.code).toBe(0);
    expect(existsSync(join(home, '.config', 'ECG Desk', 'ecg-desk.db'))).toBe(
      process.platform === 'linux',
    );
  });

  it('bad usage: exit 2, usage on stderr, nothing on stdout', () => {
    for (const args of [
      ['import', '--bogus', 'x'],
      ['import'],
      ['frobnicate'],
      [],
      ['import', 'x', '--db'],
    ]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(/Usage: ecg-desk/);
    }
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/import/);
  });

  it('a store that cannot be opened: exit 1, one line on stderr, JSON with every input failed', () => {
    mkdirSync(join(dir, 'a-folder.db'), { recursive: true });
    const r = run(['import', 'mitdb/100.hea', '--db', join(dir, 'a-folder.db'), '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      imported: [],
      errors: [
        { source: 'mitdb/100.hea', message: expect.stringMatching(/cannot open the store/) },
      ],
    });
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says so when the app is not built', () => {
    mkdirSync(join(dir, 'unbuilt', 'bin'), { recursive: true });
    const copy = join(dir, 'unbuilt', 'bin', 'ecg-desk.cjs');
    copyFileSync(bin, copy);
    const r = run(['import', 'x'], { bin: copy });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'ECG Desk is not built: run `npm run build`\n',
    });
  });

  it('bench import measures a folder and writes its JSON', () => {
    copyRecord('mitdb', '100', join(dir, 'bench-data'));
    const out = join(dir, 'bench.json');
    const r = run(['bench', 'import', '--quick', '--data', join(dir, 'bench-data'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8')) as {
      parseOnly: { recordings: number };
      variants: { recordings: number; failed: number; mbPerS: number; samplesPerS: number }[];
    };
    expect(doc.parseOnly.recordings).toBe(1);
    expect(doc.variants).toHaveLength(1);
    expect(doc.variants[0]).toMatchObject({ recordings: 1, failed: 0 });
    expect(doc.variants[0].mbPerS).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/MB\/s/);
    expect(run(['bench']).code).toBe(2);
  });

  it('importInWorker runs the import on a worker thread with progress', async () => {
    expect(defaultWorkerPath(join(projectRoot, 'out', 'main', 'chunks'))).toBe(builtWorker);
    const progress: ImportProgress[] = [];
    const db = join(dir, 'worker.db');
    const report = await importInWorker(
      db,
      [dataPath('mitdb', '100.hea'), join(dir, 'nope')],
      (p) => progress.push(p),
      {
        workerPath: builtWorker,
      },
    );
    expect(report.imported).toMatchObject([{ source: 'mitdb/100.hea', samples: 650000 }]);
    expect(report.errors).toEqual([
      {
        source: expect.stringMatching(/\/nope$/),
        message: `${join(dir, 'nope')}: no such file or folder`,
      },
    ]);
    expect(progress.map((p) => p.phase)).toEqual(['found', 'recording']);
    await expect(
      importInWorker(join(dir, 'a-folder.db'), ['x'], undefined, { workerPath: builtWorker }),
    ).rejects.toThrow();
  });
});
