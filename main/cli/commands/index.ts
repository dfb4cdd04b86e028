import { registerCommand } from '../registry';
import { benchCommand } from './bench';
import { importCommand } from './import';
import { webCommand } from './web';

/** The built-in commands, in the order `ecg-desk --help` lists them. Add new ones here. */
export function registerBuiltinCommands(): void {
  registerCommand(importCommand);
  registerCommand(webCommand);
  registerCommand(benchCommand);
}
