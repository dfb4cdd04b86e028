/**
 * The one API contract between the renderer and the main process.
 *
 * Each method has an input schema (validated in main before any handler runs, whether the
 * call came over Electron IPC or over the web host's HTTP) and a result type. The preload
 * bridge and the renderer's client are typed from this table, so a renamed field breaks the
 * build instead of a user's session.
 */
import { z } from 'zod';
import type {
  AnalysisSummary,
  AnnotationRow,
  AppInfo,
  AuditEntryRow,
  AuditVerifyResult,
  AuthStatus,
  BeatCounts,
  BeatProbeView,
  BeatRow,
  FindingsProbeView,
  BulkPreview,
  ImportReport,
  JobStatus,
  LabelChange,
  ModelsOverview,
  PatientRow,
  ProbeRunSummary,
  RecordingDetail,
  RecordingSummary,
  ReferenceSeedResult,
  ReviewState,
  SessionInfo,
  SignalWindow,
  UserInfo,
} from './types';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'not an id');
const sampleIndex = z
  .number()
  .int()
  .min(0)
  .max(2 ** 40);
/** A bare file name from an upload: no folders, no control characters. */
const uploadName = z
  .string()
  .min(1)
  .max(255)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  .regex(/^[^/\\\0-\x1f]+$/, 'file names may not contain folders or control characters');

/**
 * The annotator workflow: accounts and sessions, beat labels, review and sign-off, the audit
 * trail. Calls that change data take the caller's `sessionToken` (from auth.login): the
 * acting user comes from it. Without one they are refused once any account exists; before
 * that (first run) the app acts as the machine's local operator. Password rules are checked
 * in the service, which gives clearer messages than a schema.
 */
const sessionToken = z
  .string()
  .min(20)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a session token');
const beatLabel = z.enum(['N', 'S', 'V', 'F', 'Q']);
const userRole = z.enum(['admin', 'cardiologist', 'annotator']);
const username = z.string().min(1).max(64);
const displayName = z.string().min(1).max(100);
const password = z.string().min(1).max(256);
const reason = z.string().max(1000).optional();
const session = { sessionToken: sessionToken.optional() };

const annotatorSchemas = {
  'auth.status': z.object(session).strict(),
  'auth.createFirstAdmin': z.object({ username, displayName, password }).strict(),
  'auth.login': z.object({ username, password }).strict(),
  'auth.logout': z.object({ sessionToken }).strict(),
  'users.list': z.object({ sessionToken }).strict(),
  'users.create': z
    .object({ sessionToken, username, displayName, role: userRole, password })
    .strict(),
  /** Admins change anything; people change their own displayName/password with currentPassword. */
  'users.update': z
    .object({
      sessionToken,
      userId: id,
      displayName: displayName.optional(),
      role: userRole.optional(),
      password: password.optional(),
      /** true re-enables a disabled account. */
      enabled: z.literal(true).optional(),
      currentPassword: password.optional(),
    })
    .strict(),
  'users.disable': z.object({ sessionToken, userId: id, reason }).strict(),
  'beats.list': z
    .object({
      recordingId: id,
      startSample: sampleIndex.optional(),
      /** Exclusive. */
      endSample: sampleIndex.optional(),
      label: beatLabel.optional(),
    })
    .strict(),
  'beats.counts': z.object({ recordingId: id }).strict(),
  /** The next (or previous) beat after `fromSample` matching all the filters given. */
  'beats.find': z
    .object({
      recordingId: id,
      fromSample: sampleIndex,
      direction: z.enum(['next', 'previous']),
      label: beatLabel.optional(),
      /** Beats whose model confidence is below this. */
      maxConfidence: z.number().min(0).max(1).optional(),
      fragile: z.boolean().optional(),
      /** Skip beats a person has labelled. */
      unconfirmedOnly: z.boolean().optional(),
    })
    .strict(),
  'labels.set': z
    .object({ recordingId: id, sample: sampleIndex, label: beatLabel, reason, ...session })
    .strict(),
  'labels.delete': z.object({ recordingId: id, sample: sampleIndex, reason, ...session }).strict(),
  'labels.move': z
    .object({
      recordingId: id,
      fromSample: sampleIndex,
      toSample: sampleIndex,
      reason,
      ...session,
    })
    .strict(),
  /** The beats similar to the one at `sample` that would get `label` (nothing is written). */
  'labels.bulkPreview': z
    .object({
      recordingId: id,
      sample: sampleIndex,
      label: beatLabel,
      /** Minimum correlation (default 0.9). */
      threshold: z.number().min(-1).max(1).optional(),
      /** Lead index (default 0). */
      lead: z.number().int().min(0).max(255).optional(),
      /** Window centred on each beat (default 200 ms). */
      windowMs: z.number().min(20).max(1000).optional(),
      onlyLabel: beatLabel.optional(),
    })
    .strict(),
  /** Relabels the given beats (usually a preview's candidates) as one audited change. */
  'labels.bulkApply': z
    .object({
      recordingId: id,
      samples: z.array(sampleIndex).min(1).max(200_000),
      label: beatLabel,
      reason,
      /** How the beats were chosen, kept in the audit entry. */
      basis: z
        .object({
          referenceSample: sampleIndex,
          threshold: z.number().min(-1).max(1),
          lead: z.number().int().min(0).max(255).optional(),
          windowMs: z.number().min(20).max(1000).optional(),
        })
        .strict()
        .optional(),
      ...session,
    })
    .strict(),
  /** Adds the recording's reference annotations (default "atr") as beats where it has none. */
  'labels.seedReference': z
    .object({ recordingId: id, source: z.string().min(1).max(32).optional(), ...session })
    .strict(),
  'review.get': z.object({ recordingId: id }).strict(),
  'review.start': z.object({ recordingId: id, ...session }).strict(),
  /** Electronic signature: the signer re-enters their password. */
  'review.sign': z
    .object({
      recordingId: id,
      sessionToken,
      password,
      /** Default "Reviewed and approved". */
      meaning: z.string().min(1).max(200).optional(),
    })
    .strict(),
  'review.reopen': z
    .object({ recordingId: id, sessionToken, reason: z.string().min(1).max(1000) })
    .strict(),
  /** The audit entries of one recording (imports, label edits, reviews), oldest first. */
  'audit.list': z.object({ recordingId: id }).strict(),
  'audit.verify': z.object({}).strict(),
} as const;

