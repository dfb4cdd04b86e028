import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input, Method, Result } from '@common/api';
import type { LabelChange } from '@common/types';
import { dispatch } from '../../main/api/dispatch';
import { createHandlers } from '../../main/api/handlers';
import { AuthService } from '../../main/auth';
import { inProcessImportRunner } from '../../main/import';
import { osUserName } from '../../main/import/user';
import { writeRecording } from '../../main/import/write-recording';
import { openStore, type Store } from '../../main/store';
import { syntheticRecording } from '../unit/store/fixtures';

/**
 * The annotator API end to end through the one dispatcher (validation, handlers, services,
 * store): first run, sessions and roles, label edits, similar-beat relabel, review, audit.
 */
describe('annotator API (dispatch → handlers → store)', () => {
  let store: Store;
  let handlers: ReturnType<typeof createHandlers>;
  let rec: string;
  const tokens: Record<string, string> = {};

  async function call<M extends Method>(method: M, input: Input<M>): Promise<Result<M>> {
    const out = await dispatch(handlers, method, input, { error: () => undefined });
    if (!out.ok) throw new Error(`${out.error.code}: ${out.error.message}`);
    return out.value as Result<M>;
  }
  async function refused(method: Method, input: unknown): Promise<string> {
    const out = await dispatch(handlers, method, input, { error: () => undefined });
    if (out.ok) throw new Error(`${method} was not refused`);
    return `${out.error.code}: ${out.error.message}`;
  }

  beforeAll(() => {
    store = openStore(':memory:');
    const auth = new AuthService(store, { scrypt: { N: 1024, r: 8, p: 1, keyLength: 32 } });
    handlers = createHandlers({
      store,
      storePath: ':memory:',
      host: 'web',
      importRunner: inProcessImportRunner(store),
      auth,
    });
    rec = writeRecording(store, syntheticRecording({ samples: 5000 }), {
      source: 'x/synth.hea',
      sha256: 'd'.repeat(64),
      user: 'importer',
    }).recordingId;
  });
  afterAll(() => store.close());

  it('first run: no accounts, edits act as the local operator (the OS user)', async () => {
    expect(await call('auth.status', {})).toEqual({
      firstRun: true,
      user: null,
      sessionExpiresAt: null,
    });
    // The import seeded the synthetic .atr's beats: N at 10 and V at 500 ('+' is not a beat).
    expect((await call('beats.list', { recordingId: rec })).map((b) => b.source)).toEqual([
      'reference',
      'reference',
    ]);
    const c = await call('labels.set', { recordingId: rec, sample: 10, label: 'N' });
    expect(c.action).toBe('beat.relabel');
    expect(c.changes[0].before).toMatchObject({ sample: 10, source: 'reference' });
    expect(c.changes[0].after).toMatchObject({ user: osUserName(), source: 'user' });
    const d = await call('labels.delete', { recordingId: rec, sample: 500 });
    expect(d.changes[0].before).toMatchObject({ sample: 500, label: 'V', source: 'reference' });
    expect(await call('labels.seedReference', { recordingId: rec })).toMatchObject({
      source: 'atr',
      inserted: 1, // V at 500 again; the person's N at 10 is kept
      existing: 1,
      auditId: expect.any(Number),
    });
    expect(await call('beats.list', { recordingId: rec })).toEqual([
      expect.objectContaining({ sample: 10, label: 'N', source: 'user', user: osUserName() }),
      expect.objectContaining({ sample: 500, label: 'V', source: 'reference', user: null }),
    ]);
  });

  it('creating the first admin; afterwards every change needs a session', async () => {
    const s = await call('auth.createFirstAdmin', {
      username: 'root',
      displayName: 'Admin',
      password: 'admin-pass-1',
    });
    tokens.root = s.sessionToken;
    expect(
      await refused('auth.createFirstAdmin', {
        username: 'x',
        displayName: 'x',
        password: 'password-1',
      }),
    ).toMatch(/^bad-request: an administrator already exists/);
    expect(await refused('labels.set', { recordingId: rec, sample: 11, label: 'N' })).toMatch(
      /^forbidden: sign in first/,
    );
    expect(
      await refused('labels.set', {
        recordingId: rec,
        sample: 11,
        label: 'N',
        sessionToken: tokens.root,
      }),
    ).toMatch(/^forbidden: root \(admin\) may not edit beat labels/);
    for (const [username, role] of [
      ['ann', 'annotator'],
      ['card', 'cardiologist'],
    ] as const) {
      await call('users.create', {
        sessionToken: tokens.root,
        username,
        displayName: username,
        role,
        password: `${username}-password`,
      });
      tokens[username] = (
        await call('auth.login', { username, password: `${username}-password` })
      ).sessionToken;
    }
    expect(
      (await call('users.list', { sessionToken: tokens.root })).map((u) => u.username),
    ).toEqual(['ann', 'card', 'root']);
    expect(await refused('users.list', { sessionToken: tokens.ann })).toMatch(/^forbidden/);
    expect(await call('auth.status', { sessionToken: tokens.ann })).toMatchObject({
      firstRun: false,
      user: { username: 'ann', role: 'annotator' },
    });
  });

  it('schemas refuse bad input before any handler runs', async () => {
    expect(
      await refused('labels.set', {
        recordingId: rec,
        sample: 1,
        label: 'X',
        sessionToken: tokens.ann,
      }),
    ).toMatch(/^bad-request: labels.set: label/);
    expect(await refused('labels.set', { recordingId: rec, sample: -1, label: 'N' })).toMatch(
      /sample/,
    );
    expect(
      await refused('labels.set', {
        recordingId: rec,
        sample: 1,
        label: 'N',
        sessionToken: 'short',
      }),
    ).toMatch(/sessionToken/);
    expect(await refused('labels.delete', { recordingId: rec, sample: 1, user: 'x' })).toMatch(
      /bad-request/,
    );
  });

  it('annotators edit; edits appear in beats.list, beats.counts, beats.find and audit.list', async () => {
    const t = tokens.ann;
    await call('labels.set', {
      recordingId: rec,
      sample: 100,
      label: 'V',
      reason: 'wide',
      sessionToken: t,
    });
    await call('labels.move', {
      recordingId: rec,
      fromSample: 100,
      toSample: 104,
      sessionToken: t,
    });
    await call('labels.set', { recordingId: rec, sample: 200, label: 'S', sessionToken: t });
    await call('labels.delete', { recordingId: rec, sample: 200, sessionToken: t });
    expect(
      await refused('labels.set', { recordingId: rec, sample: 5000, label: 'N', sessionToken: t }),
    ).toMatch(/^bad-request: sample 5000 is outside/);
    expect(
      await refused('labels.delete', { recordingId: rec, sample: 3, sessionToken: t }),
    ).toMatch(/^not-found/);
    expect(
      await refused('labels.set', { recordingId: 'nope', sample: 1, label: 'N', sessionToken: t }),
    ).toMatch(/^not-found/);
    const beats = await call('beats.list', { recordingId: rec });
    expect(beats.map((b) => [b.sample, b.label, b.source])).toEqual([
      [10, 'N', 'user'],
      [104, 'V', 'user'],
      [500, 'V', 'reference'],
    ]);
    expect(
      (await call('beats.list', { recordingId: rec, startSample: 100, endSample: 500 })).length,
    ).toBe(1);
    expect(await call('beats.counts', { recordingId: rec })).toMatchObject({
      total: 3,
      byLabel: { V: 2 },
    });
    expect(
      (
        await call('beats.find', {
          recordingId: rec,
          fromSample: 104,
          direction: 'next',
          label: 'V',
        })
      )?.sample,
    ).toBe(500);
    expect(
      await call('beats.find', { recordingId: rec, fromSample: 500, direction: 'next' }),
    ).toBeNull();
    const audit = await call('audit.list', { recordingId: rec });
    expect(audit.map((a) => a.action)).toEqual([
      'recording.import',
      'beat.relabel',
      'beat.delete',
      'beats.seed-reference',
      'beat.insert',
      'beat.move',
      'beat.insert',
      'beat.delete',
    ]);
    expect(audit[4]).toMatchObject({
      user: 'ann',
      reason: 'wide',
      oldValue: null,
      newValue: { label: 'V' },
    });
    expect(await refused('beats.list', { recordingId: 'nope' })).toMatch(/^not-found/);
  });

  it('bulk preview writes nothing; bulk apply is one audited change', async () => {
    const before = (await call('audit.list', { recordingId: rec })).length;
    const p = await call('labels.bulkPreview', {
      recordingId: rec,
      sample: 104,
      label: 'F',
      threshold: -1,
    });
    // The beat at 10 has no full 200 ms window: it is not compared.
    expect(p.compared).toBe(2);
    expect(p.candidates.map((c) => c.sample)).toEqual([104, 500]);
    expect((await call('audit.list', { recordingId: rec })).length).toBe(before);
    const c: LabelChange = await call('labels.bulkApply', {
      recordingId: rec,
      samples: p.candidates.map((x) => x.sample),
      label: 'F',
      basis: { referenceSample: 104, threshold: -1 },
      sessionToken: tokens.ann,
    });
    expect(c.changes).toHaveLength(2);
    const audit = await call('audit.list', { recordingId: rec });
    expect(audit).toHaveLength(before + 1);
    expect(audit.at(-1)).toMatchObject({ action: 'beat.bulk-relabel', user: 'ann' });
  });

  it('review: annotators start, cardiologists sign with their password; signed is read-only', async () => {
    expect(await call('review.get', { recordingId: rec })).toMatchObject({ status: 'unreviewed' });
    await call('review.start', { recordingId: rec, sessionToken: tokens.ann });
    expect(
      await refused('review.sign', {
        recordingId: rec,
        sessionToken: tokens.ann,
        password: 'ann-password',
      }),
    ).toMatch(/^forbidden: ann \(annotator\) may not sign/);
    expect(
      await refused('review.sign', {
        recordingId: rec,
        sessionToken: tokens.card,
        password: 'wrong-pass',
      }),
    ).toMatch(/^forbidden: wrong password/);
    const signed = await call('review.sign', {
      recordingId: rec,
      sessionToken: tokens.card,
      password: 'card-password',
    });
    expect(signed).toMatchObject({
      status: 'signed',
      signedBy: 'card',
      meaning: 'Reviewed and approved',
    });
    expect(
      await refused('labels.set', {
        recordingId: rec,
        sample: 10,
        label: 'N',
        sessionToken: tokens.card,
      }),
    ).toMatch(/^forbidden: recording .* was signed by card/);
    expect(
      await refused('review.reopen', { recordingId: rec, sessionToken: tokens.ann, reason: 'x' }),
    ).toMatch(/^forbidden/);
    await call('review.reopen', {
      recordingId: rec,
      sessionToken: tokens.card,
      reason: 'correction',
    });
    await call('labels.set', {
      recordingId: rec,
      sample: 10,
      label: 'N',
      sessionToken: tokens.card,
    });
  });

  it('logout ends the session; the audit trail verifies', async () => {
    await call('auth.logout', { sessionToken: tokens.ann });
    expect(
      await refused('labels.set', {
        recordingId: rec,
        sample: 10,
        label: 'V',
        sessionToken: tokens.ann,
      }),
    ).toMatch(/^forbidden: the session has expired/);
    const v = await call('audit.verify', {});
    expect(v).toMatchObject({ ok: true, firstBadEntry: null, problem: null });
    expect(v.entries).toBe(store.audit.list().length);
  });
});
