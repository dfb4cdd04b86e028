import { auditEntryHash, GENESIS_HASH, type AuditChainRow } from '../repos/audit';
import type { Migration } from './types';

/**
 * Hash-chains the audit trail (see main/store/repos/audit.ts). The table is rebuilt so that
 * prev_hash and hash can be NOT NULL; the entries already there are hashed in id order,
 * keeping their ids. `audit_head` remembers the last entry (so a truncated tail is seen), and
 * triggers refuse UPDATE and DELETE and any INSERT that does not extend the chain.
 */
export const migration003: Migration = {
  version: 3,
  name: 'audit_chain',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log_chained (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        at        TEXT NOT NULL,
        user      TEXT NOT NULL,
        action    TEXT NOT NULL,
        entity    TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        old_value TEXT CHECK (old_value IS NULL OR json_valid(old_value)),
        new_value TEXT CHECK (new_value IS NULL OR json_valid(new_value)),
        reason    TEXT,
        prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash      TEXT NOT NULL CHECK (length(hash) = 64)
      ) STRICT;
    `);
    const insert = db.prepare(
      `INSERT INTO audit_log_chained
         (id, at, user, action, entity, entity_id, old_value, new_value, reason, prev_hash, hash)
       VALUES (:id, :at, :user, :action, :entity, :entity_id, :old_value, :new_value, :reason,
               :prev_hash, :hash)`,
    );
    let prev = GENESIS_HASH;
    let lastId = 0;
    const old = db.prepare<[], Omit<AuditChainRow, 'prev_hash'>>(
      `SELECT id, at, user, action, entity, entity_id, old_value, new_value, reason
       FROM audit_log ORDER BY id`,
    );
    for (const r of old.all()) {
      const row: AuditChainRow = { ...r, prev_hash: prev };
      prev = auditEntryHash(row);
      insert.run({ ...row, hash: prev });
      lastId = r.id;
    }
    // Keep AUTOINCREMENT's high-water mark: an id once used is never handed out again.
    const seq = db
      .prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'")
      .get();
    db.exec(`
      DROP TABLE audit_log;
      ALTER TABLE audit_log_chained RENAME TO audit_log;
      CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

      CREATE TABLE audit_head (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        last_id   INTEGER NOT NULL CHECK (last_id >= 0),
        last_hash TEXT NOT NULL CHECK (length(last_hash) = 64)
      ) STRICT;
    `);
    if (seq && seq.seq > lastId) {
      db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'").run(seq.seq);
    }
    db.prepare('INSERT INTO audit_head (singleton, last_id, last_hash) VALUES (1, ?, ?)').run(
      lastId,
      prev,
    );
    db.exec(`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: entries cannot be changed'); END;

      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: entries cannot be deleted'); END;

      CREATE TRIGGER audit_log_extends_chain BEFORE INSERT ON audit_log
      WHEN NEW.id IS NOT (SELECT last_id + 1 FROM audit_head WHERE singleton = 1)
        OR NEW.prev_hash IS NOT (SELECT last_hash FROM audit_head WHERE singleton = 1)
      BEGIN SELECT RAISE(ABORT, 'an audit entry must extend the chain at its head'); END;

      CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
      BEGIN SELECT RAISE(ABORT, 'the audit chain head cannot be deleted'); END;

      CREATE TRIGGER audit_head_follows_log BEFORE UPDATE ON audit_head
      WHEN NEW.last_id IS NOT (SELECT max(id) FROM audit_log)
        OR NEW.last_hash IS NOT (SELECT hash FROM audit_log WHERE id = NEW.last_id)
      BEGIN SELECT RAISE(ABORT, 'the audit chain head must point at the last entry'); END;
    `);
  },
};
