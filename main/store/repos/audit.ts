import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AuditVerifyResult } from '@common/types';
import { nowIso } from '../sql-util';
import type { AuditEntry, AuditEntryInput } from '../types';

/**
 * The audit trail is a hash chain (migration 003): every entry stores the hash of the one
 * before it (`prev_hash`, GENESIS_HASH for the first) and its own `hash`, a SHA-256 over a
 * canonical serialisation of all its fields. `audit_head` keeps the id and hash of the last
 * entry, so that deleting entries from the end is seen too. Triggers refuse UPDATE and DELETE,
 * but `verify` re-checks everything from the data alone: someone who edits the file directly
 * can drop triggers.
 *
 * Limitation: the head lives in the same file. Someone who truncates the log AND rewinds the
 * head consistently (or rewrites the whole chain from some entry on and recomputes every hash)
 * is not detectable without an anchor outside the file, e.g. the head hash written down or
 * exported elsewhere now and then (`ecg-desk audit head`).
 */
export const GENESIS_HASH = '0'.repeat(64);

/** The stored form of one entry: JSON values are kept as the exact text that is hashed. */
export interface AuditChainRow {
  id: number;
  at: string;
  user: string;
  action: string;
  entity: string;
  entity_id: string;
  old_value: string | null;
  new_value: string | null;
  reason: string | null;
  prev_hash: string;
}

interface AuditDbRow extends AuditChainRow {
  hash: string;
}

/**
 * SHA-256 (hex) of the JSON array [id, at, user, action, entity, entity_id, old_value,
 * new_value, reason, prev_hash]: JSON.stringify of strings, integers and null is unambiguous
 * and stable, and the array fixes the order.
 */
