/**
 * Beat edits as data: what the editor asks the host to do, how each is applied to the local
 * copy at once (optimistically), and its inverse for undo. Undo and redo are ordinary edits
 * through the same API, so each one is audited like any other change.
 */
import type { BeatLabel, BeatRow } from '@common/types';
import type { BeatIndex } from './beatIndex';

export interface BulkBasis {
  referenceSample: number;
  threshold: number;
  lead?: number;
  windowMs?: number;
}

export type Edit =
  /** Relabel the beat at `sample`, or insert one there. */
  | { kind: 'set'; sample: number; label: BeatLabel }
  | { kind: 'delete'; sample: number }
  | { kind: 'move'; from: number; to: number }
  /** One audited relabel of many beats. */
  | { kind: 'bulk'; samples: number[]; label: BeatLabel; basis?: BulkBasis };

/** Samples an edit touches (before and after). */
export function touched(e: Edit): number[] {
  switch (e.kind) {
    case 'set':
    case 'delete':
      return [e.sample];
    case 'move':
      return [e.from, e.to];
    case 'bulk':
      return e.samples;
  }
}

/** A person's label on a beat (keeping the model's opinion), as the host will store it. */
export function userRow(
  sample: number,
  label: BeatLabel,
  user: string,
  before: BeatRow | null | undefined,
): BeatRow {
  return {
    sample,
    label,
    source: 'user',
    user,
    modelVersion: before?.modelVersion ?? null,
    modelLabel: before?.modelLabel ?? null,
    confidence: before?.confidence ?? null,
    probs: before?.probs ?? null,
    fragile: before?.fragile ?? null,
    flipEpsilon: before?.flipEpsilon ?? null,
    updatedAt: new Date().toISOString(),
  };
}

/** Why an edit cannot be made on the local copy, or null. */
export function editProblem(index: BeatIndex, e: Edit): string | null {
  switch (e.kind) {
    case 'set':
      return null;
    case 'delete':
      return index.get(e.sample) ? null : 'There is no beat there.';
    case 'move':
      if (!index.get(e.from)) return 'There is no beat there.';
      if (e.from !== e.to && index.get(e.to)) return 'There is already a beat at that place.';
      return null;
    case 'bulk':
      return e.samples.every((s) => index.get(s)) ? null : 'Some of those beats are gone.';
  }
}

/** The edits that undo `e`, computed from the local copy before `e` is applied. */
export function inverseOf(index: BeatIndex, e: Edit): Edit[] {
  switch (e.kind) {
    case 'set': {
      const before = index.get(e.sample);
      return before
        ? [{ kind: 'set', sample: e.sample, label: before.label }]
        : [{ kind: 'delete', sample: e.sample }];
    }
    case 'delete': {
      const before = index.get(e.sample)!;
      return [{ kind: 'set', sample: e.sample, label: before.label }];
    }
    case 'move':
      return [{ kind: 'move', from: e.to, to: e.from }];
    case 'bulk': {
      const byLabel = new Map<BeatLabel, number[]>();
      for (const s of e.samples) {
        const b = index.get(s)!;
        if (b.label === e.label) continue;
        byLabel.set(b.label, [...(byLabel.get(b.label) ?? []), s]);
      }
      return [...byLabel].map(([label, samples]) =>
        samples.length === 1
          ? { kind: 'set', sample: samples[0], label }
          : { kind: 'bulk', samples, label },
      );
    }
  }
}

/** Applies `e` to the local copy as the host will (optimistic update). */
export function applyLocal(index: BeatIndex, e: Edit, user: string): void {
  switch (e.kind) {
    case 'set':
      index.put(userRow(e.sample, e.label, user, index.get(e.sample)));
      return;
    case 'delete':
      index.remove(e.sample);
      return;
    case 'move': {
      const before = index.get(e.from);
      if (!before || e.from === e.to) return;
      index.remove(e.from);
      index.put(userRow(e.to, before.label, user, before));
      return;
    }
    case 'bulk':
      for (const s of e.samples) index.put(userRow(s, e.label, user, index.get(s)));
  }
}

/** "relabel 1 beat as V", "delete the beat at 12.345 s", for the undo menu and audit reasons. */
export function describe(e: Edit, fs: number): string {
  const t = (s: number) => `${(s / fs).toFixed(3)} s`;
  switch (e.kind) {
    case 'set':
      return `label the beat at ${t(e.sample)} ${e.label}`;
    case 'delete':
      return `delete the beat at ${t(e.sample)}`;
    case 'move':
      return `move the beat at ${t(e.from)} to ${t(e.to)}`;
    case 'bulk':
      return `relabel ${e.samples.length} beats as ${e.label}`;
  }
}
