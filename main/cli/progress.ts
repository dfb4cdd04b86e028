import type { ImportProgress } from '../import/types';
import type { CliIO } from './io';

/**
 * Import progress on stderr: one redrawn line on a terminal, one line per recording otherwise.
 * `finish` ends a redrawn line so that what follows starts on a fresh one.
 */
export function importProgressPrinter(io: CliIO, prefix: string) {
  let pending = false;
  return {
    report(p: ImportProgress): void {
      if (p.phase === 'found') {
        io.err(`${prefix}: ${p.total} recording${p.total === 1 ? '' : 's'} found\n`);
        return;
      }
      const line = `[${p.done}/${p.total}] ${p.outcome} ${p.source}`;
      if (io.stderrIsTTY) {
        io.err(`\r\x1b[2K${line}`);
        pending = true;
      } else {
        io.err(`${line}\n`);
      }
    },
    finish(): void {
      if (pending) io.err('\n');
      pending = false;
    },
  };
}
