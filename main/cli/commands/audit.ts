import type { AuditVerifyResult } from '@common/types';
import { parseCommandArgs } from '../args';
import type { CliIO } from '../io';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliCommand } from '../registry';
import { openExistingStore } from './labels';

/**
 * `ecg-desk audit verify` (CLI-CONTRACT.md): checks the whole hash-chained audit trail and
 * prints `{ "entries": N, "ok": true, "firstBadEntry": null }`; exit 1 when not ok, with what
 * is wrong on stderr. `audit head` prints the chain head, to keep somewhere else as an
 * external anchor (see main/store/repos/audit.ts for why); `audit list` prints entries.
 */
const USAGE = [
  'ecg-desk audit verify [--db PATH] [--json]',
  '       ecg-desk audit head [--db PATH] [--json]',
  '       ecg-desk audit list [--recording ID] [--db PATH] [--json]',
  '  verify: checks that every entry is present, unchanged and in order (exit 1 when not);',
  '  head: the id and hash of the last entry; list: the entries (of one recording).',
].join('\n');

/** Exactly the contract's document, on one line and in its key order. */
export function verifyJson(r: AuditVerifyResult): string {
  return `{ "entries": ${r.entries}, "ok": ${r.ok}, "firstBadEntry": ${r.firstBadEntry ?? 'null'} }\n`;
}

async function runVerify(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const store = openExistingStore(values.db, io);
  let result: AuditVerifyResult;
  try {
    result = store.audit.verify();
  } finally {
    store.close();
  }
  if (values.json) io.out(verifyJson(result));
  else if (result.ok) io.out(`audit trail intact: ${result.entries} entries\n`);
  if (result.ok) return EXIT_OK;
  const at = result.firstBadEntry === null ? '' : ` (first bad entry: ${result.firstBadEntry})`;
  io.err(`ecg-desk audit: the audit trail is damaged: ${result.problem}${at}\n`);
  return EXIT_FAILED;
}

async function runHead(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const store = openExistingStore(values.db, io);
  try {
    const head = store.audit.head();
    if (!head) throw new Error('the audit trail has no head record: the store is damaged');
    io.out(values.json ? `${JSON.stringify(head)}\n` : `${head.lastId} ${head.lastHash}\n`);
    return EXIT_OK;
  } finally {
    store.close();
  }
}

async function runList(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    recording: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const store = openExistingStore(values.db, io);
  try {
    const entries = store.audit.list(
      values.recording === undefined ? {} : { entity: 'recording', entityId: values.recording },
    );
    if (values.json) io.out(`${JSON.stringify(entries, null, 2)}\n`);
    else {
      for (const e of entries) {
        const why = e.reason ? ` — ${e.reason}` : '';
        io.out(`${e.id}\t${e.at}\t${e.user}\t${e.action}\t${e.entity} ${e.entityId}${why}\n`);
      }
    }
    return EXIT_OK;
  } finally {
    store.close();
  }
}

const SUBCOMMANDS: Record<string, (args: string[], io: CliIO) => Promise<number>> = {
  verify: runVerify,
  head: runHead,
  list: runList,
};

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'verify the hash-chained audit trail (audit verify), show its head or entries',
  usage: USAGE,
  async run(args, io) {
    const [sub, ...rest] = args;
    const fn = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!fn) throw new UsageError(`unknown subcommand "${sub ?? ''}" (verify, head or list)`);
    return fn(rest, io);
  },
};
