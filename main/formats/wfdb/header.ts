/**
 * WFDB header (.hea) parser, after header(5). Pure: takes the header's text and its name (for
 * messages) and returns what it says; reading the signal files is someone else's job.
 */
import { WfdbHeaderError } from '../errors';
import type { Fail } from './header-fields';
import {
  isPlausibleName,
  isSafeRelativePath,
  parseBaseDate,
  parseBaseTime,
  parseDecimal,
  parseFormatField,
  parseFrequency,
  parseGainField,
  parseInteger,
} from './header-fields';
import type { WfdbHeader, WfdbRecordLine, WfdbSegmentSpec, WfdbSignalSpec } from './header-types';
import {
  MAX_HEADER_BYTES,
  MAX_SAMPLES_PER_FRAME,
  MAX_SAMPLING_FREQUENCY,
  MAX_SEGMENTS,
  MAX_SIGNALS,
} from './limits';
import { defaultAdcResolution } from './signal-formats';

/** WFDB's defaults when the record line omits them. */
const DEFAULT_FS = 250;
const DEFAULT_GAIN = 200;
const DEFAULT_UNITS = 'mV';

/**
 * Turns header bytes into text. Rejects binary files early (a NUL byte never occurs in a real
 * header) so a mis-named file gets a clear message rather than a parse error on line 1.
 * Falls back to Latin-1 because old headers carry stray 8-bit unit strings.
 */
