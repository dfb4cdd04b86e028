/**
 * The record name of a single-file recording: its file name without folder or extension
 * ("dir/ecg.dcm" → "ecg", either slash). A name without an extension, or a dot-file, stays whole.
 */
export function recordNameOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
