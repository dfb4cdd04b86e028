import { registerCommand } from '../registry';
import { analyzeCommand } from './analyze';
import { auditCommand } from './audit';
import { benchCommand } from './bench';
import { evalCommand } from './eval';
import { exportCommand } from './export';
import { importCommand } from './import';
import { labelsCommand } from './labels';
import { webCommand } from './web';

/** The built-in commands, in the order `ecg-desk --help` lists them. Add new ones here. */
export function registerBuiltinCommands(): void {
  registerCommand(importCommand);
  registerCommand(analyzeCommand);
  registerCommand(labelsCommand);
  registerCommand(exportCommand);
  registerCommand(auditCommand);
  registerCommand(evalCommand);
  registerCommand(webCommand);
  registerCommand(benchCommand);
}
