import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fileSourceFromDir } from '../../main/formats/fs-source';
import { BEAT_SYMBOLS, readRecording } from '../../main/formats/index';
import type { ParsedRecording } from '../../main/formats/types';
import { importRecordings, type ImportProgress } from '../../main/import';
import { openStore, type Store } from '../../main/store';
import { dataPath, describeWithData } from '../helpers/data';
import { copyRecord, tableCounts, tempDir } from './helpers';
import { checkWindows } from './windows';

function parse(sub: string, hea: string): ParsedRecording {
  const full = dataPath(sub, hea);
  return readRecording(fileSourceFromDir(dirname(full)), basename(full));
}

describeWithData('mitdb', 'import: MIT-BIH record 100', () => {
  let store: Store;
  let rec: ParsedRecording;
  const progress: ImportProgress[] = [];
  let report: ReturnType<typeof importRecordings>;

  beforeAll(() => {
    store = openStore(':memory:');
    rec = parse('mitdb', '100.hea');
    report = importRecordings(store, [dataPath('mitdb', '100.hea')], {
      user: 'tester',
      onProgress: (p) => progress.push(p),
    });
  });
  afterAll(() => store.close());

  it('reports exactly the contract shape', () => {
    expect(report.errors).toEqual([]);
    expect(report.imported).toEqual([
      {
        recordingId: expect.any(String),
        patientId: expect.any(String),
        source: 'mitdb/100.hea',
        format: 'wfdb',
        fs: 360,
        leads: ['MLII', 'V5'],
        samples: 650000,
        durationS: 1805.56,
      },
    ]);
    expect(progress.map((p) => p.phase)).toEqual(['found', 'recording']);
    const done = progress[1];
    const bytes = ['100.hea', '100.dat', '100.atr'].reduce(
      (n, f) => n + readFileSync(dataPath('mitdb', f)).byteLength,
      0,
    );
    expect(done).toMatchObject({ outcome: 'imported', samples: 1_300_000 });
    expect(done.phase === 'recording' && done.bytes).toBeGreaterThanOrEqual(bytes);
  });

  it('stores the beat annotations and the patient', () => {
    const id = report.imported[0].recordingId;
    const anns = store.annotations.list(id, { source: 'atr' });
    expect(anns).toHaveLength(rec.annotations.atr.length);
    expect(anns.filter((a) => BEAT_SYMBOLS.has(a.symbol))).toHaveLength(2273);
    expect(anns.slice(0, 3).map((a) => [a.sample, a.symbol])).toEqual(
      rec.annotations.atr.slice(0, 3).map((a) => [a.sample, a.symbol]),
    );
    const detail = store.recordings.get(id);
    expect(detail?.annotationSources).toContain('atr');
    expect(detail?.comments).toEqual(rec.comments);
    expect(store.patients.get(report.imported[0].patientId)).toMatchObject({
      externalId: '',
      displayName: '100',
      sex: 'M',
      age: 69,
      recordingCount: 1,
    });
    expect(store.audit.list().map((a) => a.action)).toEqual(['patient.create', 'recording.import']);
  });

  it('readWindow gives the parsed values for random windows, raw and reduced', () => {
    checkWindows(store, report.imported[0].recordingId, rec, 100);
  });

  it('re-importing the same bytes (even from another path) writes nothing', () => {
    const before = tableCounts(store.db);
    const { dir, cleanup } = tempDir();
    try {
      copyRecord('mitdb', '100', join(dir, 'copy'));
      const again = importRecordings(store, [join(dir, 'copy')], { cwd: dir });
      expect(again.errors).toEqual([]);
      expect(again.imported).toEqual([
        { ...report.imported[0], source: 'copy/100.hea', duplicate: true },
      ]);
    } finally {
      cleanup();
    }
    expect(tableCounts(store.db)).toEqual(before);
  });
});

describeWithData('ptbxl', 'import: a PTB-XL record', () => {
  it('has 12 leads at 100 Hz and reads back exactly', () => {
    const store = openStore(':memory:');
    const hea = join('records100', '00000', '00001_lr.hea');
    const rec = parse('ptbxl', hea);
    const report = importRecordings(store, [dataPath('ptbxl', hea)]);
    expect(report.errors).toEqual([]);
    expect(report.imported[0]).toMatchObject({
      source: '00000/00001_lr.hea',
      fs: 100,
      samples: 1000,
      durationS: 10,
    });
    expect(report.imported[0].leads).toHaveLength(12);
    expect(report.imported[0].leads[0]).toBe('I');
    checkWindows(store, report.imported[0].recordingId, rec, 1);
    store.close();
  });
});

