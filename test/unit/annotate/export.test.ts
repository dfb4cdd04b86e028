import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportLabels } from '../../../main/annotate/export';
import { writeFileAtomic } from '../../../main/annotate/export/atomic';
import { encodeCsv } from '../../../main/annotate/export/csv';
import { setLabel } from '../../../main/annotate/labels';
import { signReview } from '../../../main/annotate/review';
import { parseAnnotations } from '../../../main/formats';
import type { Store } from '../../../main/store';
import { cardiologist, modelBeat, storeWithRecording } from './helpers';

describe('label export', () => {
  let store: Store;
  let id: string;
  let dir: string;
  beforeEach(() => {
    ({ store, recordingId: id } = storeWithRecording());
    dir = mkdtempSync(join(tmpdir(), 'ecg-export-'));
    // The import seeded the synthetic .atr's beats: N at 10 stays, V at 500 is replaced below.
    store.beats.put(id, modelBeat(250, 'N', 0.97));
    store.beats.put(id, modelBeat(500, 'V', 0.6));
    setLabel(
      store,
      { user: 'Dr "Quote", Jr', role: 'annotator', userId: null },
      { recordingId: id, sample: 500, label: 'F' },
    );
    store.beats.insertReference(id, [{ sample: 4000, label: 'S' }]);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('csv: the documented columns, one line per beat, fields quoted as RFC 4180', () => {
    const r = exportLabels(store, id, 'csv', join(dir, 'b.csv'));
    expect(r).toMatchObject({ recordingId: id, format: 'csv', beats: 4 });
    expect(readFileSync(join(dir, 'b.csv'), 'utf8').split('\r\n')).toEqual([
      'sample,time_s,label,source,model_version,user,confidence',
      '10,0.04,N,reference,,,',
      '250,1,N,model,beat-full@1.0.0,,0.97',
      '500,2,F,user,beat-full@1.0.0,"Dr ""Quote"", Jr",0.6',
      '4000,16,S,reference,,,',
      '',
    ]);
    expect(encodeCsv([], 360)).toBe('sample,time_s,label,source,model_version,user,confidence\r\n');
  });

  it('json: recording facts, review state and every beat with its provenance', () => {
    signReview(store, cardiologist, id);
    exportLabels(store, id, 'json', join(dir, 'b.json'));
    const doc = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8'));
    expect(doc).toMatchObject({
      recordingId: id,
      recordName: 'synth',
      fs: 250,
      samples: 5000,
      review: { status: 'signed', signedBy: 'card', meaning: 'Reviewed and approved' },
    });
    expect(doc.beats).toHaveLength(4);
    expect(doc.beats[0]).toMatchObject({ sample: 10, label: 'N', source: 'reference', user: null });
    expect(doc.beats[2]).toMatchObject({
      sample: 500,
      timeS: 2,
      label: 'F',
      source: 'user',
      user: 'Dr "Quote", Jr',
      modelLabel: 'V',
      confidence: 0.6,
    });
  });

  it('atr: readable by the WFDB reader, S written as A', () => {
    exportLabels(store, id, 'atr', join(dir, 'b.atr'));
    const back = parseAnnotations(readFileSync(join(dir, 'b.atr')), 'b.atr').annotations;
    expect(back.map((a) => [a.sample, a.symbol])).toEqual([
      [10, 'N'],
      [250, 'N'],
      [500, 'F'],
      [4000, 'A'],
    ]);
  });

  it('unknown recordings are refused before anything is written', () => {
    expect(() => exportLabels(store, 'nope', 'csv', join(dir, 'x.csv'))).toThrow(
      /no recording nope/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ecg-atomic-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces the file whole and leaves no temporary file', () => {
    const path = join(dir, 'out.txt');
    writeFileSync(path, 'old contents');
    writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['out.txt']);
  });

  it('a failed write leaves the old file as it was and no temporary file behind', () => {
    const path = join(dir, 'target');
    mkdirSync(path); // rename over a folder fails after the data was written
    writeFileSync(join(path, 'keep'), 'x');
    expect(() => writeFileAtomic(path, 'data')).toThrow();
    expect(readdirSync(dir)).toEqual(['target']);
    expect(readdirSync(path)).toEqual(['keep']);
    expect(() => writeFileAtomic(join(dir, 'missing', 'x'), 'data')).toThrow(/ENOENT/);
  });
});
