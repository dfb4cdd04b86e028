import { join } from 'node:path';
import { openApi } from '../../api/open-api';
import { resolveStorePath } from '../../store';
import { startWebHost } from '../../web/host';
import { parseCommandArgs } from '../args';
import { findProjectRoot } from '../../config/project-root';
import { UsageError, type CliCommand } from '../registry';

/**
 * `ecg-desk web`: the browser mode. Serves the built renderer and the real handlers on
 * 127.0.0.1 until interrupted. Prints the launch URL (with its per-launch token) on stdout,
 * or with --json one line `{"url","launchUrl","port","storePath"}` for scripts and tests.
 */
export const webCommand: CliCommand = {
  name: 'web',
  summary: 'run the app in a browser (serves 127.0.0.1 with a per-launch token)',
  usage: 'ecg-desk web [--db PATH] [--port N] [--json]',
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      db: { type: 'string' },
      port: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const port = values.port === undefined ? 5199 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
    }
    const storePath = resolveStorePath(values.db, io.env, io.cwd);
    const api = openApi(storePath, 'web');
    const host = await startWebHost({
      handlers: api.handlers,
      rendererDir: join(findProjectRoot() ?? join(__dirname, '..', '..'), 'out', 'renderer'),
      port,
    }).catch((err: unknown) => {
      api.close();
      throw err;
    });
    if (values.json) {
      io.out(
        `${JSON.stringify({ url: host.url, launchUrl: host.launchUrl, port: host.port, storePath })}\n`,
      );
    } else {
      io.out(
        `ECG Desk is running at ${host.launchUrl}\nStore: ${storePath}\nPress Ctrl+C to stop.\n`,
      );
    }
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await host.close();
    api.close();
    return 0;
  },
};
