/**
 * The API handlers behind every renderer call (Electron IPC or the web host's HTTP). Inputs
 * arrive already validated against common/api.ts by the dispatcher; results are exactly the
 * contract's shapes.
 */
import {
  inProcessProbeRunner,
  workerProbeRunner,
  type ProbeRunner,
} from '../analysis/probe-runner';
import { createProbeHandlers } from './handlers/probe';
import type { ParsedInput } from '@common/api';
import type { AppInfo, ImportReport } from '@common/types';
import { version } from '../../package.json';
import type { AuthService } from '../auth';
import type { ImportProgress, ImportRunner } from '../import/types';
import { InvalidLeadError, type Store } from '../store';
import type { Handlers } from './dispatch';
import { BadRequestError, NotFoundError } from './errors';
import { hasActiveFilter, readFilteredWindow } from './filtered-window';
import { createAnnotateHandlers } from './handlers/annotate';
import { createModelHandlers } from './handlers/models';
import {
  createAnalysisHandlers,
  startAnalysis,
  type AnalysisContext,
  type AnalysisRunner,
  type ModelChoice,
} from './handlers/analysis';
import { analyzeStoredRecording } from '../analysis/run-stored';
import { JobRegistry } from '../jobs/registry';
import {
  inProcessFinetuneRunner,
  workerFinetuneRunner,
  type FinetuneRunner,
} from '../ml/finetune/runner';

export interface HandlerContext {
  store: Store;
  storePath: string;
  host: AppInfo['host'];
  importRunner: ImportRunner;
  /** Receives import progress (e.g. to forward to the window); the result comes back as usual. */
  onImportProgress?: (progress: ImportProgress) => void;
  /** The ML backend in use, once a model runtime has started. */
  mlBackend?: () => string | null;
  /** Accounts and sessions; one over `store` with default settings when absent. */
  auth?: AuthService;
  /** Background jobs; a fresh registry when absent. */
  jobs?: JobRegistry;
  /** Runs one beat-model fine-tune; the built worker thread when absent (in-process for ":memory:"). */
  finetuneRunner?: FinetuneRunner;
  /** Runs one analysis; in-process without a beat model when absent (tests). */
  analysisRunner?: AnalysisRunner;
  /** Runs probes; the built worker thread when absent (in-process for ":memory:"). */
  probeRunner?: ProbeRunner;
  /**
   * Analyse every newly imported recording in the background with this model choice
   * ('setting': the site's Full / Pruned / Auto setting).
   */
  autoAnalyze?: ModelChoice | 'setting' | false;
}

/** Analysis in the calling thread, without a beat model: for tests and tools, not the app. */
function inProcessAnalysis(store: Store): AnalysisRunner {
  return (recordingId, request, job) =>
    analyzeStoredRecording(store, recordingId, {
      lead: request.lead,
      onProgress: (f, m) => job.progress(f, m),
    });
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function createHandlers(ctx: HandlerContext): Handlers {
  const { store } = ctx;
  const analysis: AnalysisContext = {
    store,
    jobs: ctx.jobs ?? new JobRegistry(),
    analysisRunner: ctx.analysisRunner ?? inProcessAnalysis(store),
  };
  const analyzeNew = (report: ImportReport): ImportReport => {
    if (ctx.autoAnalyze) {
      for (const r of report.imported) {
        if (!r.duplicate)
          startAnalysis(analysis, r.recordingId, {
            model: ctx.autoAnalyze === 'setting' ? undefined : ctx.autoAnalyze,
          });
      }
    }
    return report;
  };
  const notFound = (recordingId: string): NotFoundError =>
    new NotFoundError(`No recording ${recordingId}`);
  return {
    ...createAnnotateHandlers(ctx),
    ...createAnalysisHandlers(analysis),
    ...createModelHandlers({
      store,
      jobs: analysis.jobs,
      auth: ctx.auth,
      finetuneRunner:
        ctx.finetuneRunner ??
        (ctx.storePath === ':memory:'
          ? inProcessFinetuneRunner(store)
          : workerFinetuneRunner(ctx.storePath)),
    }),
    ...createProbeHandlers({
      store,
      jobs: analysis.jobs,
      probeRunner:
        ctx.probeRunner ??
        (ctx.storePath === ':memory:'
          ? inProcessProbeRunner(store)
          : workerProbeRunner(ctx.storePath)),
    }),
    'app.info': () => ({
      version,
      host: ctx.host,
      storePath: ctx.storePath,
      mlBackend: ctx.mlBackend?.() ?? null,
    }),
    'patients.list': ({ search }) => store.patients.list(search),
    'recordings.list': ({ search, patientId }) => store.recordings.list({ search, patientId }),
    'recordings.get': ({ recordingId }) => {
      const rec = store.recordings.get(recordingId);
      if (!rec) throw notFound(recordingId);
      return rec;
    },
    'recordings.importPaths': ({ paths }) =>
      ctx.importRunner(paths, ctx.onImportProgress).then(analyzeNew),
    'recordings.importFiles': (input) =>
      ctx.importRunner([{ files: decodeUploads(input) }], ctx.onImportProgress).then(analyzeNew),
    'signals.window': ({ recordingId, startSample, endSample, leads, maxPoints, filters }) => {
      try {
        const window = hasActiveFilter(filters)
          ? readFilteredWindow(
              store,
              recordingId,
              startSample,
              endSample,
              filters,
              leads,
              maxPoints,
            )
          : store.signals.readWindow(recordingId, startSample, endSample, leads, maxPoints);
        if (!window) throw notFound(recordingId);
        return window;
      } catch (err) {
        if (err instanceof InvalidLeadError) throw new BadRequestError(err.message);
        throw err;
      }
    },
    'annotations.list': ({ recordingId, startSample, endSample, source }) => {
      if (!store.recordings.has(recordingId)) throw notFound(recordingId);
      return store.annotations.list(recordingId, { startSample, endSample, source });
    },
  };
}

/** The uploaded files as one folder: name → bytes. */
function decodeUploads(input: ParsedInput<'recordings.importFiles'>): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const f of input.files) {
    if (files.has(f.name)) throw new BadRequestError(`${f.name} was uploaded twice`);
    if (!BASE64.test(f.dataBase64)) throw new BadRequestError(`${f.name}: not valid base64`);
    const buf = Buffer.from(f.dataBase64, 'base64');
    files.set(f.name, new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
  }
  return files;
}
