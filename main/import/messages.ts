import { FormatError } from '../formats/errors';

/** An error's message on one line (the CLI prints one line per problem). */
export function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s*[\r\n]+\s*/g, '; ').trim() || 'unknown error';
}

/**
 * The message for a recording that failed: names the file at fault as the user would find it
 * (in the folder of the entry's `source`), then the problem.
 */
export function failureMessage(source: string, err: unknown): string {
  if (err instanceof FormatError && err.file) {
    const folder = source.includes('/') ? source.slice(0, source.lastIndexOf('/') + 1) : '';
    const where = `${folder}${err.file}${err.line !== null ? ` line ${err.line}` : ''}`;
    return `${where}: ${oneLine(new Error(err.problem))}`;
  }
  return `${source}: ${oneLine(err)}`;
}
