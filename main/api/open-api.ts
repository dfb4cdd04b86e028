/**
 * The composition root shared by both hosts (Electron main and the web host): open the store,
 * build the handlers with imports running on a worker thread, and close it all on exit.
 */
import type { AppInfo } from '@common/types';
import { workerImportRunner } from '../import';
import { openStore } from '../store';
import type { Handlers } from './dispatch';
import { createHandlers } from './handlers';

export interface OpenApi {
  handlers: Handlers;
  storePath: string;
  close(): void;
}

export function openApi(storePath: string, host: AppInfo['host']): OpenApi {
  const store = openStore(storePath);
  const handlers = createHandlers({
    store,
    storePath,
    host,
    importRunner: workerImportRunner(storePath),
  });
  return { handlers, storePath, close: () => store.close() };
}
