/**
 * `ecg-desk`: the command line (plain Node, never Electron). `bin/ecg-desk.cjs` calls `main`.
 * Contract: ../shared/CLI-CONTRACT.md. Exit 0 on success, 1 on failure, 2 on bad usage;
 * one-line errors and progress on stderr; with --json exactly one JSON document on stdout.
 */
import { version } from '../../package.json';
import { registerBuiltinCommands } from './commands';
import { processIO, type CliIO } from './io';
import { oneLine } from '../import/messages';
import {
  allCommands,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  findCommand,
  UsageError,
  type CliCommand,
} from './registry';

export { registerCommand, UsageError, type CliCommand } from './registry';
export type { CliIO } from './io';

registerBuiltinCommands();

function generalUsage(): string {
  const width = Math.max(...allCommands().map((c) => c.name.length));
  const lines = allCommands().map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: ecg-desk <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run `ecg-desk <command> --help` for a command's options.",
    '',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(generalUsage());
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(generalUsage());
    return EXIT_OK;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${version}\n`);
    return EXIT_OK;
  }
  const command = findCommand(name);
  if (!command) {
    io.err(`ecg-desk: unknown command "${name}"\n\n${generalUsage()}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`Usage: ${command.usage}\n`);
    return EXIT_OK;
  }
  return runCommand(command, rest, io);
}

async function runCommand(command: CliCommand, args: string[], io: CliIO): Promise<number> {
  try {
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`ecg-desk ${command.name}: ${oneLine(err)}\nUsage: ${command.usage}\n`);
      return EXIT_USAGE;
    }
    io.err(`ecg-desk ${command.name}: ${oneLine(err)}\n`);
    return EXIT_FAILED;
  }
}
