/**
 * Typed views of element values. Numbers are read by the element's length rather than its
 * VR, so implicit-VR files need no dictionary for them.
 */
import { latin1, type DicomDataSet, type DicomElement, type Part10File } from './data-set';
import { DicomError } from './errors';
import { tagName } from './tags';

/** What value accessors need: the file's bytes and a name for error messages. */
export interface ValueContext {
  file: Part10File;
  fileName: string;
}

/** A string value without DICOM's trailing space / NUL padding; '' when absent. */
export function text(ctx: ValueContext, set: DicomDataSet, t: number): string {
  const el = set.get(t);
  if (!el || el.items) return '';
  return latin1(ctx.file.bytes, el.offset, el.length)
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '');
}

/** The first value of a multi-valued string ("1\\2" → "1"). */
export function firstText(ctx: ValueContext, set: DicomDataSet, t: number): string {
  return text(ctx, set, t).split('\\')[0].trim();
}

/**
 * A DS (decimal string) value, or `fallback` when absent or empty. A value that is not a
 * number is an error: guessing would silently mis-scale a lead.
 */
export function decimal(
  ctx: ValueContext,
  set: DicomDataSet,
  t: number,
  fallback: number,
  what: string,
): number {
  const raw = firstText(ctx, set, t);
  if (raw === '') return fallback;
  const value = Number(raw);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw) || !Number.isFinite(value)) {
    throw new DicomError(ctx.fileName, `${what} ${tagName(t)} '${raw}' is not a number`);
  }
  return value;
}

/** An unsigned integer (US or UL, by length), or null when absent or of another length. */
export function unsigned(ctx: ValueContext, set: DicomDataSet, t: number): number | null {
  const el: DicomElement | undefined = set.get(t);
  if (!el || el.items) return null;
  if (el.length === 2) return ctx.file.view.getUint16(el.offset, true);
  if (el.length === 4) return ctx.file.view.getUint32(el.offset, true);
  return null;
}

/** Items of a kept sequence; [] when absent. */
export function items(set: DicomDataSet, t: number): DicomDataSet[] {
  return set.get(t)?.items ?? [];
}
