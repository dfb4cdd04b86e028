import type { ImportedRecording, RecordingDetail } from '@common/types';
import type { ParsedRecording } from '../formats/types';
import { referenceBeats } from '../annotate/reference';
import { chooseSampleType, DEFAULT_CHUNK_LEN, type SampleType, type Store } from '../store';
import { toMillivolts } from './units';

/** The annotator whose beat labels are the recording's reference labels (MIT-BIH's `.atr`). */
const REFERENCE_ANNOTATOR = 'atr';

export interface WriteOptions {
  source: string;
  sha256: string;
  user: string;
  chunkLen?: number;
  sampleType?: SampleType;
}

export function importedFrom(rec: RecordingDetail, source: string): ImportedRecording {
  return {
    recordingId: rec.recordingId,
    patientId: rec.patientId,
    source,
    format: rec.format,
    fs: rec.fs,
    leads: rec.leads,
    samples: rec.samples,
    durationS: rec.durationS,
  };
}

/** Refuses what the store must never hold: a lead whose length differs from the record's. */
function checkShape(rec: ParsedRecording): void {
  if (!(rec.fs > 0) || !Number.isFinite(rec.fs)) throw new Error(`invalid sampling rate ${rec.fs}`);
  if (rec.leads.length === 0) throw new Error('the record has no signals');
  rec.leads.forEach((l, i) => {
    if (l.digital.length !== rec.samples) {
      throw new Error(
        `lead ${i} (${l.name}) has ${l.digital.length} samples, the header says ${rec.samples}`,
      );
    }
    if (!Number.isFinite(l.gain) || l.gain === 0)
      throw new Error(`lead ${i} (${l.name}) has gain ${l.gain}`);
  });
}

/**
 * Writes one parsed recording, its patient (created when new), signal, annotations and audit
 * entries in ONE write transaction: all of it is stored or none. Identical source bytes
 * already in the store give that recording back with `duplicate: true` and write nothing.
 */
export function writeRecording(
  store: Store,
  rec: ParsedRecording,
  opts: WriteOptions,
): ImportedRecording {
  checkShape(rec);
  const chunkLen = opts.chunkLen ?? DEFAULT_CHUNK_LEN;
  const existing = store.recordings.findBySha256(opts.sha256);
  if (existing) return { ...importedFrom(existing, opts.source), duplicate: true };
  return store.write(() => {
    const again = store.recordings.findBySha256(opts.sha256);
    if (again) return { ...importedFrom(again, opts.source), duplicate: true };
    const patientId = findOrCreatePatient(store, rec, opts.user);
    const types = rec.leads.map((l) => opts.sampleType ?? chooseSampleType(l.digital));
    const recordingId = store.recordings.insert({
      patientId,
      source: opts.source,
      recordName: rec.recordName,
      format: rec.format,
      fs: rec.fs,
      samples: rec.samples,
      sha256: opts.sha256,
      startTime: rec.startTime,
      comments: rec.comments,
      chunkLen,
      leads: rec.leads.map((l, i) => ({
        name: l.name,
        units: l.units,
        gain: l.gain,
        baseline: l.baseline,
        adcResolution: l.adcResolution,
        toMillivolts: toMillivolts(l.units),
        sampleType: types[i],
      })),
    });
    rec.leads.forEach((l, i) =>
      store.signals.writeLead(recordingId, i, l.digital, chunkLen, types[i]),
    );
    const annotationCounts: Record<string, number> = {};
    for (const [ext, list] of Object.entries(rec.annotations)) {
      store.annotations.insertMany(recordingId, ext, list);
      annotationCounts[ext] = list.length;
    }
    const referenceBeatCount = seedReference(store, recordingId);
    const detail = store.recordings.get(recordingId);
    if (!detail) throw new Error(`recording ${recordingId} vanished during import`);
    store.audit.append({
      user: opts.user,
      action: 'recording.import',
      entity: 'recording',
      entityId: recordingId,
      newValue: {
        source: opts.source,
        recordName: rec.recordName,
        format: rec.format,
        patientId,
        fs: rec.fs,
        samples: rec.samples,
        leads: detail.leads,
        sha256: opts.sha256,
        annotations: annotationCounts,
        referenceBeats: referenceBeatCount,
      },
    });
    return importedFrom(detail, opts.source);
  });
}

/**
 * One patient per patient id found in the file. A file without one (every WFDB record) gets a
 * patient of its own, named after the record: record names are not people, and matching on
 * them would merge e.g. MIT-BIH 122 and LUDB 122 into one patient.
 */
function findOrCreatePatient(store: Store, rec: ParsedRecording, user: string): string {
  const externalId = rec.patient.externalId?.trim() ?? '';
  const found = externalId === '' ? null : store.patients.findByExternalId(externalId);
  if (found) return found.patientId;
  const created = store.patients.create({
    externalId,
    displayName: externalId || rec.recordName,
    sex: rec.patient.sex,
    age: rec.patient.age,
  });
  store.audit.append({
    user,
    action: 'patient.create',
    entity: 'patient',
    entityId: created.patientId,
    newValue: {
      externalId: created.externalId,
      displayName: created.displayName,
      sex: created.sex,
      age: created.age,
    },
  });
  return created.patientId;
}

/**
 * The reference beat labels of the record's `.atr` (MIT-BIH's cardiologist annotations) are
 * the starting labels an annotator corrects, so they become beats (source "reference") in the
 * same transaction. Other annotators (e.g. LUDB's per-lead wave marks) are not beat classes.
 */
function seedReference(store: Store, recordingId: string): number {
  const annotations = store.annotations.list(recordingId, { source: REFERENCE_ANNOTATOR });
  if (annotations.length === 0) return 0;
  // A malformed .atr may point past the signal; the editor could not create such a beat either.
  const samples = store.recordings.get(recordingId)?.samples ?? 0;
  const beats = referenceBeats(annotations).beats.filter((b) => b.sample < samples);
  return store.beats.insertReference(recordingId, beats);
}