export function auditEntryHash(r: AuditChainRow): string {
  const canonical = JSON.stringify([
    r.id,
    r.at,
    r.user,
    r.action,
    r.entity,
    r.entity_id,
    r.old_value,
    r.new_value,
    r.reason,
    r.prev_hash,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Lone UTF-16 surrogates become U+FFFD, as SQLite's UTF-8 storage would make them: the hash
 * must be computed over exactly the text that reads back.
 */
function storable(text: string): string {
  return text.replace(
    /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}

function json(value: unknown): string | null {
  // JSON.stringify escapes lone surrogates itself, so its output is always storable.
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function toEntry(r: AuditDbRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    user: r.user,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    oldValue: r.old_value === null ? null : (JSON.parse(r.old_value) as unknown),
    newValue: r.new_value === null ? null : (JSON.parse(r.new_value) as unknown),
    reason: r.reason,
  };
}

const COLUMNS =
  'id, at, user, action, entity, entity_id, old_value, new_value, reason, prev_hash, hash';

/** The append-only audit log. Callers append inside the transaction of the change they log. */
export class AuditRepo {
  private readonly insertStmt: Database.Statement<AuditDbRow>;
  private chainStmts: {
    head: Database.Statement<[], { last_id: number; last_hash: string }>;
    advance: Database.Statement<[number, string]>;
  } | null = null;
  private readonly listStmt: Database.Statement<
    { entity: string | null; entityId: string | null },
    AuditDbRow
  >;

  constructor(private readonly db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (${COLUMNS})
       VALUES (:id, :at, :user, :action, :entity, :entity_id, :old_value, :new_value, :reason,
               :prev_hash, :hash)`,
    );
    this.listStmt = db.prepare(
      `SELECT ${COLUMNS} FROM audit_log
       WHERE (:entity IS NULL OR entity = :entity) AND (:entityId IS NULL OR entity_id = :entityId)
       ORDER BY id`,
    );
  }

  /**
   * The head's statements, prepared on first use: a store whose audit_head table was dropped
   * must still open, so that `verify` can report the damage.
   */
  private chain() {
    this.chainStmts ??= {
      head: this.db.prepare('SELECT last_id, last_hash FROM audit_head WHERE singleton = 1'),
      advance: this.db.prepare(
        'UPDATE audit_head SET last_id = ?, last_hash = ? WHERE singleton = 1',
      ),
    };
    return this.chainStmts;
  }

  /**
   * Appends one entry, chained to the head, and advances the head; returns its id. Runs in
   * the caller's transaction when there is one (as a savepoint), else in its own IMMEDIATE
   * one, so that two connections never chain onto the same head.
   */
  append(e: AuditEntryInput): number {
    return this.db
      .transaction((): number => {
        const head = this.chain().head.get();
        if (!head) throw new Error('the audit trail has no head record: the store is damaged');
        const row: AuditChainRow = {
          id: head.last_id + 1,
          at: storable(e.at ?? nowIso()),
          user: storable(e.user),
          action: storable(e.action),
          entity: storable(e.entity),
          entity_id: storable(e.entityId),
          old_value: json(e.oldValue),
          new_value: json(e.newValue),
          reason: e.reason === undefined || e.reason === null ? null : storable(e.reason),
          prev_hash: head.last_hash,
        };
        const hash = auditEntryHash(row);
        this.insertStmt.run({ ...row, hash });
        this.chain().advance.run(row.id, hash);
        return row.id;
      })
      .immediate();
  }

  list(filter: { entity?: string; entityId?: string } = {}): AuditEntry[] {
    return this.listStmt
      .all({ entity: filter.entity ?? null, entityId: filter.entityId ?? null })
      .map(toEntry);
  }

  /** The chain head: id and hash of the last entry (0 and GENESIS_HASH when empty). */
  head(): { lastId: number; lastHash: string } | null {
    const h = this.chain().head.get();
    return h ? { lastId: h.last_id, lastHash: h.last_hash } : null;
  }

  /** Checks the whole trail from the data alone (see the file comment). */
  verify(): AuditVerifyResult {
    return this.db.transaction(() => verifyChain(this.db))();
  }
}

/**
 * Walks the log in id order: ids must run 1, 2, 3… without gaps, each entry must link to the
 * previous entry's hash and hash to its stored hash, and the last entry must be the head.
 * Statements are prepared here, not up front, so that a store whose head table was dropped
 * is reported as damaged rather than failing to open.
 */
export function verifyChain(db: Database.Database): AuditVerifyResult {
  let entries = 0;
  let expectedId = 1;
  let prev = GENESIS_HASH;
  let bad: { id: number | null; problem: string } | null = null;
  const rows = db.prepare<[], AuditDbRow>(`SELECT ${COLUMNS} FROM audit_log ORDER BY id`);
  for (const r of rows.iterate()) {
    entries++;
    if (bad) continue;
    if (r.id !== expectedId) {
      bad = { id: expectedId, problem: `entry ${expectedId} is missing (next present: ${r.id})` };
    } else if (r.prev_hash !== prev) {
      bad = { id: r.id, problem: `entry ${r.id} does not link to the entry before it` };
    } else if (auditEntryHash(r) !== r.hash) {
      bad = { id: r.id, problem: `entry ${r.id} was modified (its hash does not match)` };
    }
    prev = r.hash;
    expectedId = r.id + 1;
  }
  const lastId = expectedId - 1;
  if (!bad) bad = checkHead(db, lastId, prev);
  return {
    entries,
    ok: bad === null,
    firstBadEntry: bad?.id ?? null,
    problem: bad?.problem ?? null,
  };
}

function checkHead(
  db: Database.Database,
  lastId: number,
  lastHash: string,
): { id: number | null; problem: string } | null {
  let head: { last_id: number; last_hash: string } | undefined;
  try {
    head = db
      .prepare<[], { last_id: number; last_hash: string }>(
        'SELECT last_id, last_hash FROM audit_head WHERE singleton = 1',
      )
      .get();
  } catch {
    head = undefined;
  }
  if (!head) return { id: null, problem: 'the chain head record is missing' };
  if (head.last_id > lastId) {
    return {
      id: lastId + 1,
      problem: `entries ${lastId + 1}…${head.last_id} are missing from the end of the trail`,
    };
  }
  if (head.last_id < lastId) {
    return {
      id: head.last_id + 1,
      problem: `entries after ${head.last_id} are not anchored by the head`,
    };
  }
  if (head.last_hash !== lastHash) {
    return {
      id: lastId === 0 ? null : lastId,
      problem: 'the chain head does not match the last entry',
    };
  }
  return null;
}
