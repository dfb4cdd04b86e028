/**
 * MIT-format annotation files (annot(5)): a stream of little-endian 16-bit words, each a 6-bit
 * code A and a 10-bit value I. Codes 1-49 are annotations with I = time since the previous
 * one; 59-63 are pseudo-annotations (SKIP a long interval, set NUM/SUB/CHN of the annotation
 * just read, attach an AUX string); a 0 word ends the file. Pure: bytes in, annotations out.
 */
import { WfdbAnnotationError } from '../errors';
import type { ParsedAnnotation } from '../types';
import {
  CODE_AUX,
  CODE_CHN,
  CODE_NOTE,
  CODE_NUM,
  CODE_SKIP,
  CODE_SUB,
  symbolForCode,
} from './annotation-codes';
import { MAX_ANNOTATIONS } from './limits';

export interface ParsedAnnotationFile {
  /** Times are in the file's own ticks: see `timeResolution`. */
  annotations: ParsedAnnotation[];
  /**
   * Ticks per second declared by a "## time resolution: R" note (written by WFDB tools for
   * high-resolution annotation files); null when absent, meaning ticks are the record's frames.
   */
  timeResolution: number | null;
}

interface RawAnnotation {
  sample: number;
  code: number;
  subtype: number;
  chan: number;
  num: number;
  aux: string;
}

export function parseAnnotations(bytes: Uint8Array, fileName: string): ParsedAnnotationFile {
  const raw = readStream(bytes, fileName);
  const { skip, timeResolution, customSymbols } = readDefinitions(raw);
  const annotations: ParsedAnnotation[] = [];
  for (let i = skip; i < raw.length; i++) {
    const a = raw[i];
    if (a.code === 0) continue; // "not an annotation": only carries time forward.
    annotations.push({
      sample: a.sample,
      symbol: symbolForCode(a.code, customSymbols),
      subtype: a.subtype,
      chan: a.chan,
      num: a.num,
      aux: a.aux,
    });
  }
  return { annotations, timeResolution };
}

/** Walks the word stream. Every step consumes bytes, so any input terminates. */
function readStream(bytes: Uint8Array, fileName: string): RawAnnotation[] {
  const fail: (problem: string, at: number) => never = (problem, at) => {
    throw new WfdbAnnotationError(fileName, `${problem} at byte ${at}`);
  };
  const out: RawAnnotation[] = [];
  let current: RawAnnotation | null = null;
  let time = 0;
  let pos = 0;
  while (pos + 1 < bytes.length) {
    const at = pos;
    const word = bytes[pos] | (bytes[pos + 1] << 8);
    pos += 2;
    if (word === 0) return out;
    const code = word >> 10;
    const value = word & 0x3ff;
    if (code === CODE_SKIP) {
      if (pos + 4 > bytes.length) fail('truncated SKIP', at);
      time += readSkipInterval(bytes, pos);
      pos += 4;
    } else if (code >= CODE_NUM) {
      if (current === null) fail(`pseudo-annotation ${code} before any annotation`, at);
      if (code === CODE_AUX) {
        const length = value & 0xff;
        if (pos + length > bytes.length) fail('truncated AUX string', at);
        current.aux = decodeAux(bytes.subarray(pos, pos + length));
        pos += length + (length & 1); // AUX strings are padded to whole words.
      } else {
        // NUM and SUB are signed chars, CHN an unsigned char in the WFDB library.
        const low = value & 0xff;
        if (code === CODE_NUM) current.num = (low << 24) >> 24;
        else if (code === CODE_SUB) current.subtype = (low << 24) >> 24;
        else if (code === CODE_CHN) current.chan = low;
      }
    } else {
      time += value;
      if (time < 0) fail('annotation before the start of the record', at);
      if (out.length >= MAX_ANNOTATIONS) fail(`more than ${MAX_ANNOTATIONS} annotations`, at);
      // NUM and CHN carry over from the previous annotation unless set again.
      const previous = out.length > 0 ? out[out.length - 1] : null;
      current = {
        sample: time,
        code,
        subtype: 0,
        chan: previous ? previous.chan : 0,
        num: previous ? previous.num : 0,
        aux: '',
      };
      out.push(current);
    }
  }
  if (pos < bytes.length) fail('odd number of bytes (not an annotation file?)', pos);
  return out;
}

/** SKIP's 32-bit signed interval is stored as two little-endian words, high word first. */
function readSkipInterval(bytes: Uint8Array, pos: number): number {
  const high = bytes[pos] | (bytes[pos + 1] << 8);
  const low = bytes[pos + 2] | (bytes[pos + 3] << 8);
  const unsigned = high * 65536 + low; // not `<<`: intervals may exceed 31 bits before the sign.
  return unsigned >= 2 ** 31 ? unsigned - 2 ** 32 : unsigned;
}

/** AUX strings are C strings (often NUL-terminated); ASCII in practice, UTF-8 or Latin-1 else. */
function decodeAux(bytes: Uint8Array): string {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  const text = bytes.subarray(0, end);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(text);
  } catch {
    return new TextDecoder('latin1').decode(text);
  }
}

/**
 * WFDB tools put file-level definitions in NOTE annotations at time 0 whose AUX starts with
 * "## ": the time resolution, and custom type codes between "## annotation type definitions"
 * and "## end of definitions" (lines "code symbol description"). They are not annotations.
 */
function readDefinitions(raw: RawAnnotation[]): {
  skip: number;
  timeResolution: number | null;
  customSymbols: Map<number, string>;
} {
  const customSymbols = new Map<number, string>();
  let timeResolution: number | null = null;
  let inDefinitions = false;
  let i = 0;
  for (; i < raw.length && raw[i].sample === 0 && raw[i].code === CODE_NOTE; i++) {
    const aux = raw[i].aux.trim();
    if (inDefinitions) {
      if (aux === '## end of definitions') inDefinitions = false;
      else addCustomSymbol(aux, customSymbols);
    } else if (aux === '## annotation type definitions') {
      inDefinitions = true;
    } else if (aux.startsWith('## time resolution:')) {
      const value = Number(aux.slice('## time resolution:'.length).trim());
      if (Number.isFinite(value) && value > 0) timeResolution = value;
    } else if (!aux.startsWith('## ')) {
      break; // An ordinary note at time 0.
    }
  }
  return { skip: i, timeResolution, customSymbols };
}

function addCustomSymbol(line: string, symbols: Map<number, string>): void {
  const m = /^(\d+)\s+(\S+)/.exec(line);
  if (m) symbols.set(Number(m[1]), m[2]);
}
