/**
 * The attributes the reader uses, as 32-bit (group << 16 | element) numbers. Names follow
 * the DICOM data dictionary (PS3.6); the waveform ones are described in PS3.3 C.10.9.
 */
export const tag = (group: number, element: number): number => ((group << 16) | element) >>> 0;

/** "(5400,1010)", the way DICOM people write tags, for error messages. */
export function tagName(t: number): string {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  return `(${hex(t >>> 16)},${hex(t & 0xffff)})`;
}

export const TAGS = {
  transferSyntax: tag(0x0002, 0x0010),
  acquisitionDateTime: tag(0x0008, 0x002a),
  studyDate: tag(0x0008, 0x0020),
  acquisitionDate: tag(0x0008, 0x0022),
  contentDate: tag(0x0008, 0x0023),
  studyTime: tag(0x0008, 0x0030),
  acquisitionTime: tag(0x0008, 0x0032),
  contentTime: tag(0x0008, 0x0033),
  codeValue: tag(0x0008, 0x0100),
  codingScheme: tag(0x0008, 0x0102),
  codeMeaning: tag(0x0008, 0x0104),
  patientId: tag(0x0010, 0x0020),
  patientBirthDate: tag(0x0010, 0x0030),
  patientSex: tag(0x0010, 0x0040),
  patientAge: tag(0x0010, 0x1010),
  numberOfChannels: tag(0x003a, 0x0005),
  numberOfSamples: tag(0x003a, 0x0010),
  samplingFrequency: tag(0x003a, 0x001a),
  multiplexGroupLabel: tag(0x003a, 0x0020),
  channelDefinitionSequence: tag(0x003a, 0x0200),
  channelSourceSequence: tag(0x003a, 0x0208),
  channelSensitivity: tag(0x003a, 0x0210),
  channelSensitivityUnitsSequence: tag(0x003a, 0x0211),
  channelSensitivityCorrection: tag(0x003a, 0x0212),
  channelBaseline: tag(0x003a, 0x0213),
  channelSampleSkew: tag(0x003a, 0x0215),
  waveformBitsStored: tag(0x003a, 0x021a),
  measurementUnitsSequence: tag(0x0040, 0x08ea),
  conceptNameSequence: tag(0x0040, 0xa043),
  numericValue: tag(0x0040, 0xa30a),
  annotationSequence: tag(0x0040, 0xb020),
  unformattedText: tag(0x0070, 0x0006),
  waveformSequence: tag(0x5400, 0x0100),
  waveformBitsAllocated: tag(0x5400, 0x1004),
  waveformSampleInterpretation: tag(0x5400, 0x1006),
  waveformData: tag(0x5400, 0x1010),
} as const;

/**
 * Sequences the reader descends into. Every other sequence is walked only as far as needed
 * to find its end. Implicit VR files carry no VRs, so this list is also how the reader knows
 * that these defined-length elements hold items rather than opaque bytes.
 */
export const KEPT_SEQUENCES: ReadonlySet<number> = new Set([
  TAGS.waveformSequence,
  TAGS.channelDefinitionSequence,
  TAGS.channelSourceSequence,
  TAGS.channelSensitivityUnitsSequence,
  TAGS.annotationSequence,
  TAGS.conceptNameSequence,
  TAGS.measurementUnitsSequence,
]);

export const ITEM = tag(0xfffe, 0xe000);
export const ITEM_DELIMITER = tag(0xfffe, 0xe00d);
export const SEQUENCE_DELIMITER = tag(0xfffe, 0xe0dd);
