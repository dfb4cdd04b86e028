/** The one error the DICOM waveform reader throws; the message is "<file>: <problem>". */
import { FormatError } from '../errors';

/** A DICOM file is malformed, truncated, not a waveform, or uses an unsupported encoding. */
export class DicomError extends FormatError {}
