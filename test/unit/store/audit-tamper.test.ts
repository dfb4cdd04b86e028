import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEntryHash, openStore, type AuditChainRowForTest } from './audit-tamper-helpers';

/**
 * Tampering with the store FILE directly (better-sqlite3, triggers dropped first, as an
 * attacker with the file would) must be found by verify, which reads only the data.
 */

let dir: string;
let path: string;
const N = 8;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecg-audit-'));
  path = join(dir, 'store.db');
  const store = openStore(path);
  for (let i = 1; i <= N; i++) {
    store.audit.append({
      user: i % 2 ? 'alice' : 'bob',
      action: 'beat.relabel',
      entity: 'recording',
      entityId: 'r1',
      oldValue: { sample: i * 100, label: 'N' },
      newValue: { sample: i * 100, label: 'V' },
      reason: i === 3 ? 'wide QRS' : null,
    });
  }
  expect(store.audit.verify()).toEqual({
    entries: N,
    ok: true,
    firstBadEntry: null,
    problem: null,
  });
  store.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Opens the file raw, drops every trigger, runs `fn`. */
function tamper(fn: (db: Database.Database) => void): void {
  const db = new Database(path);
  const triggers = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'")
    .pluck()
    .all() as string[];
  for (const t of triggers) db.exec(`DROP TRIGGER "${t}"`);
  fn(db);
  db.close();
}

function verify() {
  const store = openStore(path);
  try {
    return store.audit.verify();
  } finally {
    store.close();
  }
}

describe('audit trail tamper detection', () => {
  it('a modified value: that entry', () => {
    tamper((db) =>
      db
        .prepare(`UPDATE audit_log SET new_value = '{"sample":300,"label":"N"}' WHERE id = 3`)
        .run(),
    );
    expect(verify()).toMatchObject({ entries: N, ok: false, firstBadEntry: 3 });
  });

  it('a modified reason or user: that entry', () => {
    tamper((db) => db.prepare('UPDATE audit_log SET reason = NULL WHERE id = 3').run());
    expect(verify()).toMatchObject({ ok: false, firstBadEntry: 3 });
  });

  it('a modified entry whose own hash was recomputed: the next entry no longer links', () => {
    tamper((db) => {
      db.prepare("UPDATE audit_log SET user = 'mallory' WHERE id = 5").run();
      const row = db.prepare('SELECT * FROM audit_log WHERE id = 5').get() as AuditChainRowForTest;
      db.prepare('UPDATE audit_log SET hash = ? WHERE id = 5').run(auditEntryHash(row));
    });
    expect(verify()).toMatchObject({ ok: false, firstBadEntry: 6 });
  });

  it('a deleted entry in the middle: its id (a gap)', () => {
    tamper((db) => db.prepare('DELETE FROM audit_log WHERE id = 4').run());
    expect(verify()).toMatchObject({ entries: N - 1, ok: false, firstBadEntry: 4 });
  });

  it('the first entry deleted: 1', () => {
    tamper((db) => db.prepare('DELETE FROM audit_log WHERE id = 1').run());
    expect(verify()).toMatchObject({ ok: false, firstBadEntry: 1 });
  });

  it('a deleted entry with the ids after it renumbered: the prev_hash link breaks', () => {
    tamper((db) => {
      db.prepare('DELETE FROM audit_log WHERE id = 4').run();
      for (let id = 5; id <= N; id++)
        db.prepare('UPDATE audit_log SET id = ? WHERE id = ?').run(id - 1, id);
    });
    expect(verify()).toMatchObject({ ok: false, firstBadEntry: 4 });
  });

  it('two entries with their contents swapped (reordered): the first of them', () => {
    tamper((db) => {
      const cols = [
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
      ];
      const get = db.prepare('SELECT * FROM audit_log WHERE id = ?');
      const a = get.get(2) as Record<string, unknown>;
      const b = get.get(6) as Record<string, unknown>;
      const set = db.prepare(
        `UPDATE audit_log SET ${cols.map((c) => `${c} = :${c}`).join(', ')} WHERE id = :id`,
      );
      set.run({ ...b, id: 2 });
      set.run({ ...a, id: 6 });
    });
    expect(verify()).toMatchObject({ entries: N, ok: false, firstBadEntry: 2 });
  });

  it('two entries with their ids swapped: the first of them', () => {
    tamper((db) => {
      db.prepare('UPDATE audit_log SET id = 100 WHERE id = 3').run();
      db.prepare('UPDATE audit_log SET id = 3 WHERE id = 4').run();
      db.prepare('UPDATE audit_log SET id = 4 WHERE id = 100').run();
    });
    expect(verify()).toMatchObject({ ok: false, firstBadEntry: 3 });
  });

  it('the tail truncated: the first missing entry (the head remembers the last one)', () => {
    tamper((db) => db.prepare('DELETE FROM audit_log WHERE id > ?').run(N - 2));
    expect(verify()).toMatchObject({ entries: N - 2, ok: false, firstBadEntry: N - 1 });
  });

  it('the whole log emptied: entry 1', () => {
    tamper((db) => db.prepare('DELETE FROM audit_log').run());
    expect(verify()).toMatchObject({ entries: 0, ok: false, firstBadEntry: 1 });
  });

  it('the head record deleted or its table dropped: not ok', () => {
    tamper((db) => db.prepare('DELETE FROM audit_head').run());
    expect(verify()).toMatchObject({
      ok: false,
      firstBadEntry: null,
      problem: expect.stringMatching(/head/),
    });
    tamper((db) => db.exec('DROP TABLE audit_head'));
    expect(verify()).toMatchObject({ ok: false, problem: expect.stringMatching(/head/) });
  });

  it('LIMITATION: a tail truncated AND the head rewound consistently passes verify; only an anchor kept outside the file (audit head) shows it', () => {
    const store = openStore(path);
    const anchor = store.audit.head();
    store.close();
    tamper((db) => {
      db.prepare('DELETE FROM audit_log WHERE id > ?').run(N - 2);
      const last = db
        .prepare('SELECT hash FROM audit_log WHERE id = ?')
        .pluck()
        .get(N - 2);
      db.prepare('UPDATE audit_head SET last_id = ?, last_hash = ?').run(N - 2, last);
    });
    const r = verify();
    expect(r).toMatchObject({ entries: N - 2, ok: true });
    expect(anchor?.lastId).toBe(N);
    expect(r.entries).toBeLessThan(anchor?.lastId ?? 0);
  });

  it('appending after tampering does not hide it', () => {
    tamper((db) => db.prepare('DELETE FROM audit_log WHERE id = 2').run());
    const store = openStore(path);
    store.audit.append({ user: 'x', action: 'a', entity: 'e', entityId: 'i' });
    expect(store.audit.verify()).toMatchObject({ entries: N, ok: false, firstBadEntry: 2 });
    store.close();
  });
});
