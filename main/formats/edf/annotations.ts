/**
 * EDF+ annotations: each data record's "EDF Annotations" channel holds Time-stamped Annotation
 * Lists, "+onset[\x15duration]\x14text\x14…\x14\x00", the first of them with no text giving the
 * record's own start (time-keeping). Onsets are seconds from the file's start time.
 */

export interface EdfAnnotation {
  onsetS: number;
  durationS: number | null;
  text: string;
}

export interface RecordTals {
  /** The record's start (s) from its time-keeping TAL; null when it has none. */
  recordStartS: number | null;
  annotations: EdfAnnotation[];
}

const utf8 = new TextDecoder('utf-8');

/** Parses one record's annotation bytes; returns null where the bytes are not TALs. */
export function parseTals(bytes: Uint8Array): RecordTals | null {
  let recordStartS: number | null = null;
  const annotations: EdfAnnotation[] = [];
  let start = 0;
  for (let tal = 0; start < bytes.length; tal++) {
    let end = bytes.indexOf(0, start);
    if (end < 0) end = bytes.length;
    if (end === start) break; // the rest is padding
    const parts = utf8.decode(bytes.subarray(start, end)).split('\x14');
    const [onset, duration, ...extra] = parts[0].split('\x15');
    const valid = /^[+-]\d+(\.\d*)?$/.test(onset) && extra.length === 0;
    if (!valid || (duration !== undefined && !/^\d+(\.\d*)?$/.test(duration))) return null;
    const onsetS = Number(onset);
    const durationS = duration === undefined ? null : Number(duration);
    const texts = parts.slice(1).filter((t) => t !== '');
    if (tal === 0 && texts.length === 0) recordStartS = onsetS;
    for (const text of texts) annotations.push({ onsetS, durationS, text });
    start = end + 1;
  }
  return { recordStartS, annotations };
}
