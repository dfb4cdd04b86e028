/**
 * De-identified export of a recording as a WFDB record (.hea + .dat, optionally the beat
 * labels as .atr), e.g. to share a case for teaching or research.
 *
 * Removed:
 * - the record name (replaced by the name the caller chooses) and the source path;
 * - the base date and time of the recording;
 * - every header comment: WFDB comments carry age, sex, diagnoses, medications, and in other
 *   databases names, birth dates and identifiers (PTB-XL, LUDB);
 * - the patient (name, external id, age, sex) and the audit trail: they are never written.
 * Kept: the signal itself, sampling rate, lead names and calibration, and beat labels when
 * asked. The ECG waveform is itself biometric data: de-identification reduces, it does not
 * remove, the chance of re-identification.
 *
 * Samples are written in format 16 when every lead fits 16 bits, else format 32, frames
 * interleaved; each lead's checksum is the 16-bit sum of its samples, as WFDB defines it.
 */
import { join } from 'node:path';
import { INVALID_SAMPLE } from '../formats/types';
import type { Store } from '../store';
import { LabelError } from './errors';
import { writeFileAtomic } from './export/atomic';
import { encodeAtr } from './export/atr';

export interface DeidentifyOptions {
  /** The new record name: letters, digits and underscores (WFDB's rule). */
  recordName: string;
  /** Also write the current beat labels as `<recordName>.atr`. */
  includeBeats?: boolean;
}

export interface DeidentifiedRecord {
  header: string;
  dat: Uint8Array;
  atr: Uint8Array | null;
}

const RECORD_NAME = /^[A-Za-z0-9_]{1,64}$/;
const INVALID_16 = -32768;

export function deidentifiedRecord(
  store: Store,
  recordingId: string,
  opts: DeidentifyOptions,
): DeidentifiedRecord {
  if (!RECORD_NAME.test(opts.recordName)) {
    throw new LabelError('invalid', 'a record name has 1 to 64 letters, digits or underscores');
  }
  const layout = store.recordings.layout(recordingId);
  if (!layout) throw new LabelError('not-found', `no recording ${recordingId}`);
  const wide = layout.leads.some((l) => l.sampleType === 'int32');
  const bytes = wide ? 4 : 2;
  const nsig = layout.leads.length;
  const dat = Buffer.alloc(layout.samples * nsig * bytes);
  const lines = [`${opts.recordName} ${nsig} ${layout.fs} ${layout.samples}`];
  // "No sample" is the format's own marker: -32768 in format 16, -2^31 in format 32.
  const stored = (d: number): number => (d === INVALID_SAMPLE && !wide ? INVALID_16 : d);
  layout.leads.forEach((lead, i) => {
    const digital = store.signals.readDigital(layout, i, 0, layout.samples);
    let sum = 0;
    for (let k = 0; k < digital.length; k++) {
      const v = stored(digital[k]);
      const at = (k * nsig + i) * bytes;
      if (wide) dat.writeInt32LE(v, at);
      else dat.writeInt16LE(v, at);
      sum = (sum + v) & 0xffff;
    }
    const checksum = sum >= 0x8000 ? sum - 0x10000 : sum;
    const first = digital.length > 0 ? stored(digital[0]) : 0;
    lines.push(
      [
        `${opts.recordName}.dat`,
        wide ? 32 : 16,
        `${lead.gain}(${lead.baseline})/${lead.units}`,
        wide ? 32 : 16,
        0,
        first,
        checksum,
        0,
        lead.name,
      ].join(' '),
    );
  });
  const atr = opts.includeBeats ? encodeAtr(store.beats.list(recordingId)) : null;
  return { header: `${lines.join('\n')}\n`, dat, atr };
}

/** Writes the record into `outDir` (each file atomically); returns the paths written. */
export function writeDeidentified(
  store: Store,
  recordingId: string,
  outDir: string,
  opts: DeidentifyOptions,
): string[] {
  const rec = deidentifiedRecord(store, recordingId, opts);
  const base = join(outDir, opts.recordName);
  const written: string[] = [];
  // The header last: a reader never finds a header whose signal file is not complete.
  writeFileAtomic(`${base}.dat`, rec.dat);
  written.push(`${base}.dat`);
  if (rec.atr) {
    writeFileAtomic(`${base}.atr`, rec.atr);
    written.push(`${base}.atr`);
  }
  writeFileAtomic(`${base}.hea`, rec.header);
  written.push(`${base}.hea`);
  return written;
}
