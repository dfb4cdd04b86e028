/**
 * Multi-segment records (header(5) "name/nseg"): the master header lists segments, each a
 * single-segment record of its own; "~" segments are gaps. Segments are concatenated.
 *  - Fixed layout: every segment has the same signals; the first segment's calibration is used.
 *  - Variable layout: the first segment has length 0 and is a layout header naming the
 *    record's signals; each segment's signals are matched to them by name, absent ones are
 *    invalid, and samples are rescaled when a segment's gain/baseline differs.
 * All segment headers and signal files are read and checked before the output is allocated.
 */
import { WfdbHeaderError } from '../errors';
import { INVALID_SAMPLE } from '../types';
import type { ReadContext } from './context';
import { checkTotalSamples, expandInto, rescaleInPlace } from './expand';
import type { WfdbHeader, WfdbSegmentSpec, WfdbSignalSpec } from './header-types';
import type { DecodedSignals } from './leads';
import { leadFromSpec, maxSamplesPerFrame } from './leads';
import { loadHeader } from './load-header';
import type { SegmentPlan } from './segment';
import { decodeSegment } from './segment-decode';
import { planSegment } from './segment';

interface DataSegment {
  spec: WfdbSegmentSpec;
  plan: SegmentPlan;
  /** For each lead of the record, the segment's signal index or -1 when absent. */
  leadToSignal: number[];
}

type Part = { gap: number } | DataSegment;

export function readMultiSegment(master: WfdbHeader, ctx: ReadContext): DecodedSignals {
  const segments = master.segments ?? [];
  const headers = segments.map((s) =>
    s.name === null
      ? null
      : checkSegmentHeader(loadHeader(ctx, `${s.name}.hea`, master.fileName), master),
  );
  const isVariable = segments.length > 0 && headers[0] !== null && segments[0].sampleCount === 0;
  const leadSpecs = recordSignals(master, isVariable ? headers[0] : headers.find((h) => h));

  const parts: Part[] = segments.map((spec, i) => {
    const header = headers[i];
    if (header === null) return { gap: spec.sampleCount };
    if (isVariable && i === 0) return { gap: 0 }; // the layout header itself
    const leadToSignal = isVariable ? mapByName(leadSpecs, header) : mapByIndex(leadSpecs, header);
    const plan = planSegment(header, ctx, segmentFrames(header, spec, master));
    return { spec, plan, leadToSignal };
  });

  const outSpf = parts.reduce((max, p) => Math.max(max, partSpf(p)), 1);
  const frames = segments.reduce((n, s) => n + s.sampleCount, 0);
  const total = frames * outSpf * leadSpecs.length;
  checkTotalSamples(total, master.fileName, 'this multi-segment record');
  const digital = leadSpecs.map(() => new Int32Array(frames * outSpf));

  let offset = 0;
  for (const part of parts) {
    if ('gap' in part) {
      for (const d of digital)
        d.fill(INVALID_SAMPLE, offset * outSpf, (offset + part.gap) * outSpf);
      offset += part.gap;
    } else {
      copySegment(part, leadSpecs, digital, offset, outSpf);
      offset += part.spec.sampleCount;
    }
  }
  return { leads: leadSpecs.map((spec, i) => leadFromSpec(spec, i, digital[i])), frames, outSpf };
}

/** The record's signals: the layout header's, or (fixed layout) the first segment's. */
function recordSignals(
  master: WfdbHeader,
  layout: WfdbHeader | null | undefined,
): WfdbSignalSpec[] {
  if (!layout) throw new WfdbHeaderError(master.fileName, 'no segment defines the signals');
  if (layout.signals.length !== master.record.signalCount) {
    const problem = `record line announces ${master.record.signalCount} signals but ${layout.fileName} defines ${layout.signals.length}`;
    throw new WfdbHeaderError(master.fileName, problem);
  }
  return layout.signals;
}

/** Largest samples-per-frame among the signals a segment contributes. */
function partSpf(part: Part): number {
  if ('gap' in part) return 1;
  const used = part.leadToSignal.filter((k) => k >= 0).map((k) => part.plan.header.signals[k]);
  return maxSamplesPerFrame(used);
}

function checkSegmentHeader(header: WfdbHeader, master: WfdbHeader): WfdbHeader {
  if (header.segments !== null) {
    throw new WfdbHeaderError(header.fileName, 'a segment cannot itself be a multi-segment record');
  }
  const fs = master.record.fs;
  if (Math.abs(header.record.fs - fs) > 1e-9 * fs) {
    const problem = `segment sampling frequency ${header.record.fs} differs from the record's ${fs} (${master.fileName})`;
    throw new WfdbHeaderError(header.fileName, problem);
  }
  return header;
}

/** The master's length for the segment rules; a segment header that disagrees is an error. */
function segmentFrames(header: WfdbHeader, spec: WfdbSegmentSpec, master: WfdbHeader): number {
  const own = header.record.sampleCount;
  if (own !== null && own !== spec.sampleCount) {
    const problem = `segment ${spec.name} has ${spec.sampleCount} samples here but ${own} in ${header.fileName}`;
    throw new WfdbHeaderError(master.fileName, problem, spec.line);
  }
  return spec.sampleCount;
}

function mapByName(leadSpecs: readonly WfdbSignalSpec[], header: WfdbHeader): number[] {
  const used = new Set<number>();
  return leadSpecs.map((lead) => {
    const k = header.signals.findIndex(
      (s, i) => !used.has(i) && s.description === lead.description,
    );
    if (k >= 0) used.add(k);
    return k;
  });
}

function mapByIndex(leadSpecs: readonly WfdbSignalSpec[], header: WfdbHeader): number[] {
  if (header.signals.length !== leadSpecs.length) {
    const problem = `has ${header.signals.length} signals but this fixed-layout record has ${leadSpecs.length}`;
    throw new WfdbHeaderError(header.fileName, problem);
  }
  return leadSpecs.map((_, i) => i);
}

function copySegment(
  part: DataSegment,
  leadSpecs: readonly WfdbSignalSpec[],
  digital: Int32Array[],
  offset: number,
  outSpf: number,
): void {
  const native = decodeSegment(part.plan);
  const n = part.spec.sampleCount;
  part.leadToSignal.forEach((k, lead) => {
    if (k < 0) {
      digital[lead].fill(INVALID_SAMPLE, offset * outSpf, (offset + n) * outSpf);
      return;
    }
    const spec = part.plan.header.signals[k];
    rescaleInPlace(native[k], spec, leadSpecs[lead]);
    expandInto(digital[lead], offset * outSpf, native[k], n, spec.samplesPerFrame, outSpf);
  });
}
