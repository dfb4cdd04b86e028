import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../main/api/dispatch';
import { createHandlers } from '../../main/api/handlers';
import { workerAnalysisRunner } from '../../main/analysis/run-in-worker';
import { workerProbeRunner } from '../../main/analysis/probe-runner';
import { inProcessImportRunner } from '../../main/import';
import { apiCaller } from './api-call';
import { JobRegistry } from '../../main/jobs/registry';
import { openStore, type Store } from '../../main/store';
import { dataPath, describeWithData } from '../helpers/data';
import { ensureBuilt, projectRoot } from './build';
import { tempDir } from './helpers';

/**
 * The probe through the API with the real worker threads and the shipped beat model, on a
 * 10-s LUDB record: a whole-recording run (stored with the model version, per-beat verdicts
 * on the beats), one beat on demand with its waveforms, bad requests, and cancellation.
 */
describeWithData('ludb', 'probe handlers (LUDB 1, worker threads)', () => {
  const tmp = tempDir('ecg-probe-');
  const dbPath = join(tmp.dir, 'store.db');
  let store: Store;
  let handlers: Handlers;
  let recordingId: string;

  const { call, waitJob } = apiCaller(() => handlers);

  beforeAll(async () => {
    ensureBuilt();
    const out = join(projectRoot, 'out', 'main');
    store = openStore(dbPath);
    handlers = createHandlers({
      store,
      storePath: dbPath,
      host: 'web',
      importRunner: inProcessImportRunner(store),
      jobs: new JobRegistry(),
      analysisRunner: workerAnalysisRunner(dbPath, join(out, 'analysis.worker.js')),
      probeRunner: workerProbeRunner(dbPath, join(out, 'probe.worker.js')),
      autoAnalyze: 'setting',
    });
    const report = await call('recordings.importPaths', {
      paths: [dataPath('ludb', 'data', '1.hea')],
    });
    recordingId = report.imported[0].recordingId;
    const [job] = await call('jobs.list', { recordingId });
    expect(await waitJob(job.jobId)).toMatchObject({ state: 'done' });
  }, 120_000);
  afterAll(() => {
    store?.close();
    tmp.cleanup();
  });

  it('probes every beat in the background and stores the run with the model version', async () => {
    const beats = await call('beats.list', { recordingId });
    expect(beats.length).toBeGreaterThan(5);
    expect(await call('probe.get', { recordingId })).toBeNull();
    const job = await call('probe.start', { recordingId, method: 'pgd' });
    expect(job.kind).toBe('probe');
    expect(await waitJob(job.jobId)).toMatchObject({ state: 'done', progress: 1 });
    const run = await call('probe.get', { recordingId });
    expect(run).toMatchObject({ method: 'pgd', beats: beats.length });
    expect(run!.modelVersion).toBe(beats[0].modelVersion);
    const after = await call('beats.list', { recordingId });
    expect(after.every((b) => typeof b.fragile === 'boolean')).toBe(true);
    expect(after.filter((b) => b.fragile).length).toBe(run!.fragile);
    for (const b of after) {
      if (b.flipEpsilon === null) expect(b.fragile).toBe(false);
      else expect(b.fragile).toBe(b.flipEpsilon < run!.fragileThreshold);
    }
    // a probe is not a label edit: labels and sources are untouched
    expect(after.map((b) => [b.sample, b.label, b.source])).toEqual(
      beats.map((b) => [b.sample, b.label, b.source]),
    );
  }, 120_000);

  it('probes one beat on demand, with the original and adversarial waveforms', async () => {
    const [first] = await call('beats.list', { recordingId });
    const view = await call('probe.beat', { recordingId, sample: first.sample });
    expect(view).toMatchObject({ sample: first.sample, method: 'pgd', lead: 'ii' });
    expect(view.original.length).toBeGreaterThan(100);
    expect(view.fiducialIndex).toBeGreaterThan(0);
    if (view.flipEpsilon === null) expect(view.adversarial).toBeNull();
    else {
      expect(view.adversarial).toHaveLength(view.original.length);
      expect(view.flippedTo).not.toBe(view.label);
      const maxChange = Math.max(
        ...view.original.map((v, i) => Math.abs(v - view.adversarial![i])),
      );
      expect(maxChange).toBeLessThanOrEqual(view.flipAmplitude! * 1.001 + 1e-6);
      expect(view.flipAmplitudeKind).toBe('max');
    }
  }, 60_000);

  it('the NSR variant: runs and single beats in the L2 ball, with its own ε scale', async () => {
    const [first] = await call('beats.list', { recordingId });
    const view = await call('probe.beat', { recordingId, sample: first.sample, method: 'pgd-nsr' });
    expect(view).toMatchObject({
      method: 'pgd-nsr',
      fragileThreshold: 0.025,
      flipAmplitudeKind: 'rms',
    });
    if (view.flipEpsilon !== null) {
      // flipAmplitude is the RMS of the change: the overlay's difference has exactly that RMS
      // (within the search's float32 rounding), and NSR = that RMS / the beat's RMS.
      const d = view.original.map((v, i) => v - view.adversarial![i]);
      const rms = (xs: number[]): number =>
        Math.sqrt(xs.reduce((a, v) => a + v * v, 0) / xs.length);
      expect(rms(d)).toBeLessThanOrEqual(view.flipAmplitude! * 1.001 + 1e-6);
      expect(rms(d) / rms(view.original)).toBeLessThanOrEqual(view.flipEpsilon * 1.001);
    }
    const job = await call('probe.start', { recordingId, method: 'pgd-nsr' });
    expect(await waitJob(job.jobId)).toMatchObject({ state: 'done' });
    const run = await call('probe.get', { recordingId });
    expect(run).toMatchObject({ method: 'pgd-nsr', fragileThreshold: 0.025 });
    expect(run!.params.maxEpsilon).toBe(0.5);
    const after = await call('beats.list', { recordingId });
    for (const b of after)
      if (b.flipEpsilon !== null) expect(b.fragile).toBe(b.flipEpsilon < run!.fragileThreshold);
  }, 120_000);

  it('probes the record-level findings of a 12-lead recording', async () => {
    const findings = (await call('analysis.get', { recordingId }))!.findings!;
    if (findings.recordModel === null) return; // no record model installed: nothing to probe
    const view = await call('probe.findings', { recordingId });
    expect(view.recordModel).toBe(findings.recordModel);
    expect(view.findings.map((f) => f.code).sort()).toEqual(
      findings.findings.map((f) => f.code).sort(),
    );
    for (const f of view.findings) {
      if (f.status !== 'probed') expect(f.flipEpsilon).toBeNull();
      if (f.flipEpsilon !== null) {
        expect(f.flipEpsilon).toBeGreaterThan(0);
        expect(f.fragile).toBe(f.flipEpsilon < view.fragileThreshold);
      } else expect(f.fragile).toBe(false);
    }
  }, 60_000);

  it('refuses unknown beats and recordings without starting a job', async () => {
    const bad = await dispatch(handlers, 'probe.beat', { recordingId, sample: 3 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const none = await dispatch(handlers, 'probe.start', { recordingId: 'nope' });
    expect(none).toMatchObject({ ok: false });
    const method = await dispatch(handlers, 'probe.start', { recordingId, method: 'fgsm' });
    expect(method).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('a cancelled probe stores nothing', async () => {
    const before = store.db.prepare('SELECT count(*) FROM probe_runs').pluck().get();
    const job = await call('probe.start', { recordingId, method: 'spsa' });
    await call('jobs.cancel', { jobId: job.jobId });
    expect(await waitJob(job.jobId)).toMatchObject({ state: 'cancelled' });
    expect(store.db.prepare('SELECT count(*) FROM probe_runs').pluck().get()).toBe(before);
  }, 60_000);
});
