import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Input, Method, Result } from '@common/api';
import type { JobStatus } from '@common/types';
import { dispatch, type Handlers } from '../../main/api/dispatch';
import { createHandlers } from '../../main/api/handlers';
import { loadAppClassifier, shippedModel } from '../../main/analysis/app-classifier';
import { AuthService } from '../../main/auth';
import { inProcessImportRunner } from '../../main/import';
import { JobRegistry } from '../../main/jobs/registry';
import { inProcessFinetuneRunner, workerFinetuneRunner } from '../../main/ml/finetune/runner';
import { openStore, type Store } from '../../main/store';
import { dataPath, describeWithData } from '../helpers/data';
import { ensureBuilt, projectRoot } from './build';
import { tempDir } from './helpers';

/**
 * Learning from corrections end to end: import MIT-BIH 100 and 201, relabel a few beats, sign
 * both, fine-tune (1 epoch on a capped number of beats), check the recorded version and its
 * metrics, activate it (the classifier then reports its version), switch back; a cancelled
 * run on the worker thread leaves no row and no folder.
 */
/** The full-size model shipped in resources/models (beat-robust@…, else beat-full@…). */
const SHIPPED = shippedModel()?.version ?? 'none';

describeWithData('mitdb', 'fine-tuning on signed recordings (MIT-BIH 100, 201)', () => {
  const tmp = tempDir('ecg-ft-');
  const dbPath = join(tmp.dir, 'store.db');
  let store: Store;
  let handlers: Handlers;
  let jobs: JobRegistry;
  let auth: AuthService;
  let admin: string;
  let cardio: string;
  let annot: string;
  const settings = { train: { epochs: 1, maxBeats: 1536 } };

  async function call<M extends Method>(method: M, input: Input<M>): Promise<Result<M>> {
    const out = await dispatch(handlers, method, input, { error: () => undefined });
    if (!out.ok) throw new Error(`${out.error.code}: ${out.error.message}`);
    return out.value as Result<M>;
  }
  async function waitJob(jobId: string): Promise<JobStatus> {
    for (;;) {
      const job = await call('jobs.get', { jobId });
      if (job.state !== 'running') return job;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    ensureBuilt();
    store = openStore(dbPath);
    auth = new AuthService(store, { scrypt: { N: 1024, r: 8, p: 1, keyLength: 32 } });
    jobs = new JobRegistry();
    handlers = createHandlers({
      store,
      storePath: dbPath,
      host: 'web',
      importRunner: inProcessImportRunner(store),
      auth,
      jobs,
      finetuneRunner: inProcessFinetuneRunner(store, settings),
    });
    const report = await call('recordings.importPaths', {
      paths: [dataPath('mitdb', '100.hea'), dataPath('mitdb', '201.hea')],
    });
    expect(report.imported).toHaveLength(2);
    admin = (
      await call('auth.createFirstAdmin', {
        username: 'admin',
        displayName: 'Admin',
        password: 'correct horse battery',
      })
    ).sessionToken;
    for (const [username, role] of [
      ['cardio', 'cardiologist'],
      ['annot', 'annotator'],
    ] as const)
      await call('users.create', {
        sessionToken: admin,
        username,
        displayName: username,
        role,
        password: 'correct horse battery',
      });
    cardio = (await call('auth.login', { username: 'cardio', password: 'correct horse battery' }))
      .sessionToken;
    annot = (await call('auth.login', { username: 'annot', password: 'correct horse battery' }))
      .sessionToken;
  });
  afterAll(() => {
    store?.close();
    tmp.cleanup();
  });

  it('refuses annotators; fails clearly without signed recordings', async () => {
    const out = await dispatch(handlers, 'models.finetune', { sessionToken: annot });
    expect(out).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const job = await call('models.finetune', { sessionToken: cardio });
    expect(await waitJob(job.jobId)).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('no signed recording'),
    });
  });

  it('fine-tunes on the signed, corrected recordings and records the version', async () => {
    const recs = store.recordings.list();
    for (const rec of recs) {
      const beats = store.beats.list(rec.recordingId);
      // Relabel a few beats (a person's correction), then sign.
      for (const b of beats.slice(100, 104))
        await call('labels.set', {
          sessionToken: cardio,
          recordingId: rec.recordingId,
          sample: b.sample,
          label: b.label === 'N' ? 'S' : 'N',
        });
      await call('review.start', { sessionToken: cardio, recordingId: rec.recordingId });
      await call('review.sign', {
        sessionToken: cardio,
        recordingId: rec.recordingId,
        password: 'correct horse battery',
      });
    }
    const t0 = performance.now();
    const job = await call('models.finetune', { sessionToken: cardio });
    expect(job.kind).toBe('finetune');
    const done = await waitJob(job.jobId);
    expect(done).toMatchObject({ state: 'done', progress: 1 });
    const seconds = (performance.now() - t0) / 1000;

    const overview = await call('models.list', {});
    expect(overview.activeVersion).toBe(SHIPPED);
    const ft = overview.versions.find((v) => v.version === 'beat-ft@1.0.0+site.1')!;
    expect(ft).toMatchObject({ parentVersion: SHIPPED, createdBy: 'cardio' });
    expect(existsSync(join(ft.folder!, 'model.json'))).toBe(true);
    expect(ft.folder!.startsWith(join(tmp.dir, 'models'))).toBe(true);
    expect(ft.trainingData!.recordingIds).toHaveLength(1);
    expect(ft.trainingData!.heldOutRecordingIds).toHaveLength(1);
    expect(ft.trainingData!.userBeats).toBe(4);
    expect(ft.trainingData!.signedBy).toEqual(['cardio']);
    const m = ft.metrics!;
    expect(m.training).toMatchObject({ epochs: 1, beats: 1536, frozenLayers: ['conv1', 'conv2'] });
    expect(m.heldOut!.base.accuracy).toBeGreaterThan(0.5);
    expect(m.heldOut!.tuned.beats).toBeGreaterThan(1500);
    // 100 is a DS2 record and among the signed data: it is left out of DS2.
    expect(m.ds2!.excludedRecords).toEqual(['100']);
    expect(m.ds2!.records).toHaveLength(21);
    expect(m.ds2!.base.accuracy).toBeGreaterThan(0.8);
    expect(typeof m.ds2!.accuracyDelta).toBe('number');
    const expected = m.ds2!.accuracyDelta! < -0.01 ? 'rejected' : 'available';
    expect(ft.status).toBe(expected);
    console.log(
      `[finetune] ${seconds.toFixed(1)} s in all; ${m.training!.samplesPerSec.toFixed(0)} samples/s; ` +
        `DS2 accuracy base ${(100 * m.ds2!.base.accuracy!).toFixed(2)} % → tuned ` +
        `${(100 * m.ds2!.tuned.accuracy!).toFixed(2)} %, macro-F1 ${m.ds2!.base.macroF1!.toFixed(3)} → ` +
        `${m.ds2!.tuned.macroF1!.toFixed(3)}; held-out ${(100 * m.heldOut!.base.accuracy!).toFixed(2)} → ` +
        `${(100 * m.heldOut!.tuned.accuracy!).toFixed(2)} %; status ${ft.status}`,
    );
  });

  it('activation switches the classifier; candidates are refused; switching back is one call', async () => {
    expect((await loadAppClassifier('full', { store }))!.version).toBe(SHIPPED);
    // Make sure an available version exists whatever the gate said above.
    const ft = store.models.get('beat-ft@1.0.0+site.1')!;
    if (ft.status !== 'available')
      store.db
        .prepare("UPDATE model_versions SET status = 'available' WHERE version = ?")
        .run(ft.version);
    const refused = await dispatch(handlers, 'models.activate', {
      version: ft.version,
      sessionToken: annot,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const after = await call('models.activate', { version: ft.version, sessionToken: cardio });
    expect(after.activeVersion).toBe(ft.version);
    // Full and Auto honour the site's activated fine-tune; an explicit Pruned bypasses it.
    expect((await loadAppClassifier('full', { store }))!.version).toBe(ft.version);
    const auto = await loadAppClassifier('auto', { store });
    expect(auto!.version).toBe(ft.version);
    expect(auto!.choice?.reason).toMatch(/fine-tuned model is active/);
    const audit = store.audit.list({ entity: 'model' });
    expect(audit.at(-1)).toMatchObject({
      action: 'model.activate',
      user: 'cardio',
      oldValue: { version: SHIPPED },
      newValue: { version: ft.version },
    });
    store.db
      .prepare(
        `INSERT INTO model_versions (name, version, parent_version, folder, created_at, created_by,
           status, status_reason) VALUES ('beat', 'beat-ft@0+x', NULL, '/nowhere', 'now', 'x',
           'candidate', 'not verified')`,
      )
      .run();
    const cand = await dispatch(handlers, 'models.activate', {
      version: 'beat-ft@0+x',
      sessionToken: cardio,
    });
    expect(cand).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const back = await call('models.activate', {
      version: SHIPPED,
      sessionToken: cardio,
    });
    expect(back.activeVersion).toBe(SHIPPED);
    expect((await loadAppClassifier('full', { store }))!.version).toBe(SHIPPED);
  });

  it('a cancelled run on the worker thread leaves no version row and no folder', async () => {
    const workerHandlers = createHandlers({
      store,
      storePath: dbPath,
      host: 'web',
      importRunner: inProcessImportRunner(store),
      auth,
      jobs,
      finetuneRunner: workerFinetuneRunner(
        dbPath,
        { train: { epochs: 20, maxBeats: 4096 } },
        join(projectRoot, 'out', 'main', 'finetune.worker.js'),
      ),
    });
    const before = store.models.list().length;
    const folders = readdirSync(join(tmp.dir, 'models')).sort();
    const started = await dispatch(workerHandlers, 'models.finetune', { sessionToken: cardio });
    if (!started.ok) throw new Error(started.error.message);
    const jobId = (started.value as JobStatus).jobId;
    for (;;) {
      const j = jobs.get(jobId)!;
      if (j.state !== 'running' || j.message.startsWith('fine-tuning')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(jobs.get(jobId)).toMatchObject({
      state: 'running',
      message: expect.stringMatching(/^fine-tuning/),
    });
    jobs.cancel(jobId);
    await jobs.idle();
    expect(jobs.get(jobId)).toMatchObject({ state: 'cancelled' });
    expect(store.models.list()).toHaveLength(before);
    expect(readdirSync(join(tmp.dir, 'models')).sort()).toEqual(folders);
  });
});
