/**
 * A single-segment record: one header, one or more signal files. Signals with several samples
 * per frame keep their full rate; the others are held to match (see expand.ts), so the
 * recording's rate is the frame rate times the largest samples-per-frame.
 */
import { WfdbHeaderError } from '../errors';
import { checkTotalSamples, expandInto } from './expand';
import type { WfdbHeader } from './header-types';
import type { DecodedSignals } from './leads';
import { leadFromSpec, maxSamplesPerFrame } from './leads';
import type { ReadContext } from './context';
import { decodeSegment } from './segment-decode';
import { isNullSignal, planSegment } from './segment';

export function readSingleSegment(header: WfdbHeader, ctx: ReadContext): DecodedSignals {
  rejectLayoutHeader(header);
  const plan = planSegment(header, ctx);
  const outSpf = maxSamplesPerFrame(header.signals);
  const { frames } = plan;
  checkTotalSamples(frames * outSpf * header.signals.length, header.fileName, 'this record');
  const native = decodeSegment(plan);
  const leads = header.signals.map((spec, i) => {
    if (spec.samplesPerFrame === outSpf) return leadFromSpec(spec, i, native[i]);
    const digital = new Int32Array(frames * outSpf);
    expandInto(digital, 0, native[i], frames, spec.samplesPerFrame, outSpf);
    return leadFromSpec(spec, i, digital);
  });
  return { leads, frames, outSpf };
}

/**
 * A header whose signals all lack a file describes no data. With length 0 it is the layout
 * header of a multi-segment record ("3269321_layout.hea"); otherwise it would only produce
 * invalid samples, possibly billions of them from one line of text.
 */
function rejectLayoutHeader(header: WfdbHeader): void {
  if (header.signals.length === 0 || !header.signals.every(isNullSignal)) return;
  const problem =
    header.record.sampleCount === 0
      ? "is the layout header of a multi-segment record, not a record; open the record's master header"
      : 'none of its signals has a signal file';
  throw new WfdbHeaderError(header.fileName, problem);
}
