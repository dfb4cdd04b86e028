import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeRecording } from '../../../main/import/write-recording';
import { openStore, type Store } from '../../../main/store';
import { syntheticRecording } from './fixtures';

describe('repositories', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
  });
  afterEach(() => store.close());

  const add = (name: string, sha: string, externalId: string | null = null) =>
    writeRecording(store, syntheticRecording({ recordName: name, samples: 3000, externalId }), {
      source: `db/${name}.hea`,
      sha256: sha.repeat(64),
      user: 'tester',
    });

  it('imports a recording with its patient, leads, annotations and audit entries', () => {
    const r = add('100', 'a');
    expect(r).toEqual({
      recordingId: r.recordingId,
      patientId: r.patientId,
      source: 'db/100.hea',
      format: 'wfdb',
      fs: 250,
      leads: ['L0', 'L1'],
      samples: 3000,
      durationS: 12,
    });
    const detail = store.recordings.get(r.recordingId);
    expect(detail).toMatchObject({
      patientName: '100',
      recordName: '100',
      annotationCount: 3,
      annotationSources: ['atr'],
      comments: ['synthetic'],
      sha256: 'a'.repeat(64),
    });
    expect(detail?.leadInfo).toEqual([
      { index: 0, name: 'L0', units: 'mV', gain: 200, baseline: 12, toMillivolts: 1 },
      { index: 1, name: 'L1', units: 'uV', gain: 1000, baseline: -7, toMillivolts: 0.001 },
    ]);
    expect(store.patients.list()).toMatchObject([
      {
        patientId: r.patientId,
        externalId: '',
        displayName: '100',
        sex: 'F',
        age: 42,
        recordingCount: 1,
      },
    ]);
    const audit = store.audit.list();
    expect(audit.map((a) => [a.action, a.entity, a.entityId, a.user])).toEqual([
      ['patient.create', 'patient', r.patientId, 'tester'],
      ['recording.import', 'recording', r.recordingId, 'tester'],
    ]);
    expect(audit[1].newValue).toMatchObject({
      source: 'db/100.hea',
      sha256: 'a'.repeat(64),
      annotations: { atr: 3 },
    });
    expect(audit[0].oldValue).toBeNull();
  });

  it('identical bytes give the existing recording back, marked duplicate, and write nothing', () => {
    const first = add('100', 'a');
    const before = store.audit.list().length;
    const again = add('100', 'a');
    expect(again).toEqual({ ...first, duplicate: true });
    expect(store.recordings.list()).toHaveLength(1);
    expect(store.audit.list()).toHaveLength(before);
  });

  it('one patient per patient id; a patient of its own for a file without one', () => {
    const a = add('201', 'a', 'P-7');
    const b = add('202', 'b', 'P-7');
    const c = add('122', 'c');
    // Same record name from another database: a different person, never merged.
    const d = add('122', 'd');
    expect(b.patientId).toBe(a.patientId);
    expect(c.patientId).not.toBe(a.patientId);
    expect(d.patientId).not.toBe(c.patientId);
    const rows = store.patients.list().map((p) => [p.displayName, p.externalId, p.recordingCount]);
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['122', '', 1],
        ['122', '', 1],
        ['P-7', 'P-7', 2],
      ]),
    );
    expect(store.audit.list({ entity: 'patient' })).toHaveLength(3);
  });

  it('lists and searches recordings and patients (LIKE wildcards taken literally)', () => {
    const a = add('100', 'a');
    add('1_0', 'b');
    add('200', 'c');
    expect(store.recordings.list().map((r) => r.recordName)).toEqual(['100', '1_0', '200']);
    expect(store.recordings.list({ search: '1_' }).map((r) => r.recordName)).toEqual(['1_0']);
    expect(store.recordings.list({ search: 'DB/2' }).map((r) => r.recordName)).toEqual(['200']);
    expect(store.recordings.list({ patientId: a.patientId }).map((r) => r.recordName)).toEqual([
      '100',
    ]);
    expect(store.recordings.list()[1]).toMatchObject({ leads: ['L0', 'L1'], annotationCount: 3 });
    expect(store.patients.list('%').map((p) => p.displayName)).toEqual([]);
    expect(store.patients.list('00').map((p) => p.displayName)).toEqual(['100', '200']);
    expect(store.recordings.get('nope')).toBeNull();
  });

  it('lists annotations by sample range (end exclusive) and source', () => {
    const r = add('100', 'a');
    expect(store.annotations.list(r.recordingId).map((a) => a.sample)).toEqual([10, 500, 900]);
    expect(store.annotations.list(r.recordingId, { startSample: 10, endSample: 900 })).toEqual([
      { sample: 10, symbol: 'N', subtype: 0, chan: 0, num: 0, aux: '', source: 'atr' },
      { sample: 500, symbol: 'V', subtype: 0, chan: 0, num: 0, aux: '', source: 'atr' },
    ]);
    expect(store.annotations.list(r.recordingId, { source: 'qrs' })).toEqual([]);
  });

  it('a failure inside the write transaction leaves nothing behind', () => {
    const rec = syntheticRecording({ samples: 3000 });
    rec.annotations.atr.push({ sample: -1, symbol: 'N', subtype: 0, chan: 0, num: 0, aux: '' });
    expect(() =>
      writeRecording(store, rec, { source: 'x.hea', sha256: 'f'.repeat(64), user: 't' }),
    ).toThrow(/CHECK/);
    for (const t of [
      'patients',
      'recordings',
      'leads',
      'signal_chunks',
      'annotations',
      'audit_log',
    ]) {
      expect(store.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get(), t).toBe(0);
    }
  });

  it('refuses a lead whose length differs from the record', () => {
    const rec = syntheticRecording({ samples: 3000 });
    rec.leads[1].digital = rec.leads[1].digital.subarray(0, 2999);
    expect(() =>
      writeRecording(store, rec, { source: 'x.hea', sha256: 'e'.repeat(64), user: 't' }),
    ).toThrow(/lead 1 \(L1\) has 2999 samples/);
  });

  it('audit entries keep JSON values and reasons, in order', () => {
    const id1 = store.audit.append({
      user: 'u',
      action: 'x.set',
      entity: 'x',
      entityId: '1',
      oldValue: { a: 1 },
      newValue: [2],
      reason: 'why',
    });
    const id2 = store.audit.append({ user: 'u', action: 'x.del', entity: 'x', entityId: '1' });
    expect(id2).toBeGreaterThan(id1);
    expect(
      store.audit
        .list({ entity: 'x', entityId: '1' })
        .map((e) => [e.oldValue, e.newValue, e.reason]),
    ).toEqual([
      [{ a: 1 }, [2], 'why'],
      [null, null, null],
    ]);
  });
});
