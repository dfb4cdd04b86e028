/**
 * The EDF header (Kemp et al. 1992; EDF+ 2003; BDF is the same with 24-bit samples): 256 bytes
 * of fixed-width ASCII fields, then 256 bytes per signal, each field given for every signal in
 * turn. Numbers are validated here, so the reader can trust them.
 */
import { EdfError } from './errors';

export interface EdfSignal {
  label: string;
  transducer: string;
  /** Physical dimension as written ("uV", "mV", "mmHg"). */
  units: string;
  physicalMin: number;
  physicalMax: number;
  digitalMin: number;
  digitalMax: number;
  prefiltering: string;
  /** Samples of this signal in each data record. */
  samplesPerRecord: number;
  /** An EDF+ annotation channel ("EDF Annotations"), not a signal. */
  isAnnotations: boolean;
}

export interface EdfHeader {
  /** 16-bit EDF or 24-bit BDF. */
  kind: 'edf' | 'bdf';
  /** Local patient identification (EDF+: "code sex birthdate name"). */
  patient: string;
  /** Local recording identification (EDF+: "Startdate dd-MMM-yyyy …"). */
  recording: string;
  /** "dd.mm.yy" */
  startDate: string;
  /** "hh.mm.ss" */
  startTime: string;
  headerBytes: number;
  /** "EDF+C", "EDF+D", "BDF+C", … or "" for plain EDF. */
  reserved: string;
  /** Data records; -1 when the writer did not know (then taken from the file size). */
  records: number;
  recordSeconds: number;
  signals: EdfSignal[];
}

/** Largest signal count accepted (EDF allows 9999; real files have a few dozen at most). */
const MAX_SIGNALS = 4096;

/** Whether the first bytes are an EDF or BDF header. */
export function looksLikeEdf(bytes: Uint8Array): boolean {
  if (bytes.length < 256) return false;
  const version = ascii(bytes, 0, 8);
  const edf = version === '0       ';
  const bdf = bytes[0] === 0xff && ascii(bytes, 1, 7) === 'BIOSEMI';
  return (
    (edf || bdf) && /^\d+ *$/.test(ascii(bytes, 184, 8)) && /^ *\d+ *$/.test(ascii(bytes, 252, 4))
  );
}

export function parseEdfHeader(bytes: Uint8Array, fileName: string): EdfHeader {
  const fail = (problem: string): never => {
    throw new EdfError(fileName, problem);
  };
  if (!looksLikeEdf(bytes)) fail('not an EDF or BDF file (no valid 256-byte header)');
  const kind = bytes[0] === 0xff ? 'bdf' : 'edf';
  const ns = integer(ascii(bytes, 252, 4), 'number of signals', fail);
  if (ns < 1 || ns > MAX_SIGNALS)
    fail(`number of signals ${ns} is out of range (1–${MAX_SIGNALS})`);
  const headerBytes = integer(ascii(bytes, 184, 8), 'header size', fail);
  if (headerBytes !== 256 * (ns + 1)) {
    fail(`header size ${headerBytes} does not match ${ns} signals (${256 * (ns + 1)} bytes)`);
  }
  if (bytes.length < headerBytes)
    fail(`truncated: the header needs ${headerBytes} bytes, the file has ${bytes.length}`);
  const records = integer(ascii(bytes, 236, 8), 'number of data records', fail);
  if (records < -1) fail(`number of data records ${records} is negative`);
  const recordSeconds = decimal(ascii(bytes, 244, 8), 'data record duration', fail);
  if (!(recordSeconds >= 0)) fail(`data record duration ${recordSeconds} is negative`);
  const field = (offset: number, width: number) => (i: number) =>
    ascii(bytes, 256 + offset * ns + i * width, width).trim();
  const at = {
    label: 0,
    transducer: 16,
    units: 96,
    pmin: 104,
    pmax: 112,
    dmin: 120,
    dmax: 128,
    pre: 136,
    spr: 216,
  };
  const signals = Array.from({ length: ns }, (_, i): EdfSignal => {
    const label = field(at.label, 16)(i);
    const what = `signal ${i + 1} (${label || 'unnamed'})`;
    const num = (offset: number, name: string) =>
      decimal(field(offset, 8)(i), `${what} ${name}`, fail);
    const s: EdfSignal = {
      label,
      transducer: field(at.transducer, 80)(i),
      units: field(at.units, 8)(i),
      physicalMin: num(at.pmin, 'physical minimum'),
      physicalMax: num(at.pmax, 'physical maximum'),
      digitalMin: num(at.dmin, 'digital minimum'),
      digitalMax: num(at.dmax, 'digital maximum'),
      prefiltering: field(at.pre, 80)(i),
      samplesPerRecord: integer(field(at.spr, 8)(i), `${what} samples per record`, fail),
      isAnnotations: label === 'EDF Annotations' || label === 'BDF Annotations',
    };
    if (s.samplesPerRecord < 1) fail(`${what}: ${s.samplesPerRecord} samples per data record`);
    if (!s.isAnnotations && !(s.digitalMax > s.digitalMin)) {
      fail(`${what}: digital maximum ${s.digitalMax} is not above the minimum ${s.digitalMin}`);
    }
    if (!s.isAnnotations && s.physicalMax === s.physicalMin) {
      fail(`${what}: physical minimum and maximum are both ${s.physicalMin}`);
    }
    return s;
  });
  return {
    kind,
    patient: ascii(bytes, 8, 80).trim(),
    recording: ascii(bytes, 88, 80).trim(),
    startDate: ascii(bytes, 168, 8),
    startTime: ascii(bytes, 176, 8),
    headerBytes,
    reserved: ascii(bytes, 192, 44).trim(),
    records,
    recordSeconds,
    signals,
  };
}

function ascii(bytes: Uint8Array, start: number, width: number): string {
  let s = '';
  for (let i = start; i < start + width && i < bytes.length; i++)
    s += String.fromCharCode(bytes[i]);
  return s;
}

function integer(text: string, name: string, fail: (p: string) => never): number {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) fail(`${name} '${t}' is not a whole number`);
  return Number(t);
}

function decimal(text: string, name: string, fail: (p: string) => never): number {
  const t = text.trim();
  const v = Number(t);
  if (t === '' || !Number.isFinite(v)) fail(`${name} '${t}' is not a number`);
  return v;
}
