import { FormatError } from '../errors';

/**
 * A Philips SierraECG XML file is not one, uses a version or feature this reader does not
 * handle, or is malformed (bad XML, bad base64, XLI chunks that do not fit, wrong lengths).
 * The message is "<file>: <problem>", like every FormatError.
 */
export class PhilipsXmlError extends FormatError {}
