import { mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { importRecordings } from '../../main/import';
import { openStore, type Store } from '../../main/store';
import { describeWithData } from '../helpers/data';
import { copyRecord, tableCounts, tempDir } from './helpers';

/**
 * One folder with a good record and three bad ones: a truncated signal file, a header whose
 * signal checksum is wrong, and a garbage "header".
 */
function makeMixedFolder(root: string): void {
  copyRecord('mitdb', '100', join(root, 'in', 'good'));
  copyRecord('mitdb', '101', join(root, 'in', 'truncated'));
  const dat = join(root, 'in', 'truncated', '101.dat');
  truncateSync(dat, Math.floor(readFileSync(dat).byteLength / 2) + 1);
  copyRecord('mitdb', '103', join(root, 'in', 'checksum'));
  const hea = join(root, 'in', 'checksum', '103.hea');
  const lines = readFileSync(hea, 'latin1').split('\n');
  lines[1] = lines[1].replace(
    /^(\S+ \S+ \S+ \S+ \S+ \S+ )(-?\d+)/,
    (_m, head: string, sum: string) => `${head}${Number(sum) + 1}`,
  );
  writeFileSync(hea, lines.join('\n'), 'latin1');
  writeFileSync(
    join(root, 'in', 'garbage.hea'),
    Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42, 0x0a, 0x99]),
  );
}

describeWithData('mitdb', 'import atomicity', () => {
  let dir: string;
  let cleanup: () => void;
  let store: Store;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    makeMixedFolder(dir);
    store = openStore(join(dir, 'store.db'));
  });
  afterEach(() => {
    store.close();
    cleanup();
  });

  it('imports the good record, reports each bad one naming its file, and stores nothing of them', () => {
    const report = importRecordings(store, ['in'], { cwd: dir });
    expect(report.imported.map((r) => r.source)).toEqual(['in/good/100.hea']);
    const errors = Object.fromEntries(report.errors.map((e) => [e.source, e.message]));
    expect(Object.keys(errors).sort()).toEqual([
      'in/checksum/103.hea',
      'in/garbage.hea',
      'in/truncated/101.hea',
    ]);
    expect(errors['in/truncated/101.hea']).toMatch(
      /^in\/truncated\/101\.dat: .*(truncat|short|end|missing|samples)/i,
    );
    expect(errors['in/checksum/103.hea']).toMatch(/in\/checksum\/103\.(dat|hea).*checksum/i);
    expect(errors['in/garbage.hea']).toMatch(/^in\/garbage\.hea/);
    for (const m of Object.values(errors)) expect(m).not.toMatch(/\n/);

    // Exactly what importing the good record alone writes: nothing of the bad ones.
    const alone = openStore(':memory:');
    importRecordings(alone, [join(dir, 'in', 'good')]);
    expect(tableCounts(store.db)).toEqual(tableCounts(alone.db));
    alone.close();
    const names = store.db.prepare('SELECT record_name FROM recordings').pluck().all();
    expect(names).toEqual(['100']);
  });

  it('a store with data is left exactly as it was by bad inputs', () => {
    importRecordings(store, ['in/good'], { cwd: dir });
    const before = tableCounts(store.db);
    const report = importRecordings(
      store,
      ['in/truncated', 'in/checksum/103.hea', 'in/garbage.hea', 'missing.hea', 'in/good/100.dat'],
      { cwd: dir },
    );
    expect(report.imported).toEqual([]);
    expect(report.errors.map((e) => e.source)).toEqual([
      'missing.hea',
      'in/good/100.dat',
      'in/truncated/101.hea',
      'in/checksum/103.hea',
      'in/garbage.hea',
    ]);
    expect(report.errors[0].message).toBe('missing.hea: no such file or folder');
    expect(report.errors[1].message).toMatch(/^in\/good\/100\.dat: not a recording/);
    expect(tableCounts(store.db)).toEqual(before);
  });

  it('a folder without any record is an error, not silence', () => {
    mkdirSync(join(dir, 'empty', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'empty', 'sub', 'notes.txt'), 'nothing');
    const report = importRecordings(store, ['empty'], { cwd: dir });
    expect(report).toEqual({
      imported: [],
      errors: [
        {
          source: 'empty',
          message:
            'empty: no recordings found (ECG Desk reads WFDB (.hea), HL7 aECG, Philips XML, SCP-ECG, DICOM or EDF/BDF)',
        },
      ],
    });
  });
});
