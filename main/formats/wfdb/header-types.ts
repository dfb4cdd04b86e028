/** What a WFDB header (.hea) says, after syntax checks but before any signal file is read. */

export interface WfdbRecordLine {
  name: string;
  /** Present for multi-segment records ("name/nseg"). */
  segmentCount: number | null;
  signalCount: number;
  /** Frame rate in Hz (samples per second per signal with one sample per frame). */
  fs: number;
  counterFrequency: number | null;
  baseCounter: number | null;
  /** Frames per signal; null when the header omits it (then derived from the file size). */
  sampleCount: number | null;
  /** Normalised "HH:MM:SS" or "HH:MM:SS.fff". */
  baseTime: string | null;
  /** Normalised "YYYY-MM-DD". */
  baseDate: string | null;
}

export interface WfdbSignalSpec {
  /** 1-based line in the header, for error messages. */
  line: number;
  /** As written; "~" means the signal has no file (null signal / layout header). */
  fileName: string;
  format: number;
  samplesPerFrame: number;
  /** In frames: sample t of this signal is stored in frame t + skew. */
  skew: number;
  byteOffset: number;
  /** Effective gain: WFDB's 200 when the header gives 0 or none. */
  gain: number;
  baseline: number;
  units: string;
  /** Bits; the format's default when the header gives 0 or none. */
  adcResolution: number | null;
  adcZero: number;
  initialValue: number;
  /** As written (may be signed or unsigned 16-bit); null when absent. */
  checksum: number | null;
  blockSize: number;
  /** The signal's description (lead name); null when absent. */
  description: string | null;
}

export interface WfdbSegmentSpec {
  line: number;
  /** Segment record name; null for "~" (a gap of invalid samples). */
  name: string | null;
  sampleCount: number;
}

export interface WfdbHeader {
  /** Path of the header relative to the source, for error messages. */
  fileName: string;
  record: WfdbRecordLine;
  signals: WfdbSignalSpec[];
  /** Present for multi-segment records. */
  segments: WfdbSegmentSpec[] | null;
  /** Text of every "#" line, in order, without the "#". */
  comments: string[];
  /** How many of `comments` came before the record line (MIT-BIH facts follow it). */
  commentsBeforeRecordLine: number;
}
