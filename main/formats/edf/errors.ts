/** The one error the EDF/BDF reader throws; the message is "<file>: <problem>". */
import { FormatError } from '../errors';

/** An EDF(+) or BDF(+) file is malformed, truncated, or uses what this reader does not. */
export class EdfError extends FormatError {}
