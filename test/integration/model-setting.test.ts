import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/api/dispatch';
import { createHandlers } from '../../main/api/handlers';
import { analysisModelInfo, readBeatModelSetting } from '../../main/analysis/model-setting';
import { AuthService } from '../../main/auth';
import { inProcessImportRunner } from '../../main/import';
import { apiCaller } from './api-call';
import { openStore, type Store } from '../../main/store';

/** Full / Pruned / Auto through the API: who may change it, the audit entry, what it resolves to. */
describe('models.setAnalysisModel', () => {
  let store: Store;
  let handlers: ReturnType<typeof createHandlers>;
  const tokens: Record<string, string> = {};

  const { call } = apiCaller(() => handlers);

  beforeAll(async () => {
    store = openStore(':memory:');
    const auth = new AuthService(store, { scrypt: { N: 1024, r: 8, p: 1, keyLength: 32 } });
    handlers = createHandlers({
      store,
      storePath: ':memory:',
      host: 'web',
      importRunner: inProcessImportRunner(store),
      auth,
    });
    tokens.admin = (
      await call('auth.createFirstAdmin', {
        username: 'admin',
        displayName: 'Admin',
        password: 'correct horse battery',
      })
    ).sessionToken;
    await call('users.create', {
      sessionToken: tokens.admin,
      username: 'annot',
      displayName: 'Annot',
      role: 'annotator',
      password: 'correct horse battery',
    });
    tokens.annot = (
      await call('auth.login', { username: 'annot', password: 'correct horse battery' })
    ).sessionToken;
  });
  afterAll(() => store.close());

  it('defaults to Auto and reports what Auto means on this machine', async () => {
    const o = await call('models.list', {});
    expect(o.analysisModel.setting).toBe('auto');
    expect(o.analysisModel.machine.cores).toBeGreaterThan(0);
    if (o.analysisModel.installed.full || o.analysisModel.installed.pruned)
      expect(o.analysisModel.reason).toMatch(/^auto: /);
  });

  it('annotators may not change it; a manager can, once per change, audited', async () => {
    const out = await dispatch(handlers, 'models.setAnalysisModel', {
      setting: 'full',
      sessionToken: tokens.annot,
    });
    expect(out).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const bad = await dispatch(handlers, 'models.setAnalysisModel', {
      setting: 'fastest',
      sessionToken: tokens.admin,
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });

    const o = await call('models.setAnalysisModel', {
      setting: 'full',
      sessionToken: tokens.admin,
    });
    expect(o.analysisModel).toMatchObject({ setting: 'full', updatedBy: 'admin' });
    if (o.analysisModel.installed.full)
      expect(o.analysisModel).toMatchObject({
        model: 'full',
        reason: 'full model chosen in settings',
      });
    await call('models.setAnalysisModel', { setting: 'full', sessionToken: tokens.admin });
    const entries = store.audit
      .list({ entity: 'model' })
      .filter((e) => e.action === 'model.setting');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      user: 'admin',
      oldValue: { setting: 'auto' },
      newValue: { setting: 'full' },
    });
    expect(readBeatModelSetting(store)).toBe('full');
  });

  it('an unknown stored value falls back to Auto rather than failing', () => {
    store.settings.set('analysis.beatModel', 'turbo', 'someone-newer');
    expect(readBeatModelSetting(store)).toBe('auto');
    expect(analysisModelInfo(store, { cores: 16, memoryGb: 32, onBattery: false }).setting).toBe(
      'auto',
    );
  });
});
