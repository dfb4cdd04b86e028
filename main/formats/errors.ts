/**
 * Errors that format readers throw. Every message names the file (path relative to what the
 * user opened) and the problem, e.g. "100.hea line 2: bad gain '2x00'", because the importer
 * shows these messages to the user verbatim.
 */
export class FormatError extends Error {
  /** The file the problem is in (relative to the record's source). */
  file: string;
  /** 1-based line number for text files, null when it does not apply. */
  line: number | null;
  /** The problem alone, without the file/line prefix. */
  readonly problem: string;

  constructor(file: string, problem: string, line: number | null = null) {
    super(line === null ? `${file}: ${problem}` : `${file} line ${line}: ${problem}`);
    this.name = new.target.name;
    this.file = file;
    this.line = line;
    this.problem = problem;
  }
}

/** The .hea header is malformed or describes something impossible. */
export class WfdbHeaderError extends FormatError {}

/** A signal file disagrees with its header: truncated, wrong checksum, too large. */
export class WfdbSignalError extends FormatError {}

/** An annotation file is malformed. */
export class WfdbAnnotationError extends FormatError {}

/** The file uses a feature this reader does not implement (e.g. FLAC formats 508/516/524). */
export class UnsupportedFormatError extends FormatError {}

/** A file the record needs (signal file, segment header) is absent. `file` is the missing one. */
export class MissingFileError extends FormatError {}
