import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './registry';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs in strict mode, its errors turned into UsageError (exit code 2). */
export function parseCommandArgs<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    // Node's messages go on with advice about "--"; the first sentence is the problem.
    const text = err instanceof Error ? err.message : String(err);
    throw new UsageError(text.split(/\.\s|\n/)[0].replace(/^Unknown/, 'unknown'));
  }
}
