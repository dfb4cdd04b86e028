/** What a command may touch of its process; tests pass a fake. */
export interface CliIO {
  /** Writes to stdout (no newline added). */
  out(text: string): void;
  /** Writes to stderr (no newline added). */
  err(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Progress may redraw one line when stderr is a terminal. */
  stderrIsTTY: boolean;
}

export function processIO(): CliIO {
  return {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stderrIsTTY: process.stderr.isTTY === true,
  };
}
