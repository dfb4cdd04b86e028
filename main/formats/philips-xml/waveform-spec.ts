/**
 * What <parsedwaveforms> holds and how it is stored. 1.04/1.04.01 describe it in attributes
 * (samplespersecond, resolution, leadlabels, numberofleads, compression); 1.03 leaves most of
 * it to <dataacquisition><signalcharacteristics> and uses compressflag/compressmethod, with the
 * lead set named (STD-12) rather than listed. Attributes win where both exist.
 */
import {
  MAX_LEADS,
  MAX_SAMPLING_FREQUENCY,
  MAX_TOTAL_SAMPLES,
  MIN_SAMPLING_FREQUENCY,
} from './limits';
import { type Fail, parseInRange, parseIntInRange, parseNumber } from './numbers';
import { attr, childText, path, rawText, type XmlNode } from './xml';

export interface WaveformSpec {
  fs: number;
  /** Microvolts per digital unit. */
  resolutionUv: number;
  bitsPerSample: number | null;
  /** Samples per lead. */
  samples: number;
  /** One per lead to read, in storage order. */
  labels: string[];
  encoding: 'Base64' | 'Plain';
  compression: 'XLI' | null;
  /** The element's text, still encoded. */
  payload: string;
}

const STD_12 = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];

/** A day per channel (resting ECGs are 10 s); only keeps the arithmetic on hostile input sane. */
const MAX_DURATION_MS = 24 * 3600 * 1000;

/** Lead labels: the leadlabels attribute (1.04), else the named lead set (1.03: STD-12). */
function leadLabels(pw: XmlNode, sc: XmlNode | null, fail: Fail): string[] {
  const listed = attr(pw, 'leadlabels');
  if (listed !== null) return listed.split(/\s+/).filter((s) => s !== '');
  const set = childText(sc, 'leadset') ?? childText(sc, 'acquisitiontype');
  if (set === 'STD-12') return STD_12;
  return fail(`unsupported lead set ${set ?? '(none given)'}`);
}

/** How many of the labelled leads hold valid data (the rest are spare channels). */
function leadCount(pw: XmlNode, sc: XmlNode | null, labels: string[], fail: Fail): number {
  const text = attr(pw, 'numberofleads') ?? childText(sc, 'numberchannelsvalid');
  const count =
    text === null ? labels.length : parseIntInRange(text, 'number of leads', 1, MAX_LEADS, fail);
  if (count > labels.length) return fail(`${count} leads but only ${labels.length} lead labels`);
  if (count < 1 || count > MAX_LEADS) return fail(`${count} leads (at most ${MAX_LEADS} allowed)`);
  return count;
}

/** XLI or none, from compression="XLI" (1.04) or compressflag/compressmethod (1.03). */
function compressionOf(pw: XmlNode, fail: Fail): 'XLI' | null {
  const flag = attr(pw, 'compressflag');
  const method = attr(pw, 'compression') ?? (flag === 'True' ? attr(pw, 'compressmethod') : null);
  if (method === null || method === '' || method === 'None') return null;
  if (method === 'XLI') return method;
  return fail(`unsupported waveform compression ${method}`);
}

function encodingOf(pw: XmlNode, fail: Fail): 'Base64' | 'Plain' {
  const encoding = attr(pw, 'dataencoding');
  if (encoding === 'Base64' || encoding === 'Plain') return encoding;
  return fail(`unsupported waveform dataencoding ${encoding ?? '(missing)'}`);
}

/** Samples per lead = durationperchannel (ms) × fs / 1000, which must come out whole. */
function sampleCount(pw: XmlNode, fs: number, fail: Fail): number {
  const text = attr(pw, 'durationperchannel');
  const ms = parseInRange(text, 'durationperchannel', 0, MAX_DURATION_MS, fail);
  const exact = (ms * fs) / 1000;
  const samples = Math.round(exact);
  if (Math.abs(exact - samples) > 1e-6 || samples < 2) {
    return fail(`durationperchannel ${text} ms at ${fs} Hz is not a whole number of samples`);
  }
  return samples;
}

/** A nonzero offset would need a baseline we have never seen used; refuse rather than guess. */
function checkOffset(pw: XmlNode, sc: XmlNode | null, fail: Fail): void {
  const text = attr(pw, 'signaloffset') ?? childText(sc, 'signaloffset');
  if (text !== null && parseNumber(text, 'signaloffset', fail) !== 0) {
    fail(`unsupported signaloffset ${text}`);
  }
}

/** Reads and checks everything about the waveforms except the payload itself. */
export function readWaveformSpec(root: XmlNode, fail: Fail): WaveformSpec {
  const pw = path(root, 'waveforms', 'parsedwaveforms');
  if (pw === null) return fail('no <waveforms><parsedwaveforms> element');
  const sc = path(root, 'dataacquisition', 'signalcharacteristics');
  const fsText = attr(pw, 'samplespersecond') ?? childText(sc, 'samplingrate');
  const fs = parseInRange(
    fsText,
    'sampling rate',
    MIN_SAMPLING_FREQUENCY,
    MAX_SAMPLING_FREQUENCY,
    fail,
  );
  const resText =
    attr(pw, 'resolution') ?? childText(sc, 'resolution') ?? childText(sc, 'signalresolution');
  const resolutionUv = parseInRange(resText, 'resolution', 0, 1e6, fail);
  if (resolutionUv === 0) fail('resolution 0');
  const bitsText =
    attr(pw, 'bitspersample') ?? attr(pw, 'nbitspersample') ?? childText(sc, 'bitspersample');
  const bitsPerSample =
    bitsText === null ? null : parseIntInRange(bitsText, 'bits per sample', 1, 32, fail);
  checkOffset(pw, sc, fail);
  const labels = leadLabels(pw, sc, fail);
  const count = leadCount(pw, sc, labels, fail);
  const samples = sampleCount(pw, fs, fail);
  if (count * samples > MAX_TOTAL_SAMPLES) {
    fail(`${count} leads × ${samples} samples exceeds the limit of ${MAX_TOTAL_SAMPLES}`);
  }
  const encoding = encodingOf(pw, fail);
  const compression = compressionOf(pw, fail);
  if (compression === 'XLI' && encoding !== 'Base64') fail('XLI data must be Base64-encoded');
  const payload = rawText(pw);
  if (payload === null || payload === '') return fail('<parsedwaveforms> is empty');
  const spec = { fs, resolutionUv, bitsPerSample, samples, encoding, compression, payload };
  return { ...spec, labels: labels.slice(0, count) };
}
