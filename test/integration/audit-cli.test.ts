import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate, migrations } from '../../main/store';
import { dataPath, describeWithData } from '../helpers/data';
import { ensureBuilt, projectRoot } from './build';
import { tempDir } from './helpers';

/** `ecg-desk audit verify` as CLI-CONTRACT.md promises it, on stores tampered with directly. */

function ecgDesk(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(projectRoot, 'bin', 'ecg-desk.cjs'), ...args], {
    cwd: dataPath(),
    env: { ...process.env, ECG_DESK_DB: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tamper(db: string, sql: string): void {
  const raw = new Database(db);
  for (const t of raw
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'")
    .pluck()
    .all() as string[]) {
    raw.exec(`DROP TRIGGER "${t}"`);
  }
  raw.exec(sql);
  raw.close();
}

const verifyDoc = (entries: number, ok: boolean, bad: number | null) =>
  `{ "entries": ${entries}, "ok": ${ok}, "firstBadEntry": ${bad} }\n`;

describeWithData('mitdb', 'ecg-desk audit verify (built, spawned)', () => {
  let dir: string;
  let cleanup: () => void;
  let pristine: string;
  let id: string;
  beforeAll(() => {
    ensureBuilt();
    ({ dir, cleanup } = tempDir('ecg-desk-audit-'));
    pristine = join(dir, 'pristine.db');
    const r = ecgDesk(['import', 'mitdb/100.hea', '--db', pristine, '--json']);
    id = JSON.parse(r.stdout).imported[0].recordingId;
    // The first four beats of 100 (reference beats since the import): relabelled, one deleted.
    for (const [sample, label] of [
      [77, 'V'],
      [370, 'S'],
      [662, 'F'],
      [946, 'Q'],
    ]) {
      ecgDesk([
        'labels',
        'set',
        id,
        '--sample',
        String(sample),
        '--label',
        String(label),
        '--user',
        'alice',
        '--db',
        pristine,
      ]);
    }
    ecgDesk(['labels', 'delete', id, '--sample', '946', '--user', 'bob', '--db', pristine]);
  }, 300_000);
  afterAll(() => cleanup());

  /** A copy of the pristine store (7 entries: patient, import, 4 sets, 1 delete). */
  const copy = (name: string): string => {
    const path = join(dir, name);
    copyFileSync(pristine, path);
    return path;
  };

  it('an intact trail: exactly the contract JSON, exit 0; human output too', () => {
    const r = ecgDesk(['audit', 'verify', '--db', pristine, '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(verifyDoc(7, true, null));
    expect(JSON.parse(r.stdout)).toEqual({ entries: 7, ok: true, firstBadEntry: null });
    const human = ecgDesk(['audit', 'verify', '--db', pristine]);
    expect(human.code).toBe(0);
    expect(human.stdout).toBe('audit trail intact: 7 entries\n');
  });

  it('a modified entry: exit 1, firstBadEntry is that entry, one line on stderr', () => {
    const db = copy('modified.db');
    tamper(db, `UPDATE audit_log SET new_value = replace(new_value, '"V"', '"N"') WHERE id = 3`);
    const r = ecgDesk(['audit', 'verify', '--db', db, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(verifyDoc(7, false, 3));
    expect(r.stderr).toBe(
      'ecg-desk audit: the audit trail is damaged: entry 3 was modified (its hash does not match) (first bad entry: 3)\n',
    );
  });

  it('a deleted entry, a swap of two entries, a truncated tail', () => {
    const deleted = copy('deleted.db');
    tamper(deleted, 'DELETE FROM audit_log WHERE id = 4');
    expect(ecgDesk(['audit', 'verify', '--db', deleted, '--json'])).toMatchObject({
      code: 1,
      stdout: verifyDoc(6, false, 4),
    });

    const swapped = copy('swapped.db');
    tamper(
      swapped,
      `UPDATE audit_log SET id = 100 WHERE id = 5;
       UPDATE audit_log SET id = 5 WHERE id = 6;
       UPDATE audit_log SET id = 6 WHERE id = 100;`,
    );
    expect(ecgDesk(['audit', 'verify', '--db', swapped, '--json'])).toMatchObject({
      code: 1,
      stdout: verifyDoc(7, false, 5),
    });

    const truncated = copy('truncated.db');
    tamper(truncated, 'DELETE FROM audit_log WHERE id >= 6');
    expect(ecgDesk(['audit', 'verify', '--db', truncated, '--json'])).toMatchObject({
      code: 1,
      stdout: verifyDoc(5, false, 6),
    });
  });

  it('a store from schema version 1 is upgraded and its old entries chained', () => {
    const db = join(dir, 'v1.db');
    const raw = new Database(db);
    migrate(raw, migrations, 1);
    raw.exec(`INSERT INTO audit_log (at, user, action, entity, entity_id, new_value)
              VALUES ('2024-01-01T00:00:00.000Z', 'old', 'patient.create', 'patient', 'p1', '{"a":1}'),
                     ('2024-01-01T00:00:01.000Z', 'old', 'recording.import', 'recording', 'r1', NULL)`);
    raw.close();
    const r = ecgDesk(['audit', 'verify', '--db', db, '--json']);
    expect(r).toMatchObject({ code: 0, stdout: verifyDoc(2, true, null) });
  });

  it('audit head prints the anchor; usage errors exit 2; a missing store exits 1', () => {
    const head = ecgDesk(['audit', 'head', '--db', pristine, '--json']);
    expect(head.code).toBe(0);
    expect(JSON.parse(head.stdout)).toEqual({
      lastId: 7,
      lastHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(ecgDesk(['audit', 'verify', 'extra', '--db', pristine]).code).toBe(2);
    expect(ecgDesk(['audit', 'check', '--db', pristine]).code).toBe(2);
    expect(ecgDesk(['audit', 'verify', '--db', pristine, '--bogus']).code).toBe(2);
    const missing = ecgDesk(['audit', 'verify', '--db', join(dir, 'nope.db'), '--json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^ecg-desk audit: no store at /);
    const list = ecgDesk(['audit', 'list', '--recording', id, '--db', pristine, '--json']);
    expect(JSON.parse(list.stdout).map((e: { action: string }) => e.action)).toEqual([
      'recording.import',
      'beat.relabel',
      'beat.relabel',
      'beat.relabel',
      'beat.relabel',
      'beat.delete',
    ]);
  });
});
