import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../main/api/dispatch';
import { createHandlers } from '../../main/api/handlers';
import { workerAnalysisRunner } from '../../main/analysis/run-in-worker';
import { inProcessImportRunner } from '../../main/import';
import { JobRegistry } from '../../main/jobs/registry';
import { openStore, type Store } from '../../main/store';
import { dataPath, describeWithData } from '../helpers/data';

async function call(handlers: Handlers, method: string, input: unknown) {
  const outcome = await dispatch(handlers, method, input);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value as Record<string, unknown>;
}

async function waitFor(handlers: Handlers, jobId: string) {
  for (;;) {
    const job = await call(handlers, 'jobs.get', { jobId });
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('job registry', () => {
  it('reports progress, completion, failure and cancellation', async () => {
    const jobs = new JobRegistry();
    const done = jobs.start('t', null, async (job) => job.progress(0.5, 'half'));
    const failed = jobs.start('t', null, async () => {
      throw new Error('boom');
    });
    const cancelled = jobs.start(
      't',
      'rec',
      (job) =>
        new Promise<void>((_resolve, reject) =>
          job.signal.addEventListener('abort', () => reject(new Error('stopped'))),
        ),
    );
    expect(jobs.list({ recordingId: 'rec', activeOnly: true })).toHaveLength(1);
    expect(jobs.cancel(cancelled.jobId)).toBe(true);
    await jobs.idle();
    expect(jobs.get(done.jobId)).toMatchObject({ state: 'done', progress: 1 });
    expect(jobs.get(failed.jobId)).toMatchObject({ state: 'failed', error: 'boom' });
    expect(jobs.get(cancelled.jobId)).toMatchObject({ state: 'cancelled', error: null });
    expect(jobs.cancel(done.jobId)).toBe(false);
  });
});

describeWithData('mitdb', 'analysis after import (MIT-BIH 100)', () => {
  let store: Store;
  let dbPath: string;
  beforeAll(() => {
    dbPath = join(mkdtempSync(join(tmpdir(), 'ecg-analysis-')), 'store.db');
    store = openStore(dbPath);
  });
  afterAll(() => store.close());

  it('runs in the background after import and stores measurements and rhythm', async () => {
    const handlers = createHandlers({
      store,
      storePath: dbPath,
      host: 'web',
      importRunner: inProcessImportRunner(store),
      autoAnalyze: 'none',
    });
    const report = await call(handlers, 'recordings.importPaths', {
      paths: [dataPath('mitdb', '100.hea')],
    });
    const recordingId = (report.imported as { recordingId: string }[])[0].recordingId;
    const [job] = (await call(handlers, 'jobs.list', { recordingId })) as unknown as {
      jobId: string;
      kind: string;
    }[];
    expect(job.kind).toBe('analysis');
    expect(await waitFor(handlers, job.jobId)).toMatchObject({ state: 'done', progress: 1 });
    const summary = await call(handlers, 'analysis.get', { recordingId });
    // Record 100: 2273 reference beats; a sinus rhythm near 76 bpm.
    expect(summary.beatCount as number).toBeGreaterThan(2260);
    expect(summary.beatCount as number).toBeLessThan(2285);
    expect(summary.measurements).toMatchObject({ heartRateBpm: expect.any(Number) });
    const hr = (summary.measurements as { heartRateBpm: number }).heartRateBpm;
    expect(hr).toBeGreaterThanOrEqual(72);
    expect(hr).toBeLessThanOrEqual(80);
    expect((summary.rhythm as { dominant: string }).dominant).toBe('SR');
    expect(summary.beatModel).toBeNull();
  });

  it('analyses the lead the user chooses, and refuses a lead the recording lacks', async () => {
    const handlers = createHandlers({
      store,
      storePath: dbPath,
      host: 'web',
      importRunner: inProcessImportRunner(store),
    });
    const [rec] = store.recordings.list();
    const bad = await dispatch(handlers, 'analysis.start', {
      recordingId: rec.recordingId,
      lead: 'V1',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const job = await call(handlers, 'analysis.start', {
      recordingId: rec.recordingId,
      model: 'none',
      lead: 'v5',
    });
    expect(await waitFor(handlers, job.jobId as string)).toMatchObject({ state: 'done' });
    const summary = await call(handlers, 'analysis.get', { recordingId: rec.recordingId });
    expect(summary.analysedLead).toBe('V5');
  });

  it('a recording that does not exist is a not-found error, and no job starts', async () => {
    const handlers = createHandlers({
      store,
      storePath: dbPath,
      host: 'web',
      importRunner: inProcessImportRunner(store),
    });
    const outcome = await dispatch(handlers, 'analysis.start', { recordingId: 'nope' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await call(handlers, 'jobs.list', {})).toEqual([]);
  });

  it('runs on the built worker thread and can be cancelled there', async () => {
    const workerFile = join(__dirname, '..', '..', 'out', 'main', 'analysis.worker.js');
    const handlers = createHandlers({
      store,
      storePath: dbPath,
      host: 'web',
      importRunner: inProcessImportRunner(store),
      analysisRunner: workerAnalysisRunner(dbPath, workerFile),
    });
    const [rec] = store.recordings.list();
    const before = store.db.prepare('SELECT count(*) AS n FROM analyses').get() as { n: number };
    const started = await call(handlers, 'analysis.start', {
      recordingId: rec.recordingId,
      model: 'none',
    });
    const finished = await waitFor(handlers, started.jobId as string);
    expect(finished).toMatchObject({ state: 'done' });
    const after = store.db.prepare('SELECT count(*) AS n FROM analyses').get() as { n: number };
    expect(after.n).toBe(before.n + 1);

    const again = await call(handlers, 'analysis.start', {
      recordingId: rec.recordingId,
      model: 'none',
    });
    await call(handlers, 'jobs.cancel', { jobId: again.jobId });
    expect(await waitFor(handlers, again.jobId as string)).toMatchObject({ state: 'cancelled' });
    const end = store.db.prepare('SELECT count(*) AS n FROM analyses').get() as { n: number };
    expect(end.n).toBe(after.n);
  });
});
