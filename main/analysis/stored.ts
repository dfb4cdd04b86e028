/**
 * A stored recording read back whole as a ParsedRecording, so the analysis that runs on files
 * (`ecg-desk analyze`) runs unchanged on what is in the patient store.
 */
import type { ParsedRecording } from '../formats/types';
import type { Store } from '../store';

export function loadStoredRecording(store: Store, recordingId: string): ParsedRecording | null {
  const detail = store.recordings.get(recordingId);
  const layout = store.recordings.layout(recordingId);
  if (!detail || !layout) return null;
  return {
    format: detail.format,
    recordName: detail.recordName,
    fs: detail.fs,
    samples: detail.samples,
    leads: layout.leads.map((lead) => ({
      name: lead.name,
      units: lead.units,
      gain: lead.gain,
      baseline: lead.baseline,
      adcResolution: null,
      digital: store.signals.readDigital(layout, lead.index, 0, layout.samples),
    })),
    startTime: null,
    comments: detail.comments,
    patient: { externalId: null, age: null, sex: null },
    annotations: {},
  };
}
