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
  AnnotationRow,
  AppInfo,
  ImportReport,
  PatientRow,
  RecordingDetail,
  RecordingSummary,
  SignalWindow,
} from './types';

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not an id');
const sampleIndex = z.number().int().min(0).max(2 ** 40);
/** A bare file name from an upload: no folders, no control characters. */
const uploadName = z
  .string()
  .min(1)
  .max(255)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  .regex(/^[^/\\\0-\x1f]+$/, 'file names may not contain folders or control characters');

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
} as const;

export interface Results {
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