export function decodeHeaderText(bytes: Uint8Array, fileName: string): string {
  if (bytes.length > MAX_HEADER_BYTES) {
    throw new WfdbHeaderError(fileName, `too large for a header (${bytes.length} bytes)`);
  }
  if (bytes.includes(0)) {
    throw new WfdbHeaderError(fileName, 'is not a text header (contains binary data)');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

/** Parses a header's text. Throws WfdbHeaderError naming `fileName` and the line. */
export function parseHeader(text: string, fileName: string): WfdbHeader {
  const lines = text.split(/\r\n|\r|\n/);
  const comments: string[] = [];
  const signals: WfdbSignalSpec[] = [];
  const segments: WfdbSegmentSpec[] = [];
  let record: WfdbRecordLine | null = null;
  let commentsBeforeRecordLine = 0;
  let recordLineNo = 0;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const lineNo = i + 1;
    const fail: Fail = (problem) => {
      throw new WfdbHeaderError(fileName, problem, lineNo);
    };
    if (line === '') continue;
    if (line.startsWith('#')) {
      comments.push(line.slice(1).trim());
    } else if (record === null) {
      record = parseRecordLine(line, fail);
      commentsBeforeRecordLine = comments.length;
      recordLineNo = lineNo;
    } else if (record.segmentCount !== null) {
      if (segments.length >= record.segmentCount) {
        fail(`more segment lines than the ${record.segmentCount} the record line announces`);
      }
      segments.push(parseSegmentLine(line, lineNo, fail));
    } else {
      if (signals.length >= record.signalCount) {
        fail(`more signal lines than the ${record.signalCount} the record line announces`);
      }
      signals.push(parseSignalLine(line, lineNo, fail));
    }
  }

  if (record === null) throw new WfdbHeaderError(fileName, 'has no record line (empty header)');
  if (record.segmentCount !== null && segments.length !== record.segmentCount) {
    throw new WfdbHeaderError(
      fileName,
      `record line announces ${record.segmentCount} segments but ${segments.length} are listed`,
      recordLineNo,
    );
  }
  if (record.segmentCount === null && signals.length !== record.signalCount) {
    throw new WfdbHeaderError(
      fileName,
      `record line announces ${record.signalCount} signals but ${signals.length} signal lines follow`,
      recordLineNo,
    );
  }
  return {
    fileName,
    record,
    signals,
    segments: record.segmentCount === null ? null : segments,
    comments,
    commentsBeforeRecordLine,
  };
}

/** "name[/nseg] nsig [fs[/counterfreq[(basecounter)]] [nsamp [basetime [basedate]]]]" */
function parseRecordLine(line: string, fail: Fail): WfdbRecordLine {
  const tokens = line.split(/\s+/);
  if (tokens.length < 2)
    fail(`bad record line '${clip(line)}' (expected "name nsig [fs [nsamp]]")`);
  if (tokens.length > 6) fail(`record line has ${tokens.length} fields, at most 6 are defined`);
  const [nameField, nsigField, fsField, nsampField, timeField, dateField] = tokens;

  const nameMatch = /^([^/]+)(?:\/(.+))?$/.exec(nameField);
  if (!nameMatch || !isPlausibleName(nameMatch[1])) fail(`bad record name '${clip(nameField)}'`);
  const segmentCount =
    nameMatch[2] === undefined
      ? null
      : parseInteger(nameMatch[2], 'number of segments', fail, 1, MAX_SEGMENTS);
  const signalCount = parseInteger(nsigField, 'number of signals', fail, 0, MAX_SIGNALS);

  let fs = DEFAULT_FS;
  let counterFrequency: number | null = null;
  let baseCounter: number | null = null;
  if (fsField !== undefined) {
    const m = /^([^/(]+)(?:\/([^(]+)(?:\(([^)]*)\))?)?$/.exec(fsField);
    if (!m) fail(`bad sampling frequency '${fsField}'`);
    fs = parseFrequency(m[1], 'sampling frequency', fail, MAX_SAMPLING_FREQUENCY);
    if (m[2] !== undefined)
      counterFrequency = parseFrequency(m[2], 'counter frequency', fail, Infinity);
    if (m[3] !== undefined) baseCounter = parseDecimal(m[3], 'base counter', fail);
  }
  const sampleCount =
    nsampField === undefined ? null : parseInteger(nsampField, 'number of samples', fail, 0);
  const baseTime = timeField === undefined ? null : parseBaseTime(timeField, fail);
  const baseDate = dateField === undefined ? null : parseBaseDate(dateField, fail);
  return {
    name: nameMatch[1],
    segmentCount,
    signalCount,
    fs,
    counterFrequency,
    baseCounter,
    sampleCount,
    baseTime,
    baseDate,
  };
}

/** "segname nsamp"; "~ nsamp" is a gap. */
function parseSegmentLine(line: string, lineNo: number, fail: Fail): WfdbSegmentSpec {
  const tokens = line.split(/\s+/);
  if (tokens.length !== 2) fail(`bad segment line '${clip(line)}' (expected "name nsamp")`);
  const [name, nsamp] = tokens;
  if (name !== '~' && !isPlausibleName(name)) fail(`bad segment name '${clip(name)}'`);
  return {
    line: lineNo,
    name: name === '~' ? null : name,
    sampleCount: parseInteger(nsamp, 'segment length', fail, 0),
  };
}

/**
 * "file format[xspf][:skew][+offset] [gain[(baseline)][/units] [adcres [adczero [initval
 * [checksum [blocksize [description]]]]]]]". The description is the rest of the line.
 */
function parseSignalLine(line: string, lineNo: number, fail: Fail): WfdbSignalSpec {
  const { fields, rest } = splitFields(line, 8);
  if (fields.length < 2) fail(`bad signal line '${clip(line)}' (expected "file format ...")`);
  const [fileName, formatField, gainField, resField, zeroField, initField, sumField, blockField] =
    fields;
  if (fileName !== '~' && !isSafeRelativePath(fileName)) {
    fail(`signal file name '${clip(fileName)}' is not a plain relative name`);
  }
  const { format, samplesPerFrame, skew, byteOffset } = parseFormatField(
    formatField,
    MAX_SAMPLES_PER_FRAME,
    fail,
  );
  const gainSpec = gainField === undefined ? null : parseGainField(gainField, fail);
  const res = resField === undefined ? 0 : parseInteger(resField, 'ADC resolution', fail, 0, 32);
  const adcZero = zeroField === undefined ? 0 : parseInteger(zeroField, 'ADC zero', fail);
  const initialValue =
    initField === undefined ? adcZero : parseInteger(initField, 'initial value', fail);
  const checksum =
    sumField === undefined ? null : parseInteger(sumField, 'checksum', fail, -32768, 65535);
  const blockSize = blockField === undefined ? 0 : parseInteger(blockField, 'block size', fail, 0);
  const gain = gainSpec === null || gainSpec.gain === 0 ? DEFAULT_GAIN : gainSpec.gain;
  return {
    line: lineNo,
    fileName,
    format,
    samplesPerFrame,
    skew,
    byteOffset,
    gain,
    // WFDB: the baseline defaults to the ADC zero when the gain field does not give one.
    baseline: gainSpec?.baseline ?? adcZero,
    units: gainSpec?.units ?? DEFAULT_UNITS,
    adcResolution: res === 0 ? defaultAdcResolution(format) : res,
    adcZero,
    initialValue,
    checksum,
    blockSize,
    description: rest === '' ? null : rest,
  };
}

/** Splits off up to `max` whitespace-separated fields; `rest` keeps its inner spaces. */
function splitFields(line: string, max: number): { fields: string[]; rest: string } {
  const fields: string[] = [];
  const re = /\S+/g;
  let end = 0;
  while (fields.length < max) {
    const m = re.exec(line);
    if (!m) break;
    fields.push(m[0]);
    end = m.index + m[0].length;
  }
  return { fields, rest: line.slice(end).trim() };
}

/** Keeps echoed garbage short in messages. */
function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