interface AnnotatorResults {
  'auth.status': AuthStatus;
  'auth.createFirstAdmin': SessionInfo;
  'auth.login': SessionInfo;
  'auth.logout': { ok: true };
  'users.list': UserInfo[];
  'users.create': UserInfo;
  'users.update': UserInfo;
  'users.disable': UserInfo;
  'beats.list': BeatRow[];
  'beats.counts': BeatCounts;
  'beats.find': BeatRow | null;
  'labels.set': LabelChange;
  'labels.delete': LabelChange;
  'labels.move': LabelChange;
  'labels.bulkPreview': BulkPreview;
  'labels.bulkApply': LabelChange;
  'labels.seedReference': ReferenceSeedResult;
  'review.get': ReviewState;
  'review.start': ReviewState;
  'review.sign': ReviewState;
  'review.reopen': ReviewState;
  'audit.list': AuditEntryRow[];
  'audit.verify': AuditVerifyResult;
}

export type AnnotatorMethod = keyof typeof annotatorSchemas;

/**
 * Automatic analysis (beat detection and classification, measurements, rhythm) and the
 * background jobs that run it: started after every import, or on request; cancellable.
 */
const modelChoice = z.enum(['full', 'pruned', 'auto', 'none']);
const analysisSchemas = {
  'analysis.start': z
    .object({
      recordingId: id,
      model: modelChoice.optional(),
      /** Lead for beat positions and classes (e.g. "II", "V1"); II/MLII, else the first, when absent. */
      lead: z.string().min(1).max(32).optional(),
    })
    .strict(),
  'analysis.get': z.object({ recordingId: id }).strict(),
  'jobs.get': z.object({ jobId: z.string().uuid() }).strict(),
  'jobs.list': z
    .object({ recordingId: id.optional(), activeOnly: z.boolean().optional() })
    .strict(),
  'jobs.cancel': z.object({ jobId: z.string().uuid() }).strict(),
};

interface AnalysisResults {
  'analysis.start': JobStatus;
  'analysis.get': AnalysisSummary | null;
  'jobs.get': JobStatus;
  'jobs.list': JobStatus[];
  'jobs.cancel': JobStatus;
}

/**
 * The adversarial-sensitivity probe (PGD or SPSA in the L∞ ball, PGD-NSR in the L2 ball): a
 * whole recording as a background job (kind "probe", results stored with the model version),
 * or one beat on demand.
 */
const probeMethod = z.enum(['pgd', 'spsa', 'pgd-nsr']);
const probeSchemas = {
  'probe.start': z.object({ recordingId: id, method: probeMethod.optional() }).strict(),
  'probe.get': z.object({ recordingId: id }).strict(),
  'probe.beat': z
    .object({
      recordingId: id,
      sample: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31),
      method: probeMethod.optional(),
    })
    .strict(),
  /** The record-level findings of the latest analysis, probed with PGD (12-lead recordings). */
  'probe.findings': z.object({ recordingId: id }).strict(),
};

