import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BeatLabel, LabelChange } from '@common/types';
import { signReview } from '../../main/annotate/review';
import { MIT_SYMBOL } from '../../main/annotate/symbols';
import { BEAT_SYMBOLS, parseAnnotations } from '../../main/formats';
import { aamiClass } from '../../main/ml/beats/labels';
import { openStore } from '../../main/store';
import { dataPath, describeWithData } from '../helpers/data';
import { ensureBuilt, projectRoot } from './build';
import { tableCounts, tempDir } from './helpers';

/** `ecg-desk labels …` as CLI-CONTRACT.md promises it, spawned from the build on MIT-BIH 100. */

function ecgDesk(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(projectRoot, 'bin', 'ecg-desk.cjs'), ...args], {
    cwd: dataPath(),
    env: { ...process.env, ECG_DESK_DB: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function importMitdb100(db: string): string {
  const r = ecgDesk(['import', 'mitdb/100.hea', '--db', db, '--json']);
  if (r.code !== 0) throw new Error(`import failed (${r.code}): ${r.stderr}`);
  return (JSON.parse(r.stdout) as { imported: { recordingId: string }[] }).imported[0].recordingId;
}

function counts(db: string): Record<string, number> {
  const store = openStore(db);
  try {
    return tableCounts(store.db);
  } finally {
    store.close();
  }
}

describeWithData('mitdb', 'ecg-desk labels (built, spawned, MIT-BIH 100)', () => {
  let dir: string;
  let cleanup: () => void;
  let db: string;
  let id: string;
  beforeAll(() => {
    ensureBuilt();
    ({ dir, cleanup } = tempDir('ecg-desk-labels-'));
    db = join(dir, 'store.db');
    id = importMitdb100(db);
  }, 300_000);
  afterAll(() => cleanup());

  it('labels set on a sample without a beat inserts one, audit entry included; exit 0', () => {
    // Sample 5 is before 100's first beat (77): no reference beat there.
    const r = ecgDesk([
      'labels',
      'set',
      id,
      '--sample',
      '5',
      '--label',
      'V',
      '--user',
      'alice',
      '--reason',
      'wide QRS',
      '--db',
      db,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sample 5: no beat → V by alice \(audit entry \d+\)/);
    const json = ecgDesk([
      'labels',
      'set',
      id,
      '--sample',
      '5',
      '--label',
      'F',
      '--user',
      'bob',
      '--db',
      db,
      '--json',
    ]);
    expect(json.code).toBe(0);
    const change = JSON.parse(json.stdout) as LabelChange;
    expect(Object.keys(change)).toEqual(['recordingId', 'action', 'changes', 'auditId']);
    expect(change).toMatchObject({
      recordingId: id,
      action: 'beat.relabel',
      changes: [
        {
          before: { sample: 5, label: 'V', user: 'alice' },
          after: { sample: 5, label: 'F', user: 'bob', source: 'user' },
        },
      ],
    });
    const store = openStore(db);
    const entries = store.audit
      .list({ entity: 'recording', entityId: id })
      .filter((a) => a.action.startsWith('beat.'));
    store.close();
    expect(entries.map((e) => [e.user, e.action, e.oldValue, e.newValue, e.reason])).toEqual([
      [
        'alice',
        'beat.insert',
        null,
        expect.objectContaining({ sample: 5, label: 'V' }),
        'wide QRS',
      ],
      [
        'bob',
        'beat.relabel',
        expect.objectContaining({ label: 'V' }),
        expect.objectContaining({ label: 'F' }),
        null,
      ],
    ]);
  });

  it('labels set on a reference beat relabels it: the reference label is the old value', () => {
    const r = ecgDesk([
      'labels',
      'set',
      id,
      '--sample',
      '77',
      '--label',
      'V',
      '--user',
      'alice',
      '--db',
      db,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sample 77: N \(reference\) → V by alice \(audit entry \d+\)/);
    const store = openStore(db);
    const last = store.audit.list({ entity: 'recording', entityId: id }).at(-1);
    store.close();
    expect(last).toMatchObject({
      user: 'alice',
      action: 'beat.relabel',
      oldValue: { sample: 77, label: 'N', source: 'reference', user: null },
      newValue: { sample: 77, label: 'V', source: 'user', user: 'alice' },
    });
  });

  it('bad input: exit 2 (usage) or 1 (refused), one line naming the problem, nothing written', () => {
    const before = counts(db);
    const cases: [string[], number, RegExp][] = [
      [
        ['labels', 'set', id, '--sample', '77', '--label', 'X', '--user', 'a'],
        2,
        /--label must be one of N, S, V, F, Q, not "X"/,
      ],
      [['labels', 'set', id, '--sample', '77', '--label', 'N'], 2, /--user NAME is required/],
      [['labels', 'set', id, '--sample', '-3', '--label', 'N', '--user', 'a'], 2, /sample/],
      [
        ['labels', 'set', id, '--sample', '1.5', '--label', 'N', '--user', 'a'],
        2,
        /--sample must be a whole number/,
      ],
      [['labels', 'set', id, '--label', 'N', '--user', 'a'], 2, /--sample N is required/],
      [['labels', 'set', '--sample', '1', '--label', 'N', '--user', 'a'], 2, /no recording id/],
      [
        ['labels', 'set', id, '--sample', '1', '--label', 'N', '--user', 'a', '--colour', 'red'],
        2,
        /unknown option/i,
      ],
      [['labels', 'frobnicate', id], 2, /unknown subcommand "frobnicate"/],
      [
        ['labels', 'set', 'no-such-recording', '--sample', '77', '--label', 'N', '--user', 'a'],
        1,
        /no recording no-such-recording/,
      ],
      [
        ['labels', 'set', id, '--sample', '650000', '--label', 'N', '--user', 'a'],
        1,
        /sample 650000 is outside the recording \(0 to 649999\)/,
      ],
      [['labels', 'delete', id, '--sample', '78', '--user', 'a'], 1, /has no beat at sample 78/],
      [['labels', 'delete', id, '--sample', '77'], 2, /--user NAME is required/],
    ];
    for (const [args, code, message] of cases) {
      const r = ecgDesk([...args, '--db', db]);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stdout, args.join(' ')).toBe('');
      const first = r.stderr.split('\n')[0];
      expect(first, args.join(' ')).toMatch(/^ecg-desk labels: /);
      expect(first, args.join(' ')).toMatch(message);
    }
    expect(
      ecgDesk([
        'labels',
        'set',
        id,
        '--sample',
        '1',
        '--label',
        'N',
        '--user',
        'a',
        '--db',
        join(dir, 'none.db'),
      ]).code,
    ).toBe(1);
    expect(existsSync(join(dir, 'none.db'))).toBe(false);
    expect(counts(db)).toEqual(before);
  });

  it('labels delete removes one (exit 0); a second delete is refused (exit 1)', () => {
    expect(
      ecgDesk(['labels', 'set', id, '--sample', '1000', '--label', 'Q', '--user', 'a', '--db', db])
        .code,
    ).toBe(0);
    const r = ecgDesk([
      'labels',
      'delete',
      id,
      '--sample',
      '1000',
      '--user',
      'carol',
      '--db',
      db,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      action: 'beat.delete',
      changes: [{ before: { sample: 1000 }, after: null }],
    });
    expect(
      ecgDesk(['labels', 'delete', id, '--sample', '1000', '--user', 'carol', '--db', db]).code,
    ).toBe(1);
  });

  it('labels export atr right after import gives the original 100.atr beats; seed restores deleted ones', () => {
    const fresh = join(dir, 'fresh.db');
    const rid = importMitdb100(fresh);
    const original = parseAnnotations(
      readFileSync(dataPath('mitdb', '100.atr')),
      '100.atr',
    ).annotations.filter((a) => BEAT_SYMBOLS.has(a.symbol));
    expect(original).toHaveLength(2273);
    const exportAtr = (name: string): number[] => {
      const out = join(dir, name);
      const r = ecgDesk([
        'labels',
        'export',
        rid,
        '--format',
        'atr',
        '--out',
        out,
        '--db',
        fresh,
        '--json',
      ]);
      expect(r.code).toBe(0);
      expect(r.stderr).not.toMatch(/no beats/);
      expect(JSON.parse(r.stdout)).toMatchObject({
        recordingId: rid,
        format: 'atr',
        path: out,
        beats: 2273,
      });
      const back = parseAnnotations(readFileSync(out), '100.atr').annotations;
      expect(back.map((a) => a.sample)).toEqual(original.map((a) => a.sample));
      expect(back.map((a) => a.symbol)).toEqual(original.map((a) => a.symbol));
      expect(back.map((a) => a.symbol)).toEqual(
        original.map((a) => MIT_SYMBOL[aamiClass(a.symbol) as BeatLabel]),
      );
      return back.map((a) => a.sample);
    };
    exportAtr('100.atr');

    const seed = () => {
      const r = ecgDesk(['labels', 'seed', rid, '--user', 'importer', '--db', fresh, '--json']);
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as Record<string, unknown>;
    };
    // The import already seeded every reference beat: nothing to add, nothing audited.
    expect(seed()).toMatchObject({
      source: 'atr',
      inserted: 0,
      existing: 2273,
      unclassified: 0,
      auditId: null,
    });

    // Delete the first N, A and V beats; seeding puts them back with their reference labels.
    const gone = ['N', 'A', 'V'].map((symbol) => {
      const a = original.find((x) => x.symbol === symbol);
      if (!a) throw new Error(`100.atr has no ${symbol} beat`);
      return a.sample;
    });
    for (const sample of gone) {
      const r = ecgDesk([
        'labels',
        'delete',
        rid,
        '--sample',
        String(sample),
        '--user',
        'carol',
        '--db',
        fresh,
      ]);
      expect(r.code).toBe(0);
    }
    const store = openStore(fresh);
    expect(store.beats.counts(rid)).toMatchObject({ total: 2270, bySource: { reference: 2270 } });
    store.close();
    expect(seed()).toMatchObject({ inserted: 3, existing: 2270, unclassified: 0 });
    exportAtr('100-again.atr');

    const after = openStore(fresh);
    const actions = after.audit.list({ entity: 'recording', entityId: rid }).map((a) => a.action);
    const restored = gone.map((sample) => after.beats.get(rid, sample));
    after.close();
    expect(actions).toEqual([
      'recording.import',
      'beat.delete',
      'beat.delete',
      'beat.delete',
      'beats.seed-reference',
    ]);
    expect(restored.map((b) => [b?.label, b?.source])).toEqual([
      ['N', 'reference'],
      ['S', 'reference'],
      ['V', 'reference'],
    ]);
  });

  it('labels export csv and json hold the current labels with provenance', () => {
    const csv = join(dir, 'b.csv');
    expect(
      ecgDesk(['labels', 'export', id, '--format', 'csv', '--out', csv, '--db', db]).code,
    ).toBe(0);
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('sample,time_s,label,source,model_version,user,confidence');
    // 100's 2273 reference beats, bob's beat at 5 and alice's relabel of 77.
    expect(lines).toHaveLength(1 + 2274);
    expect(lines[1]).toBe('5,0.013889,F,user,,bob,');
    expect(lines[2]).toBe('77,0.213889,V,user,,alice,');
    expect(lines[3]).toBe('370,1.027778,N,reference,,,');
    const json = join(dir, 'b.json');
    expect(
      ecgDesk(['labels', 'export', id, '--format', 'json', '--out', json, '--db', db]).code,
    ).toBe(0);
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    expect(doc).toMatchObject({ recordingId: id, recordName: '100', fs: 360, samples: 650000 });
    expect(doc.beats).toHaveLength(2274);
    expect(doc.beats.slice(0, 3)).toEqual([
      expect.objectContaining({ sample: 5, label: 'F', source: 'user', user: 'bob' }),
      expect.objectContaining({ sample: 77, label: 'V', source: 'user', user: 'alice' }),
      expect.objectContaining({ sample: 370, label: 'N', source: 'reference', user: null }),
    ]);
    expect(doc.beats.filter((b: { source: string }) => b.source === 'reference')).toHaveLength(
      2272,
    );
  });

  it('export: bad format or missing --out exit 2; an unwritable path exits 1 and leaves nothing', () => {
    expect(
      ecgDesk(['labels', 'export', id, '--format', 'edf', '--out', 'x', '--db', db]).code,
    ).toBe(2);
    expect(ecgDesk(['labels', 'export', id, '--format', 'atr', '--db', db]).code).toBe(2);
    const bad = ecgDesk([
      'labels',
      'export',
      id,
      '--format',
      'atr',
      '--out',
      join(dir, 'no', 'such', 'x.atr'),
      '--db',
      db,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^ecg-desk labels: .*ENOENT/);
    expect(existsSync(join(dir, 'no'))).toBe(false);
    expect(
      ecgDesk([
        'labels',
        'export',
        'nope',
        '--format',
        'atr',
        '--out',
        join(dir, 'n.atr'),
        '--db',
        db,
      ]).code,
    ).toBe(1);
    expect(existsSync(join(dir, 'n.atr'))).toBe(false);
  });

  it('a signed recording refuses label edits (exit 1) until reopened', () => {
    const store = openStore(db);
    signReview(store, { user: 'dr', role: 'cardiologist', userId: 'x' }, id);
    store.close();
    const r = ecgDesk([
      'labels',
      'set',
      id,
      '--sample',
      '77',
      '--label',
      'N',
      '--user',
      'alice',
      '--db',
      db,
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/was signed by dr .*reopen it/);
  });

  it('the audit trail verifies after all of it', () => {
    const r = ecgDesk(['audit', 'verify', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const store = openStore(db);
    const n = store.audit.list().length;
    store.close();
    expect(r.stdout).toBe(`{ "entries": ${n}, "ok": true, "firstBadEntry": null }\n`);
  });
});
