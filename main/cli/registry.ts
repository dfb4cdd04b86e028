import type { CliIO } from './io';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** One `ecg-desk <name>` command. Commands live in ./commands, one module each. */
export interface CliCommand {
  name: string;
  /** One line for `ecg-desk --help`. */
  summary: string;
  /** The command's usage, e.g. "ecg-desk import <file-or-folder>... [--db PATH] [--json]". */
  usage: string;
  /** Resolves to the exit code. Throw UsageError for bad arguments (exit 2 with usage). */
  run(args: string[], io: CliIO): Promise<number>;
}

/** Bad command-line arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const registry = new Map<string, CliCommand>();

export function registerCommand(command: CliCommand): void {
  if (registry.has(command.name)) throw new Error(`command ${command.name} registered twice`);
  registry.set(command.name, command);
}

export function findCommand(name: string): CliCommand | undefined {
  return registry.get(name);
}

export function allCommands(): CliCommand[] {
  return [...registry.values()];
}
