/** Audit entries in words, for the audit view. */
import type { AuditEntryRow } from '@common/types';

const ACTIONS: Record<string, string> = {
  'recording.import': 'Imported',
  'patient.create': 'Patient created',
  'beats.seed-reference': 'Reference beats added',
  'beats.model-replace': 'Beat classifier run',
  'beat.relabel': 'Relabelled',
  'beat.insert': 'Inserted beat',
  'beat.delete': 'Deleted beat',
  'beat.move': 'Moved beat',
  'beat.bulk-relabel': 'Bulk relabel',
  'review.start': 'Review started',
  'review.sign': 'Signed',
  'review.reopen': 'Reopened',
};

export function actionName(action: string): string {
  return ACTIONS[action] ?? action;
}

interface AuditedBeat {
  sample: number;
  label: string;
  source: string;
  user: string | null;
  modelVersion: string | null;
}

function isBeat(v: unknown): v is AuditedBeat {
  return typeof v === 'object' && v !== null && 'sample' in v && 'label' in v;
}

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

/** One line of what changed, e.g. "12.345 s: V (model) → N". */
export function auditDetail(e: AuditEntryRow, fs: number): string {
  const t = (s: number) => `${(s / fs).toFixed(3)} s`;
  const who = (b: AuditedBeat) =>
    b.source === 'model'
      ? `model ${b.modelVersion ?? ''}`.trim()
      : b.source === 'user'
        ? (b.user ?? 'user')
        : 'reference';
  const o = e.oldValue;
  const n = e.newValue;
  switch (e.action) {
    case 'beat.relabel':
      if (isBeat(o) && isBeat(n)) return `${t(n.sample)}: ${o.label} (${who(o)}) → ${n.label}`;
      break;
    case 'beat.insert':
      if (isBeat(n)) return `${t(n.sample)}: new ${n.label} beat`;
      break;
    case 'beat.delete':
      if (isBeat(o)) return `${t(o.sample)}: ${o.label} beat (${who(o)}) removed`;
      break;
    case 'beat.move':
      if (isBeat(o) && isBeat(n)) return `${o.label} beat ${t(o.sample)} → ${t(n.sample)}`;
      break;
    case 'beat.bulk-relabel': {
      const nv = obj(n);
      const samples = Array.isArray(nv.samples) ? nv.samples.length : 0;
      const basis = obj(nv.basis);
      const how =
        typeof basis.threshold === 'number' && typeof basis.referenceSample === 'number'
          ? ` (similar to ${t(basis.referenceSample)}, r ≥ ${basis.threshold})`
          : '';
      return `${samples} beats → ${String(nv.label ?? '?')}${how}`;
    }
    case 'beats.model-replace': {
      const nv = obj(n);
      return `${String(nv.modelVersion ?? '')}: ${String(nv.inserted ?? 0)} new, ${String(nv.merged ?? 0)} merged, ${String(nv.removed ?? 0)} removed`;
    }
    case 'recording.import': {
      const nv = obj(n);
      return `${String(nv.source ?? '')}${typeof nv.referenceBeats === 'number' ? ` · ${nv.referenceBeats} reference beats` : ''}`;
    }
    case 'review.sign':
      return `“${String(obj(n).meaning ?? '')}”`;
    default:
      break;
  }
  return '';
}
