/**
 * EC57 QRS-detector evaluation on a folder of WFDB records:
 *   npx -y tsx scripts/eval-qrs.ts <folder> [--json] [--out FILE] [--lead NAME] [--single-lead] [--details]
 * Same code as `ecg-desk eval qrs` (main/cli/commands/eval-qrs.ts).
 */
import { processIO } from '../main/cli/io';
import { UsageError } from '../main/cli/registry';
import { evalQrsCommand } from '../main/cli/commands/eval-qrs';

async function main(): Promise<number> {
  const io = processIO();
  try {
    return await evalQrsCommand.run(process.argv.slice(2), io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`eval-qrs: ${err.message}\nUsage: ${evalQrsCommand.usage}\n`);
      return 2;
    }
    throw err;
  }
}

main().then((code) => process.exit(code));
