/** The one error type the SCP-ECG reader throws. */
import { FormatError } from '../errors';

/**
 * An SCP-ECG file is malformed, corrupt (CRC), truncated, or uses a feature this reader does
 * not implement. The message is "<file>: <problem>", shown to the user verbatim.
 */
export class ScpEcgError extends FormatError {}
