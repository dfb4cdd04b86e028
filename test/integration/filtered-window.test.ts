import { expect, it } from 'vitest';
import { dispatch } from '../../main/api/dispatch';
import { createHandlers } from '../../main/api/handlers';
import { inProcessImportRunner } from '../../main/import';
import { openStore } from '../../main/store';
import { apiCaller } from './api-call';
import { dataPath, describeWithData } from '../helpers/data';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The handlers as the web host builds them, over an in-memory store. */
function memoryHandlers() {
  const store = openStore(':memory:');
  const handlers = createHandlers({
    store,
    storePath: ':memory:',
    host: 'web',
    importRunner: inProcessImportRunner(store),
  });
  return { store, handlers };
}

describeWithData('mitdb', 'display filters on signals.window (MIT-BIH 100)', () => {
  const { handlers } = memoryHandlers();
  const window = async (input: Record<string, unknown>) => {
    const o = await dispatch(handlers, 'signals.window', input);
    if (!o.ok) throw new Error(o.error.message);
    return o.value as {
      step: number;
      startSample: number;
      leads: { values: number[]; maxValues?: number[] }[];
    };
  };

  it('removes the baseline offset but keeps the QRS where it is; raw stays raw', async () => {
    const report = await dispatch(handlers, 'recordings.importPaths', {
      paths: [dataPath('mitdb', '100.hea')],
    });
    if (!report.ok) throw new Error(report.error.message);
    const { recordingId } = (report.value as { imported: { recordingId: string }[] }).imported[0];
    const span = { recordingId, startSample: 36_000, endSample: 39_600, leads: [0] };
    const raw = (await window(span)).leads[0].values;
    const filtered = (await window({ ...span, filters: { baselineWander: true, lowpassHz: 40 } }))
      .leads[0].values;
    expect(filtered).toHaveLength(raw.length);
    // MLII of record 100 sits about -0.3 mV below zero; the high-pass brings it to ~0.
    expect(Math.abs(mean(raw))).toBeGreaterThan(0.15);
    expect(Math.abs(mean(filtered))).toBeLessThan(0.05);
    // Zero phase: the tallest sample (an R peak) stays within 1 sample of the raw one.
    const argmax = (xs: number[]) => xs.indexOf(Math.max(...xs));
    expect(Math.abs(argmax(filtered) - argmax(raw))).toBeLessThanOrEqual(1);
    // Unfiltered calls are unchanged by the option's existence.
    expect((await window({ ...span, filters: {} })).leads[0].values).toEqual(raw);
    const reduced = await window({ ...span, maxPoints: 100, filters: { baselineWander: true } });
    expect(reduced.step).toBeGreaterThan(1);
    expect(reduced.leads[0].maxValues).toHaveLength(reduced.leads[0].values.length);
  });

  it('refuses filters the contract does not offer', async () => {
    const o = await dispatch(handlers, 'signals.window', {
      recordingId: 'x',
      startSample: 0,
      endSample: 10,
      filters: { lowpassHz: 75 },
    });
    expect(o).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});

describeWithData(
  'wfdb-samples',
  'display filters leave signals that are not voltages alone',
  () => {
    it('mixedsignals: ECG lead II is filtered, arterial pressure comes back as recorded', async () => {
      const { store, handlers } = memoryHandlers();
      const { call } = apiCaller(() => handlers);
      const report = await call('recordings.importPaths', {
        paths: [dataPath('wfdb-samples', 'mixedsignals.hea')],
      });
      const { recordingId } = report.imported[0];
      const read = async (filters?: { baselineWander: boolean; lowpassHz: 40 }) =>
        (
          await call('signals.window', {
            recordingId,
            startSample: 5_000,
            endSample: 7_500,
            leads: [0, 3], // II (mV), ABP (mmHg)
            ...(filters ? { filters } : {}),
          })
        ).leads.map((l) => l.values);
      const [rawII, rawAbp] = await read();
      const [filteredII, filteredAbp] = await read({ baselineWander: true, lowpassHz: 40 });
      expect(filteredAbp).toEqual(rawAbp);
      expect(mean(rawAbp)).toBeGreaterThan(60); // a mean arterial pressure, kept
      expect(filteredII).not.toEqual(rawII);
      store.close();
    });
  },
);
