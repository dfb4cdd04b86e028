/**
 * One channel definition (PS3.3 C.10.9.1.4) → lead name and the ParsedLead calibration.
 *
 * DICOM gives physical = digital × sensitivity × correction + baseline, in the units of the
 * Channel Sensitivity Units Sequence. ParsedLead wants physical = (digital − baseline) / gain,
 * so gain = 1 / (sensitivity × correction) and baseline = −baseline_physical × gain.
 */
import type { DicomDataSet } from './data-set';
import { DicomError } from './errors';
import { TAGS } from './tags';
import { decimal, firstText, items, text, unsigned, type ValueContext } from './values';

export interface ChannelInfo {
  name: string;
  units: string;
  gain: number;
  baseline: number;
  adcResolution: number | null;
  /** Channel Sample Skew in seconds (0 when absent). */
  skew: number;
}

const STANDARD_LEADS = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];
const CANONICAL = new Map(STANDARD_LEADS.map((n) => [n.toLowerCase(), n]));

/**
 * SCP-ECG lead numbers ("5.6.3-9-<n>" in the SCPECG scheme) and ISO/IEEE 11073 MDC codes
 * ("2:<n>", DICOM CID 3001) share one numbering for the standard leads.
 */
const LEAD_BY_NUMBER: Record<number, string> = {
  1: 'I',
  2: 'II',
  3: 'V1',
  4: 'V2',
  5: 'V3',
  6: 'V4',
  7: 'V5',
  8: 'V6',
  61: 'III',
  62: 'aVR',
  63: 'aVL',
  64: 'aVF',
  65: '-aVR',
};

/** Reads channel `index` (0-based) of a multiplex group; `def` is its definition item. */
export function describeChannel(
  ctx: ValueContext,
  def: DicomDataSet | undefined,
  index: number,
  bitsAllocated: number,
): ChannelInfo {
  const empty: DicomDataSet = new Map();
  const d = def ?? empty;
  const source = items(d, TAGS.channelSourceSequence)[0] ?? empty;
  const name = leadName(
    firstText(ctx, source, TAGS.codeValue),
    firstText(ctx, source, TAGS.codingScheme),
    text(ctx, source, TAGS.codeMeaning),
    index,
  );
  const what = `channel ${index + 1}`;
  const skewMs = decimal(ctx, d, TAGS.channelSampleSkew, 0, `${what} sample skew`);
  return {
    name,
    ...calibration(ctx, d, what),
    adcResolution: unsigned(ctx, d, TAGS.waveformBitsStored) ?? bitsAllocated,
    skew: skewMs / 1000,
  };
}

/** Lead name from the channel source code: standard names for known codes, else readable text. */
export function leadName(code: string, scheme: string, meaning: string, index: number): string {
  const numbered = /^(?:5\.6\.3-9-|2:)(\d+)$/.exec(code);
  if (numbered && (scheme === '' || /^(SCPECG|MDC)$/i.test(scheme))) {
    const known = LEAD_BY_NUMBER[Number(numbered[1])];
    if (known) return known;
  }
  const mdc = /^MDC_ECG_LEAD_(\w+)$/i.exec(code);
  if (mdc && CANONICAL.has(mdc[1].toLowerCase())) return CANONICAL.get(mdc[1].toLowerCase())!;
  // "Lead I (Einthoven)" → "I"; "Lead V7" → "V7".
  const plain = meaning
    .replace(/^lead\s+/i, '')
    .replace(/\s*\(.*\)\s*$/, '')
    .trim();
  if (plain !== '') return CANONICAL.get(plain.toLowerCase()) ?? plain;
  return code !== '' ? code : `ch${index + 1}`;
}

function calibration(
  ctx: ValueContext,
  d: DicomDataSet,
  what: string,
): Pick<ChannelInfo, 'units' | 'gain' | 'baseline'> {
  const sensitivity = decimal(ctx, d, TAGS.channelSensitivity, Number.NaN, `${what} sensitivity`);
  // No sensitivity means uncalibrated samples; use ParsedLead's documented default.
  if (Number.isNaN(sensitivity)) return { units: 'mV', gain: 200, baseline: 0 };
  const correction = decimal(
    ctx,
    d,
    TAGS.channelSensitivityCorrection,
    1,
    `${what} correction factor`,
  );
  const offset = decimal(ctx, d, TAGS.channelBaseline, 0, `${what} baseline`);
  const scale = sensitivity * correction;
  if (!(scale > 0)) {
    throw new DicomError(
      ctx.fileName,
      `${what}: sensitivity ${sensitivity} × correction ${correction} is not a positive scale`,
    );
  }
  const unitsItem = items(d, TAGS.channelSensitivityUnitsSequence)[0];
  const units = unitsItem
    ? normaliseUnits(
        firstText(ctx, unitsItem, TAGS.codeValue),
        text(ctx, unitsItem, TAGS.codeMeaning),
      )
    : 'mV';
  return { units, gain: 1 / scale, baseline: tidy(-offset / scale) };
}

/** UCUM code value (or its meaning when the value is missing) → the spelling the app uses. */
export function normaliseUnits(code: string, meaning: string): string {
  const key = (code || meaning).trim().replace(/^[µμ]/, 'u').toLowerCase();
  const known: Record<string, string> = {
    uv: 'uV',
    microvolt: 'uV',
    mv: 'mV',
    millivolt: 'mV',
    v: 'V',
    volt: 'V',
  };
  return known[key] ?? (code || meaning || 'mV');
}

/**
 * Digital baselines are usually whole numbers; drop floating-point noise (and −0) so they
 * stay whole, but keep a genuinely fractional one as it is (it is stored as a REAL).
 */
function tidy(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x - r) >= 1e-9) return x;
  return r === 0 ? 0 : r;
}
