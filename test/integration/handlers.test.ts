import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '@common/types';
import { schemas } from '@common/api';
import { createHandlers } from '../../main/api/handlers';
import { BadRequestError, NotFoundError } from '../../main/api/errors';
import { inProcessImportRunner } from '../../main/import';
import { openStore, type Store } from '../../main/store';
import { dataPath, describeWithData } from '../helpers/data';

function upload(...names: string[]) {
  return schemas['recordings.importFiles'].parse({
    files: names.map((name) => ({
      name,
      dataBase64: readFileSync(dataPath('mitdb', name)).toString('base64'),
    })),
  });
}

describe('handlers without data', () => {
  const store = openStore(':memory:');
  const handlers = createHandlers({
    store,
    storePath: '/x/ecg-desk.db',
    host: 'web',
    importRunner: inProcessImportRunner(store),
  });
  afterAll(() => store.close());

  it('app.info', async () => {
    expect(await handlers['app.info']({})).toEqual({
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      host: 'web',
      storePath: '/x/ecg-desk.db',
      mlBackend: null,
    });
  });

  it('unknown recordings are NotFoundError', async () => {
    await expect(async () => handlers['recordings.get']({ recordingId: 'nope' })).rejects.toThrow(
      NotFoundError,
    );
    await expect(async () =>
      handlers['signals.window']({ recordingId: 'nope', startSample: 0, endSample: 10 }),
    ).rejects.toThrow(NotFoundError);
    await expect(async () => handlers['annotations.list']({ recordingId: 'nope' })).rejects.toThrow(
      NotFoundError,
    );
  });

  it('uploads: bad base64 and repeated names are bad requests; no header is an import error', async () => {
    const bad = { files: [{ name: 'a.hea', dataBase64: 'not base64!' }] };
    await expect(async () => handlers['recordings.importFiles'](bad)).rejects.toThrow(
      BadRequestError,
    );
    const twice = {
      files: [
        { name: 'a.hea', dataBase64: '' },
        { name: 'a.hea', dataBase64: '' },
      ],
    };
    await expect(async () => handlers['recordings.importFiles'](twice)).rejects.toThrow(
      /uploaded twice/,
    );
    const noHeader = await handlers['recordings.importFiles']({
      files: [{ name: 'x.dat', dataBase64: 'AAAA' }],
    });
    expect(noHeader).toEqual({
      imported: [],
      errors: [{ source: 'x.dat', message: expect.stringMatching(/^x\.dat: no recording/) }],
    });
  });
});

describeWithData('mitdb', 'handlers on real data', () => {
  let store: Store;
  let handlers: ReturnType<typeof createHandlers>;
  let report: ImportReport;

  beforeAll(async () => {
    store = openStore(':memory:');
    handlers = createHandlers({
      store,
      storePath: ':memory:',
      host: 'electron',
      importRunner: inProcessImportRunner(store),
    });
    report = await handlers['recordings.importFiles'](upload('100.hea', '100.dat', '100.atr'));
  });
  afterAll(() => store.close());

  it('recordings.importFiles imports the uploaded files as one folder', () => {
    expect(report.errors).toEqual([]);
    expect(report.imported).toMatchObject([
      { source: '100.hea', fs: 360, samples: 650000, leads: ['MLII', 'V5'] },
    ]);
  });

  it('recordings.importPaths reports duplicates by content', async () => {
    const again = await handlers['recordings.importPaths']({
      paths: [dataPath('mitdb', '100.hea')],
    });
    expect(again.imported).toMatchObject([
      { recordingId: report.imported[0].recordingId, duplicate: true, source: 'mitdb/100.hea' },
    ]);
  });

  it('lists patients and recordings, gets a recording', async () => {
    const [p] = await handlers['patients.list']({});
    expect(p).toMatchObject({ displayName: '100', recordingCount: 1, sex: 'M', age: 69 });
    expect(await handlers['patients.list']({ search: 'zzz' })).toEqual([]);
    const list = await handlers['recordings.list']({ patientId: p.patientId });
    expect(list).toHaveLength(1);
    expect(Object.keys(list[0]).sort()).toEqual([
      'annotationCount',
      'durationS',
      'format',
      'fragileBeats',
      'fs',
      'importedAt',
      'leads',
      'patientId',
      'patientName',
      'recordName',
      'recordingId',
      'reviewStatus',
      'samples',
      'source',
      'uncertainBeats',
    ]);
    expect(list[0]).toMatchObject({
      reviewStatus: 'unreviewed',
      uncertainBeats: 0,
      fragileBeats: 0,
    });
    const rec = await handlers['recordings.get']({ recordingId: list[0].recordingId });
    expect(rec).toMatchObject({
      recordName: '100',
      annotationSources: ['atr'],
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(rec.leadInfo.map((l) => [l.name, l.units, l.toMillivolts])).toEqual([
      ['MLII', 'mV', 1],
      ['V5', 'mV', 1],
    ]);
  });

  it('signals.window and annotations.list', async () => {
    const recordingId = report.imported[0].recordingId;
    const w = await handlers['signals.window']({
      recordingId,
      startSample: 0,
      endSample: 3600,
      maxPoints: 100,
    });
    expect(w).toMatchObject({ recordingId, fs: 360, startSample: 0, endSample: 3600, step: 36 });
    expect(w.leads.map((l) => [l.name, l.values.length, l.maxValues?.length])).toEqual([
      ['MLII', 100, 100],
      ['V5', 100, 100],
    ]);
    await expect(async () =>
      handlers['signals.window']({ recordingId, startSample: 0, endSample: 10, leads: [5] }),
    ).rejects.toThrow(BadRequestError);
    const anns = await handlers['annotations.list']({
      recordingId,
      startSample: 0,
      endSample: 3600,
      source: 'atr',
    });
    expect(anns.length).toBeGreaterThan(3);
    expect(anns.every((a) => a.sample < 3600 && a.source === 'atr')).toBe(true);
  });
});
