import type { ParsedRecording } from '../../../../main/formats/types';

/** A synthetic recording: a spike train per lead (taller with the lead index) on a slow wave; gain 1000/mV. */
export function syntheticRecording(
  names: readonly string[],
  fs: number,
  seconds: number,
): ParsedRecording {
  const samples = Math.round(fs * seconds);
  return {
    format: 'wfdb',
    recordName: 'synthetic',
    fs,
    samples,
    leads: names.map((name, k) => {
      const digital = new Int32Array(samples);
      for (let t = 0; t < samples; t++) {
        const phase = (t / fs) % 0.8; // 75 bpm
        digital[t] = Math.round(1000 * (0.2 * Math.sin(t / fs) + (phase < 0.04 ? 1 + k / 10 : 0)));
      }
      return { name, units: 'mV', gain: 1000, baseline: 0, adcResolution: 16, digital };
    }),
    startTime: null,
    comments: [],
    patient: { externalId: null, age: null, sex: null },
    annotations: {},
  };
}
