/**
 * The Waveform Module (PS3.3 C.10.9): pick one multiplex group from the Waveform Sequence and
 * decode its channel-interleaved Waveform Data into one Int32Array per channel.
 */
import { INVALID_SAMPLE, type ParsedLead } from '../types';
import type { DicomDataSet, DicomElement } from './data-set';
import { DicomError } from './errors';
import { describeChannel } from './leads';
import { TAGS, tagName } from './tags';
import { decimal, items, text, unsigned, type ValueContext } from './values';

export const MAX_CHANNELS = 64;
/** Channels × samples; bounds what is allocated (as in wfdb/limits.ts). */
export const MAX_TOTAL_SAMPLES = 2 ** 28;
export const MAX_FS = 100_000;

export interface DecodedWaveform {
  fs: number;
  samples: number;
  leads: ParsedLead[];
}

type SampleReader = (view: DataView, offset: number) => number;

/** Sample interpretation → [bytes per sample, reader]. Mu-law / A-law (MB, AB) are refused. */
const INTERPRETATIONS: Record<string, readonly [number, SampleReader]> = {
  SB: [1, (v, o) => v.getInt8(o)],
  UB: [1, (v, o) => v.getUint8(o)],
  SS: [2, (v, o) => v.getInt16(o, true)],
  US: [2, (v, o) => v.getUint16(o, true)],
  SL: [4, (v, o) => v.getInt32(o, true)],
};

/**
 * The multiplex group to show: the first labelled "RHYTHM" (the full-length strip in 12-lead
 * ECGs; "MEDIAN BEAT" groups are one averaged beat); failing that, the one with the most
 * samples (the first of equals).
 */
export function selectMultiplex(ctx: ValueContext, top: DicomDataSet): DicomDataSet {
  const groups = items(top, TAGS.waveformSequence);
  if (groups.length === 0) {
    throw new DicomError(
      ctx.fileName,
      'no waveform: the Waveform Sequence (5400,0100) is absent or empty',
    );
  }
  const rhythm = groups.find(
    (g) => text(ctx, g, TAGS.multiplexGroupLabel).toUpperCase() === 'RHYTHM',
  );
  if (rhythm) return rhythm;
  let best = groups[0];
  for (const g of groups) {
    if (
      (unsigned(ctx, g, TAGS.numberOfSamples) ?? 0) >
      (unsigned(ctx, best, TAGS.numberOfSamples) ?? 0)
    )
      best = g;
  }
  return best;
}

/** Decodes one multiplex group. Throws DicomError for anything missing or out of range. */
export function decodeMultiplex(ctx: ValueContext, group: DicomDataSet): DecodedWaveform {
  const fail = (problem: string) => failIn(ctx, problem);
  const channels = required(ctx, group, TAGS.numberOfChannels, 'number of waveform channels');
  const samples = required(ctx, group, TAGS.numberOfSamples, 'number of waveform samples');
  if (channels < 1 || channels > MAX_CHANNELS)
    fail(`${channels} channels (at most ${MAX_CHANNELS} are supported)`);
  if (samples < 1) fail('the waveform has no samples');
  if (channels * samples > MAX_TOTAL_SAMPLES) {
    fail(`${channels} channels × ${samples} samples is more than ${MAX_TOTAL_SAMPLES} samples`);
  }
  const fs = decimal(ctx, group, TAGS.samplingFrequency, Number.NaN, 'sampling frequency');
  if (Number.isNaN(fs))
    fail(`the multiplex group has no sampling frequency ${tagName(TAGS.samplingFrequency)}`);
  if (!(fs > 0 && fs <= MAX_FS)) fail(`sampling frequency ${fs} Hz is not in (0, ${MAX_FS}]`);
  const [bytesPerSample, readSample] = sampleFormat(ctx, group);
  const data = group.get(TAGS.waveformData);
  if (!data || data.items) failIn(ctx, 'the multiplex group has no Waveform Data (5400,1010)');
  const needed = channels * samples * bytesPerSample;
  if (data.length < needed) {
    fail(
      `waveform data has ${data.length} bytes, fewer than ${channels} channels × ${samples} samples × ${bytesPerSample} bytes`,
    );
  }
  const defs = items(group, TAGS.channelDefinitionSequence);
  const leads: ParsedLead[] = [];
  for (let c = 0; c < channels; c++) {
    const info = describeChannel(ctx, defs[c], c, bytesPerSample * 8);
    const digital = deinterleave(ctx, data, {
      channel: c,
      channels,
      samples,
      bytesPerSample,
      readSample,
    });
    const shift = Math.round(info.skew * fs);
    leads.push({
      name: info.name,
      units: info.units,
      gain: info.gain,
      baseline: info.baseline,
      adcResolution: info.adcResolution,
      digital: shift === 0 ? digital : shifted(digital, shift),
    });
  }
  return { fs, samples, leads: withUniqueNames(leads) };
}

function failIn(ctx: ValueContext, problem: string): never {
  throw new DicomError(ctx.fileName, problem);
}

function required(ctx: ValueContext, group: DicomDataSet, t: number, what: string): number {
  const value = unsigned(ctx, group, t);
  if (value === null)
    throw new DicomError(ctx.fileName, `the multiplex group has no ${what} ${tagName(t)}`);
  return value;
}

function sampleFormat(ctx: ValueContext, group: DicomDataSet): readonly [number, SampleReader] {
  const interpretation = text(ctx, group, TAGS.waveformSampleInterpretation);
  const bits = unsigned(ctx, group, TAGS.waveformBitsAllocated);
  const format = INTERPRETATIONS[interpretation];
  if (!format) {
    throw new DicomError(
      ctx.fileName,
      `waveform sample interpretation '${interpretation}' is not supported`,
    );
  }
  if (bits !== format[0] * 8) {
    throw new DicomError(
      ctx.fileName,
      `waveform bits allocated ${bits ?? 'absent'} does not match sample interpretation ${interpretation}`,
    );
  }
  return format;
}

interface Layout {
  channel: number;
  channels: number;
  samples: number;
  bytesPerSample: number;
  readSample: SampleReader;
}

/** Channel `channel` of the interleaved data (C1S1, C2S1, …, CnS1, C1S2, …). */
function deinterleave(ctx: ValueContext, data: DicomElement, l: Layout): Int32Array {
  const out = new Int32Array(l.samples);
  const stride = l.channels * l.bytesPerSample;
  let offset = data.offset + l.channel * l.bytesPerSample;
  const view = ctx.file.view;
  for (let s = 0; s < l.samples; s++, offset += stride) out[s] = l.readSample(view, offset);
  return out;
}

/**
 * A skewed channel's sample t was taken at t/fs + skew; moving it by round(skew × fs) puts it
 * on the group's time base. Samples shifted in from outside are INVALID_SAMPLE.
 */
function shifted(digital: Int32Array, shift: number): Int32Array {
  const out = new Int32Array(digital.length).fill(INVALID_SAMPLE);
  for (let t = 0; t < digital.length; t++) {
    const to = t + shift;
    if (to >= 0 && to < out.length) out[to] = digital[t];
  }
  return out;
}

/** Two channels with the same name (e.g. both uncoded "ECG") get "#2", "#3" suffixes. */
function withUniqueNames(leads: ParsedLead[]): ParsedLead[] {
  const seen = new Map<string, number>();
  return leads.map((lead) => {
    const n = (seen.get(lead.name) ?? 0) + 1;
    seen.set(lead.name, n);
    return n === 1 ? lead : { ...lead, name: `${lead.name}#${n}` };
  });
}
