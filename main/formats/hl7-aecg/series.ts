/**
 * Finding the waveforms: AnnotatedECG/component/series/component/sequenceSet/component/
 * sequence. A series is either the rhythm strip (code RHYTHM) or carries derived waveforms
 * (series/derivation/derivedSeries, e.g. REPRESENTATIVE_BEAT: one averaged beat per lead).
 */
import { Hl7AecgError } from './errors';
import type { XmlElement } from './xml';
import { attr, child, children, path, text } from './xml';

/** A PQ value (value + unit) as written. */
export interface Quantity {
  value: string | null;
  unit: string | null;
}

export interface RawLead {
  /** The sequence's code, e.g. "MDC_ECG_LEAD_II". */
  code: string;
  origin: Quantity | null;
  scale: Quantity | null;
  digits: string;
}

export interface RawSequenceSet {
  increment: Quantity;
  /** GLIST head: an HL7 TS (GLIST_TS) or a relative time (GLIST_PQ). */
  head: string | null;
  leads: RawLead[];
}

export type SeriesKind = 'rhythm' | 'other' | 'derived';

export interface ChosenSeries {
  series: XmlElement;
  kind: SeriesKind;
  code: string | null;
  /** Further series of the same kind with waveforms that were not read. */
  ignored: number;
}

/**
 * The rhythm series if there is one; else another top-level series with leads; else a derived
 * series. Only the first of the chosen kind is read (aECG files hold one 10 s strip each).
 */
export function chooseSeries(root: XmlElement, fileName: string): ChosenSeries {
  const top = children(root, 'component').flatMap((c) => children(c, 'series'));
  const withLeads = top.filter(hasLeads);
  const rhythm = withLeads.filter((s) => seriesCode(s) === 'RHYTHM');
  const other = withLeads.filter((s) => seriesCode(s) !== 'RHYTHM');
  const derived = top
    .flatMap((s) => children(s, 'derivation'))
    .flatMap((d) => children(d, 'derivedSeries'))
    .filter(hasLeads);
  const [kind, list]: [SeriesKind, XmlElement[]] =
    rhythm.length > 0
      ? ['rhythm', rhythm]
      : other.length > 0
        ? ['other', other]
        : ['derived', derived];
  if (list.length === 0) throw new Hl7AecgError(fileName, 'no <sequenceSet> with ECG leads');
  return { series: list[0], kind, code: seriesCode(list[0]), ignored: list.length - 1 };
}

function seriesCode(series: XmlElement): string | null {
  return attr(child(series, 'code'), 'code');
}

function sequenceSets(series: XmlElement): XmlElement[] {
  return children(series, 'component').flatMap((c) => children(c, 'sequenceSet'));
}

function sequences(set: XmlElement): XmlElement[] {
  return children(set, 'component').flatMap((c) => children(c, 'sequence'));
}

function hasLeads(series: XmlElement): boolean {
  return sequenceSets(series).some((set) => sequences(set).some(isLeadSequence));
}

function valueType(seq: XmlElement): string | null {
  return attr(child(seq, 'value'), 'type');
}

function isTimeSequence(seq: XmlElement): boolean {
  const code = attr(child(seq, 'code'), 'code') ?? '';
  return code.startsWith('TIME_') || (valueType(seq) ?? '').startsWith('GLIST');
}

/** Anything with <digits> or typed SLIST_PQ that is not the time axis is a lead. */
function isLeadSequence(seq: XmlElement): boolean {
  if (isTimeSequence(seq)) return false;
  const value = child(seq, 'value');
  return valueType(seq) === 'SLIST_PQ' || child(value, 'digits') !== undefined;
}

function quantity(el: XmlElement | undefined): Quantity | null {
  return el === undefined ? null : { value: attr(el, 'value'), unit: attr(el, 'unit') };
}

/** The series' sequence sets that carry leads, each with its time axis. */
export function readSequenceSets(series: XmlElement, fileName: string): RawSequenceSet[] {
  const out: RawSequenceSet[] = [];
  for (const set of sequenceSets(series)) {
    const seqs = sequences(set);
    const leads = seqs.filter(isLeadSequence).map((seq) => readLead(seq, fileName));
    if (leads.length === 0) continue;
    const time = seqs.find(isTimeSequence);
    const value = child(time, 'value');
    const increment = quantity(child(value, 'increment'));
    if (time === undefined || increment === null) {
      // SLIST_TS / explicit time lists would mean irregular sampling.
      const what =
        time === undefined ? 'no time sequence' : `time sequence of type ${valueType(time) ?? '?'}`;
      throw new Hl7AecgError(
        fileName,
        `sequence set with ${what}; only a regular GLIST increment is supported`,
      );
    }
    out.push({ increment, head: attr(child(value, 'head'), 'value'), leads });
  }
  return out;
}

function readLead(seq: XmlElement, fileName: string): RawLead {
  const code = attr(child(seq, 'code'), 'code') ?? '?';
  const type = valueType(seq);
  if (type !== null && type !== 'SLIST_PQ') {
    throw new Hl7AecgError(
      fileName,
      `lead ${code}: value type ${type} is not supported (only SLIST_PQ)`,
    );
  }
  const value = child(seq, 'value');
  return {
    code,
    origin: quantity(child(value, 'origin')),
    scale: quantity(child(value, 'scale')),
    digits: text(path(value, 'digits')),
  };
}
