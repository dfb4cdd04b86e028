/**
 * Annotation files beside a record. WFDB has no index of them, so we try the usual annotator
 * names (plus any listed in an ANNOTATORS file in the record's folder, as PhysioNet databases
 * ship) and read the ones that exist.
 */
import type { ParsedAnnotation } from '../types';
import type { ReadContext } from './context';
import { pathOf, readOptional } from './context';
import { parseAnnotations } from './annotations';

/**
 * Common WFDB annotator names: reference (atr), MIT-BIH alternates (at_, at-), QRS detectors
 * (qrs, gqrsh, gqrsl, sqrs, wqrs), blood-pressure detectors (wabp), LUDB's per-lead files
 * (i … v6), and others seen in PhysioNet databases and the wfdb-python samples.
 */
export const COMMON_ANNOTATORS: readonly string[] = [
  'atr',
  'ann',
  'qrs',
  'qrsc',
  'ecg',
  'pu',
  'pu0',
  'pu1',
  'ari',
  'at_',
  'at-',
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
  'gqrsh',
  'gqrsl',
  'sqrs',
  'wqrs',
  'wabp',
  'anI',
  'apn',
  'st',
  'stb',
  'man',
];

const ANNOTATOR_NAME = /^[A-Za-z0-9_~-]{1,16}$/;

/** Annotator names listed in the folder's ANNOTATORS file ("name<TAB>description" lines). */
function annotatorsFromIndex(ctx: ReadContext): string[] {
  const bytes = readOptional(ctx, 'ANNOTATORS');
  if (bytes === null || bytes.length > 65536) return [];
  return new TextDecoder('latin1')
    .decode(bytes)
    .split(/\r?\n/)
    .map((line) => line.split(/\s+/)[0])
    .filter((name) => ANNOTATOR_NAME.test(name));
}

/**
 * Reads every companion annotation file of `recordStem`, keyed by extension, with times
 * converted to samples of the output rate. `frameRate` is the header's frame rate and
 * `outSpf` how many output samples each frame became (see record.ts).
 */
export function readCompanionAnnotations(
  ctx: ReadContext,
  recordStem: string,
  frameRate: number,
  outSpf: number,
  /** The record's own signal files: never annotations, whatever their extension (e.g. .ecg). */
  signalFiles: ReadonlySet<string>,
): Record<string, ParsedAnnotation[]> {
  const result: Record<string, ParsedAnnotation[]> = {};
  const names = new Set([...COMMON_ANNOTATORS, ...annotatorsFromIndex(ctx)]);
  for (const ext of names) {
    const fileName = `${recordStem}.${ext}`;
    if (ext === 'hea' || ext === 'dat' || signalFiles.has(fileName)) continue;
    // Not through the cache: most candidates are absent and none is read twice.
    const bytes = ctx.source.read(pathOf(ctx, fileName));
    if (bytes === null) continue;
    const parsed = parseAnnotations(bytes, pathOf(ctx, fileName));
    // Without a declared resolution, times count frames; each frame is outSpf output samples.
    const factor =
      parsed.timeResolution === null ? outSpf : (frameRate * outSpf) / parsed.timeResolution;
    result[ext] = factor === 1 ? parsed.annotations : scaleTimes(parsed.annotations, factor);
  }
  return result;
}

function scaleTimes(annotations: ParsedAnnotation[], factor: number): ParsedAnnotation[] {
  for (const a of annotations) a.sample = Math.round(a.sample * factor);
  return annotations;
}
