import type Database from 'better-sqlite3';
import { nowIso } from '../sql-util';
import type { AuditEntry, AuditEntryInput } from '../types';

interface AuditDbRow {
  id: number;
  at: string;
  user: string;
  action: string;
  entity: string;
  entity_id: string;
  old_value: string | null;
  new_value: string | null;
  reason: string | null;
}

function json(value: unknown): string | null {
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

/** The append-only audit log. Callers append inside the transaction of the change they log. */
export class AuditRepo {
  private readonly insertStmt: Database.Statement<
    [string, string, string, string, string, string | null, string | null, string | null]
  >;
  private readonly listStmt: Database.Statement<
    { entity: string | null; entityId: string | null },
    AuditDbRow
  >;

  constructor(db: Database.Database) {
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (at, user, action, entity, entity_id, old_value, new_value, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.listStmt = db.prepare(
      `SELECT id, at, user, action, entity, entity_id, old_value, new_value, reason
       FROM audit_log
       WHERE (:entity IS NULL OR entity = :entity) AND (:entityId IS NULL OR entity_id = :entityId)
       ORDER BY id`,
    );
  }

  append(e: AuditEntryInput): number {
    const info = this.insertStmt.run(
      e.at ?? nowIso(),
      e.user,
      e.action,
      e.entity,
      e.entityId,
      json(e.oldValue),
      json(e.newValue),
      e.reason ?? null,
    );
    return Number(info.lastInsertRowid);
  }

  list(filter: { entity?: string; entityId?: string } = {}): AuditEntry[] {
    return this.listStmt
      .all({ entity: filter.entity ?? null, entityId: filter.entityId ?? null })
      .map(toEntry);
  }
}