describeWithData('ludb', 'import: an LUDB record', () => {
  it('has 12 leads at 500 Hz, per-lead annotations, and reads back exactly', () => {
    const store = openStore(':memory:');
    const rec = parse('ludb', join('data', '1.hea'));
    const report = importRecordings(
      store,
      [join(relative(process.cwd(), dataPath('ludb')), 'data', '1.hea')],
      {
        cwd: process.cwd(),
      },
    );
    expect(report.errors).toEqual([]);
    const r = report.imported[0];
    // Given as ../shared/data/ludb/data/1.hea (outside the cwd): named from its own folder.
    expect(r.source).toBe('data/1.hea');
    expect(r).toMatchObject({ fs: 500, samples: 5000, durationS: 10 });
    expect(r.leads).toEqual([
      'i',
      'ii',
      'iii',
      'avr',
      'avl',
      'avf',
      'v1',
      'v2',
      'v3',
      'v4',
      'v5',
      'v6',
    ]);
    const detail = store.recordings.get(r.recordingId);
    expect(detail?.annotationSources).toEqual(Object.keys(rec.annotations).sort());
    expect(detail?.annotationCount).toBe(
      Object.values(rec.annotations).reduce((n, list) => n + list.length, 0),
    );
    expect(store.patients.get(r.patientId)).toMatchObject({
      age: rec.patient.age,
      sex: rec.patient.sex,
    });
    checkWindows(store, r.recordingId, rec, 2);
    store.close();
  });
});

describeWithData('mitdb', 'import: folders and uploads', () => {
  it('searches folders recursively, names sources from the given path, imports uploads as one folder', () => {
    const { dir, cleanup } = tempDir();
    const store = openStore(':memory:');
    try {
      copyRecord('mitdb', '100', join(dir, 'set', 'a'));
      copyRecord('mitdb', '101', join(dir, 'set', 'b', 'deeper'));
      const report = importRecordings(store, ['set'], { cwd: dir });
      expect(report.errors).toEqual([]);
      expect(report.imported.map((r) => r.source)).toEqual([
        'set/a/100.hea',
        'set/b/deeper/101.hea',
      ]);
      const abs = importRecordings(store, [join(dir, 'set', 'a')]);
      expect(abs.imported.map((r) => [r.source, r.duplicate])).toEqual([['a/100.hea', true]]);

      const upload = new Map<string, Uint8Array>();
      for (const f of ['102.hea', '102.dat', '102.atr'])
        upload.set(f, readFileSync(dataPath('mitdb', f)));
      const up = importRecordings(store, [{ files: upload }]);
      expect(up.errors).toEqual([]);
      expect(up.imported.map((r) => [r.source, r.samples, r.leads])).toEqual([
        ['102.hea', 650000, ['V5', 'V2']],
      ]);
      expect(store.recordings.list()).toHaveLength(3);
    } finally {
      store.close();
      cleanup();
    }
  });
});

describeWithData('wfdb-samples/multi-segment', 'import: multi-segment records', () => {
  it('a folder import reads segments as part of their master, not as recordings of their own', () => {
    const store = openStore(':memory:');
    const report = importRecordings(store, [dataPath('wfdb-samples', 'multi-segment', '041s')]);
    expect(report.errors).toEqual([]);
    expect(report.imported.map((r) => r.source)).toEqual(['041s/041s.hea']);
    const seg = importRecordings(store, [
      dataPath('wfdb-samples', 'multi-segment', '041s', '041s01.hea'),
    ]);
    expect(seg.imported.map((r) => [r.source, r.duplicate])).toEqual([
      ['041s/041s01.hea', undefined],
    ]);
    store.close();
  });
});

describeWithData(
  'wfdb-samples',
  'import: a FLAC-compressed record (format 516, MIMIC style)',
  () => {
    it('is stored whole and reads back as parsed, gaps included', () => {
      const store = openStore(':memory:');
      const rec = parse('wfdb-samples', 'mixedsignals.hea');
      const report = importRecordings(store, [dataPath('wfdb-samples', 'mixedsignals.hea')]);
      expect(report.errors).toEqual([]);
      expect(report.imported[0]).toMatchObject({
        fs: 249.89,
        leads: ['II', 'III', 'V', 'ABP', 'Pleth', 'Resp'],
        samples: 57_600,
      });
      checkWindows(store, report.imported[0].recordingId, rec, 7);
      store.close();
    });
  },
);

describeWithData('wfdb-samples', 'import: an EDF+ recording', () => {
  it('is stored whole, with its annotation, and reads back as parsed', () => {
    const store = openStore(':memory:');
    const rec = parse('wfdb-samples', 'test_generator_2.edf');
    const report = importRecordings(store, [dataPath('wfdb-samples', 'test_generator_2.edf')]);
    expect(report.errors).toEqual([]);
    expect(report.imported[0]).toMatchObject({ format: 'edf', fs: 200, samples: 120_000 });
    expect(report.imported[0].leads).toHaveLength(11);
    const id = report.imported[0].recordingId;
    expect(store.annotations.list(id, { source: 'edf' }).map((a) => a.aux)).toEqual(
      rec.annotations.edf.map((a) => a.aux),
    );
    checkWindows(store, id, rec, 11);
    store.close();
  });
});
