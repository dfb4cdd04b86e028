import { expect } from 'vitest';
import type { ParsedRecording } from '../../main/formats/types';
import { mulberry32 } from '../../main/ml/seed';
import type { Store } from '../../main/store';
import { firstDifference, minMaxOf, physicalValues } from '../unit/store/fixtures';

/** Checks random raw windows and reduced windows of every lead against the parsed record. */
export function checkWindows(
  store: Store,
  recordingId: string,
  rec: ParsedRecording,
  seed: number,
): void {
  const random = mulberry32(seed);
  for (let k = 0; k < 40; k++) {
    const start = Math.floor(random() * (rec.samples - 1));
    const end = Math.min(rec.samples, start + 1 + Math.floor(random() * 20_000));
    const w = store.signals.readWindow(recordingId, start, end);
    expect(w?.step).toBe(1);
    w?.leads.forEach((lead) => {
      expect(firstDifference(lead.values, physicalValues(rec, lead.index, start, end))).toBeNull();
    });
  }
  for (let k = 0; k < 5; k++) {
    const start = Math.floor(random() * (rec.samples / 2));
    const end = rec.samples - Math.floor(random() * (rec.samples / 4));
    const maxPoints = 100 + Math.floor(random() * 1500);
    const w = store.signals.readWindow(recordingId, start, end, undefined, maxPoints);
    if (!w) throw new Error('no window');
    expect(w.step).toBe(Math.max(1, Math.ceil((end - start) / maxPoints)));
    for (const lead of w.leads) {
      const { mins, maxs } = minMaxOf(physicalValues(rec, lead.index, start, end), w.step);
      expect(firstDifference(lead.values, mins)).toBeNull();
      if (w.step > 1) expect(firstDifference(lead.maxValues ?? [], maxs)).toBeNull();
    }
  }
}
