import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  auditEntryHash,
  GENESIS_HASH,
  migrate,
  migrations,
  schemaVersion,
  verifyChain,
} from '../../../main/store';

/** Migration 003: the audit trail becomes a hash chain with a head record and triggers. */

interface Row {
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
  hash: string;
}

function v2WithEntries(n: number): Database.Database {
  const db = new Database(':memory:');
  migrate(db, migrations, 2);
  const insert = db.prepare(
    `INSERT INTO audit_log (at, user, action, entity, entity_id, old_value, new_value, reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (let i = 1; i <= n; i++) {
    insert.run(
      `2024-01-0${(i % 9) + 1}T00:00:00.000Z`,
      i % 2 ? 'alice' : 'bob',
      'recording.import',
      'recording',
      `r${i}`,
      i === 2 ? JSON.stringify({ a: 1 }) : null,
      JSON.stringify({ n: i, text: 'ünïcode ✓' }),
      i === 3 ? 'because' : null,
    );
  }
  return db;
}

describe('migration 003_audit_chain', () => {
  it('fresh database: hash columns, an empty head, triggers', () => {
    const db = new Database(':memory:');
    migrate(db, migrations, 3);
    expect(schemaVersion(db)).toBe(3);
    const cols = db
      .prepare<[], { name: string; notnull: number }>('PRAGMA table_info(audit_log)')
      .all();
    expect(cols.map((c) => c.name)).toEqual([
      'id',
      'at',
      'user',
      'action',
      'entity',
      'entity_id',
      'old_value',
      'new_value',
      'reason',
      'prev_hash',
      'hash',
    ]);
    expect(cols.filter((c) => c.name.endsWith('hash')).every((c) => c.notnull === 1)).toBe(true);
    expect(db.prepare('SELECT last_id, last_hash FROM audit_head').all()).toEqual([
      { last_id: 0, last_hash: GENESIS_HASH },
    ]);
    const triggers = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")
      .pluck()
      .all();
    expect(triggers).toEqual([
      'audit_head_follows_log',
      'audit_head_no_delete',
      'audit_log_extends_chain',
      'audit_log_no_delete',
      'audit_log_no_update',
    ]);
    expect(verifyChain(db)).toEqual({ entries: 0, ok: true, firstBadEntry: null, problem: null });
    db.close();
  });

  it('upgrade from version 2 hashes the existing entries in id order, keeping them', () => {
    const db = v2WithEntries(5);
    const before = db
      .prepare(
        'SELECT id, at, user, action, entity, entity_id, old_value, new_value, reason FROM audit_log ORDER BY id',
      )
      .all();
    expect(migrate(db, migrations, 3)).toEqual([3]);
    const rows = db.prepare<[], Row>('SELECT * FROM audit_log ORDER BY id').all();
    expect(rows.map(({ prev_hash: _p, hash: _h, ...rest }) => rest)).toEqual(before);
    let prev = GENESIS_HASH;
    for (const r of rows) {
      expect(r.prev_hash).toBe(prev);
      expect(r.hash).toBe(auditEntryHash(r));
      prev = r.hash;
    }
    expect(db.prepare('SELECT last_id, last_hash FROM audit_head').get()).toEqual({
      last_id: 5,
      last_hash: prev,
    });
    expect(verifyChain(db)).toMatchObject({ entries: 5, ok: true, firstBadEntry: null });
    // The index survives the rebuild; AUTOINCREMENT's high-water mark too.
    expect(
      db
        .prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'audit_log_entity'")
        .pluck()
        .get(),
    ).toBe(1);
    expect(
      db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").pluck().get(),
    ).toBe(5);
    db.close();
  });

  it('the hash is SHA-256 of the canonical JSON array of the fields', () => {
    const row = {
      id: 1,
      at: 't',
      user: 'u',
      action: 'a',
      entity: 'e',
      entity_id: 'i',
      old_value: null,
      new_value: '{"x":1}',
      reason: null,
      prev_hash: GENESIS_HASH,
    };
    // Independently: sha256 of ["1","t",...] as JSON.
    const expected = createHash('sha256')
      .update(`[1,"t","u","a","e","i",null,"{\\"x\\":1}",null,"${GENESIS_HASH}"]`)
      .digest('hex');
    expect(auditEntryHash(row)).toBe(expected);
  });

  it('triggers refuse UPDATE, DELETE and inserts that do not extend the chain', () => {
    const db = v2WithEntries(3);
    migrate(db, migrations, 3);
    expect(() => db.prepare("UPDATE audit_log SET user = 'mallory' WHERE id = 2").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 3').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_head').run()).toThrow(/cannot be deleted/);
    expect(() => db.prepare('UPDATE audit_head SET last_id = 2').run()).toThrow(/last entry/);
    const fake = `INSERT INTO audit_log (id, at, user, action, entity, entity_id, prev_hash, hash)
                  VALUES (?, 't', 'u', 'a', 'e', 'i', ?, ?)`;
    expect(() => db.prepare(fake).run(9, GENESIS_HASH, GENESIS_HASH)).toThrow(/extend the chain/);
    expect(verifyChain(db).ok).toBe(true);
    db.close();
  });
});