interface ProbeResults {
  'probe.start': JobStatus;
  'probe.get': ProbeRunSummary | null;
  'probe.beat': BeatProbeView;
  'probe.findings': FindingsProbeView;
}

/**
 * Beat model versions: the shipped model and site fine-tunes on signed recordings, with their
 * data and metrics; fine-tuning runs as a background job ("finetune"); activation switches
 * the model later analyses use (cardiologist or admin; audited).
 */
const modelSchemas = {
  'models.list': z.object({}).strict(),
  'models.finetune': z.object(session).strict(),
  'models.activate': z.object({ version: z.string().min(1).max(128), ...session }).strict(),
  /** Full / Pruned / Auto for later analyses (cardiologist or admin; audited). */
  'models.setAnalysisModel': z
    .object({ setting: z.enum(['full', 'pruned', 'auto']), ...session })
    .strict(),
};

interface ModelResults {
  'models.list': ModelsOverview;
  'models.finetune': JobStatus;
  'models.activate': ModelsOverview;
  'models.setAnalysisModel': ModelsOverview;
}

export const schemas = {
  'app.info': z.object({}).strict(),
  'patients.list': z.object({ search: z.string().max(200).optional() }).strict(),
  'recordings.list': z
    .object({ search: z.string().max(200).optional(), patientId: id.optional() })
    .strict(),
  'recordings.get': z.object({ recordingId: id }).strict(),
  /** Import files the main process can read (Electron's open dialog, drag and drop, CLI). */
  'recordings.importPaths': z
    .object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000) })
    .strict(),
  /** Import uploaded bytes (the browser mode has no file paths). */
  'recordings.importFiles': z
    .object({
      files: z
        .array(
          z
            .object({
              name: uploadName,
              /** Base64 of the file's bytes; 512 MiB at most per file. */
              dataBase64: z.string().max(Math.ceil((512 * 2 ** 20 * 4) / 3) + 4),
            })
            .strict(),
        )
        .min(1)
        .max(1000),
    })
    .strict(),
  'signals.window': z
    .object({
      recordingId: id,
      startSample: sampleIndex,
      endSample: sampleIndex,
      /** Lead indices; all leads when absent. */
      leads: z.array(z.number().int().min(0).max(255)).max(256).optional(),
      /** Reduce to at most this many min/max columns; raw samples when absent. */
      maxPoints: z.number().int().min(16).max(100_000).optional(),
      /**
       * Display filters, all zero-phase (waves keep their place); the stored signal stays
       * raw. Baseline wander: 0.5 Hz high-pass. Powerline: notch at 50 or 60 Hz. Low-pass:
       * 40, 100 or 150 Hz.
       */
      filters: z
        .object({
          baselineWander: z.boolean().optional(),
          powerlineHz: z.union([z.literal(50), z.literal(60)]).optional(),
          lowpassHz: z.union([z.literal(40), z.literal(100), z.literal(150)]).optional(),
        })
        .strict()
        .optional(),
    })
    .strict()
    .refine((v) => v.endSample > v.startSample, 'endSample must be after startSample'),
  'annotations.list': z
    .object({
      recordingId: id,
      startSample: sampleIndex.optional(),
      endSample: sampleIndex.optional(),
      source: z.string().max(32).optional(),
    })
    .strict(),
  ...annotatorSchemas,
  ...analysisSchemas,
  ...modelSchemas,
  ...probeSchemas,
} as const;

export interface Results extends AnnotatorResults, AnalysisResults, ModelResults, ProbeResults {
  'app.info': AppInfo;
  'patients.list': PatientRow[];
  'recordings.list': RecordingSummary[];
  'recordings.get': RecordingDetail;
  'recordings.importPaths': ImportReport;
  'recordings.importFiles': ImportReport;
  'signals.window': SignalWindow;
  'annotations.list': AnnotationRow[];
}

export type Method = keyof typeof schemas;
export type Input<M extends Method> = z.input<(typeof schemas)[M]>;
export type ParsedInput<M extends Method> = z.output<(typeof schemas)[M]>;
export type Result<M extends Method> = Results[M];

export const methods = Object.keys(schemas) as Method[];

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(schemas, name);
}

/** Errors that reach the renderer carry a stable code and a human message, never a stack. */
export interface ApiErrorBody {
  code: 'bad-request' | 'not-found' | 'forbidden' | 'unsupported' | 'internal';
  message: string;
}

// The preload bridge's shape lives with the IPC names (dependency-free for the sandbox).
export type { DeskBridge } from './ipc';
