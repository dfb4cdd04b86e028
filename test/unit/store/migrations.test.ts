import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  migrate,
  migrations,
  openStore,
  schemaVersion,
  SchemaTooNewError,
} from '../../../main/store';
import type { Migration } from '../../../main/store/migrations';

interface Column {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

function columns(db: Database.Database, table: string): string[] {
  return db
    .prepare<[], Column>(`PRAGMA table_info("${table}")`)
    .all()
    .map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}${c.pk ? ` PK${c.pk}` : ''}`);
}

/** Everything that defines the schema: tables (with STRICT-ness), columns, indexes. */
function schemaOf(db: Database.Database): Record<string, unknown> {
  const tables = db
    .prepare<[], { name: string; strict: number }>(
      "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all();
  const indexes = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
    )
    .all();
  return {
    tables: Object.fromEntries(
      tables.map((t) => [t.name, { strict: t.strict, columns: columns(db, t.name) }]),
    ),
    indexes: Object.fromEntries(indexes.map((i) => [i.name, i.sql])),
  };
}

/** What each version's schema must contain (tables → columns); a later version may add more. */
const expected: Record<number, Record<string, string[]>> = {
  1: {
    patients: [
      'id TEXT NOT NULL PK1',
      'external_id TEXT NOT NULL',
      'display_name TEXT NOT NULL',
      'sex TEXT',
      'age REAL',
      'created_at TEXT NOT NULL',
    ],
    recordings: [
      'id TEXT NOT NULL PK1',
      'patient_id TEXT NOT NULL',
      'source TEXT NOT NULL',
      'record_name TEXT NOT NULL',
      'format TEXT NOT NULL',
      'fs REAL NOT NULL',
      'samples INTEGER NOT NULL',
      'duration_s REAL NOT NULL',
      'sha256 TEXT NOT NULL',
      'start_time TEXT',
      'comments TEXT NOT NULL',
      'chunk_len INTEGER NOT NULL',
      'imported_at TEXT NOT NULL',
    ],
    leads: [
      'recording_id TEXT NOT NULL PK1',
      'idx INTEGER NOT NULL PK2',
      'name TEXT NOT NULL',
      'units TEXT NOT NULL',
      'gain REAL NOT NULL',
      'baseline REAL NOT NULL',
      'adc_resolution INTEGER',
      'to_millivolts REAL',
      'sample_type TEXT NOT NULL',
    ],
    signal_chunks: [
      'recording_id TEXT NOT NULL PK1',
      'lead_idx INTEGER NOT NULL PK2',
      'chunk_idx INTEGER NOT NULL PK3',
      'data BLOB NOT NULL',
    ],
    annotations: [
      'id INTEGER PK1',
      'recording_id TEXT NOT NULL',
      'source TEXT NOT NULL',
      'sample INTEGER NOT NULL',
      'symbol TEXT NOT NULL',
      'subtype INTEGER NOT NULL',
      'chan INTEGER NOT NULL',
      'num INTEGER NOT NULL',
      'aux TEXT NOT NULL',
    ],
    audit_log: [
      'id INTEGER PK1',
      'at TEXT NOT NULL',
      'user TEXT NOT NULL',
      'action TEXT NOT NULL',
      'entity TEXT NOT NULL',
      'entity_id TEXT NOT NULL',
      'old_value TEXT',
      'new_value TEXT',
      'reason TEXT',
    ],
    schema_migrations: ['version INTEGER PK1', 'name TEXT NOT NULL', 'applied_at TEXT NOT NULL'],
  },
};
const expectedIndexes: Record<number, string[]> = {
  1: ['annotations_by_sample', 'audit_log_entity', 'patients_external_id', 'recordings_patient'],
};

describe('migrations', () => {
  it('are numbered 1..n in order, file names matching', () => {
    migrations.forEach((m, i) => expect(m.version).toBe(i + 1));
  });

  for (const m of migrations) {
    describe(`${String(m.version).padStart(3, '0')}_${m.name}`, () => {
      it('fresh database → migrate → the expected schema', () => {
        const db = new Database(':memory:');
        expect(migrate(db, migrations, m.version)).toEqual(
          migrations.slice(0, m.version).map((x) => x.version),
        );
        expect(schemaVersion(db)).toBe(m.version);
        const schema = schemaOf(db) as {
          tables: Record<string, { strict: number; columns: string[] }>;
          indexes: Record<string, string>;
        };
        for (const [table, cols] of Object.entries(expected[m.version] ?? {})) {
          expect(schema.tables[table], table).toBeDefined();
          expect(schema.tables[table].columns, table).toEqual(cols);
          expect(schema.tables[table].strict, `${table} is STRICT`).toBe(1);
        }
        for (const name of expectedIndexes[m.version] ?? [])
          expect(schema.indexes[name], name).toBeDefined();
        const recorded = db
          .prepare('SELECT version, name FROM schema_migrations ORDER BY version')
          .all();
        expect(recorded).toEqual(
          migrations.slice(0, m.version).map((x) => ({ version: x.version, name: x.name })),
        );
        db.close();
      });

      it(`upgrading from version ${m.version - 1} gives the same schema as a fresh one`, () => {
        const fresh = new Database(':memory:');
        migrate(fresh, migrations, m.version);
        const old = new Database(':memory:');
        migrate(old, migrations, m.version - 1);
        expect(schemaVersion(old)).toBe(m.version - 1);
        expect(migrate(old, migrations, m.version)).toEqual([m.version]);
        expect(schemaOf(old)).toEqual(schemaOf(fresh));
        fresh.close();
        old.close();
      });
    });
  }

  it('running again applies nothing', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(migrate(db)).toEqual([]);
    db.close();
  });

  it('a failing migration leaves the store at the previous version, with nothing of it', () => {
    const db = new Database(':memory:');
    const broken: Migration = {
      version: migrations.length + 1,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...migrations, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(
      db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get(),
    ).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a store written by a newer ECG Desk', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${migrations.length + 1}`);
    expect(() => migrate(db)).toThrow(SchemaTooNewError);
    db.close();
  });
});

describe('openStore', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('creates the folder, uses WAL, enforces foreign keys, waits on locks, migrates', () => {
    dir = mkdtempSync(join(tmpdir(), 'ecg-store-'));
    const store = openStore(join(dir, 'sub', 'x.db'));
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(schemaVersion(store.db)).toBe(migrations.length);
    expect(() =>
      store.db
        .prepare("INSERT INTO leads VALUES ('nope', 0, 'I', 'mV', 200, 0, 12, 1, 'int16')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    store.close();
  });

  it('refuses a newer store and leaves it closed', () => {
    dir = mkdtempSync(join(tmpdir(), 'ecg-store-'));
    const path = join(dir, 'new.db');
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openStore(path)).toThrow(/schema version 999/);
  });
});
