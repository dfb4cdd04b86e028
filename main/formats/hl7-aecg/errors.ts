/** Errors of the HL7 aECG reader. */
import { FormatError } from '../errors';

/**
 * The aECG file is not well-formed, not an aECG document, or describes something this reader
 * cannot turn into a recording (no leads, irregular sampling, absurd sizes). The message is
 * "<file>: <problem>", shown to the user verbatim.
 */
export class Hl7AecgError extends FormatError {}
