/**
 * A FLAC stream that cannot be decoded: truncated, corrupt (CRC mismatch) or using something
 * reserved. The message is the problem alone; the WFDB reader adds the file's name.
 */
export class FlacError extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'FlacError';
  }
}
