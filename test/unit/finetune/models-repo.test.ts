import { describe, expect, it } from 'vitest';
import type { ModelMetrics } from '@common/types';
import { openStore } from '../../../main/store';

const metrics: ModelMetrics = {
  ds2: null,
  ds2Note: 'absent',
  heldOut: null,
  heldOutNote: null,
  training: null,
};

describe('ModelsRepo', () => {
  it('records versions with data and metrics, the shipped one once, and the active one', () => {
    const store = openStore(':memory:');
    const shipped = store.models.ensureShipped('beat-full@1.0.0', '2020-01-01T00:00:00Z');
    expect(shipped).toMatchObject({ version: 'beat-full@1.0.0', folder: null, shipped: true });
    expect(store.models.ensureShipped('beat-full@1.0.0')).toEqual(shipped);
    expect(store.models.countWithPrefix('beat-ft@')).toBe(0);
    const ft = store.models.insert({
      name: 'beat',
      version: 'beat-ft@1.0.0+site.1',
      parentVersion: 'beat-full@1.0.0',
      folder: '/tmp/models/beat-ft@1.0.0+site.1',
      createdBy: 'dr',
      trainingData: {
        recordingIds: ['a'],
        heldOutRecordingIds: [],
        beatsByClass: { N: 10 },
        userBeats: 2,
        signedBy: ['dr'],
      },
      metrics,
      status: 'candidate',
      statusReason: 'not verified',
    });
    expect(ft).toMatchObject({ shipped: false, active: false, metrics, status: 'candidate' });
    expect(store.models.countWithPrefix('beat-ft@')).toBe(1);
    expect(store.models.countWithPrefix('beat_ft@')).toBe(0); // _ is literal
    store.models.setActive('beat-ft@1.0.0+site.1', 'dr', '2020-01-02T00:00:00Z');
    expect(store.models.active()).toEqual({
      version: 'beat-ft@1.0.0+site.1',
      folder: '/tmp/models/beat-ft@1.0.0+site.1',
      activatedAt: '2020-01-02T00:00:00Z',
      activatedBy: 'dr',
    });
    store.models.setActive('beat-full@1.0.0', 'dr');
    expect(store.models.list().map((v) => [v.version, v.active])).toEqual([
      ['beat-full@1.0.0', true],
      ['beat-ft@1.0.0+site.1', false],
    ]);
    store.models.setMetrics('beat-full@1.0.0', metrics);
    expect(store.models.get('beat-full@1.0.0')?.metrics).toEqual(metrics);
    store.close();
  });
});
