import type { CliIO } from '../../main/cli/io';

/** A CliIO that collects what a command prints, for in-process CLI tests. */
export function fakeIO(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
    cwd: process.cwd(),
    env: {},
    stderrIsTTY: false,
  };
  return io;
}
