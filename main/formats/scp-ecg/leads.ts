/** Section 3: which leads are stored and which samples of the recording each covers. */
import type { ByteRange } from './bytes';
import { MAX_LEADS } from './limits';

export interface LeadDefinition {
  code: number;
  name: string;
  /** 1-based first and last sample number, inclusive (EN 1064 clause 5.6). */
  first: number;
  last: number;
}

export interface LeadDefinitions {
  leads: LeadDefinition[];
  /** Flag bit 0: the rhythm data has the reference beat subtracted (needs sections 4 and 5). */
  referenceBeatSubtracted: boolean;
}

const LEAD_BYTES = 9;

/** EN 1064 lead identification codes (table 13 of the 2005 edition); codes 31-60 are derived. */
// prettier-ignore
const LEAD_NAMES: Record<number, string> = {
  1: 'I', 2: 'II', 3: 'V1', 4: 'V2', 5: 'V3', 6: 'V4', 7: 'V5', 8: 'V6', 9: 'V7',
  10: 'V2R', 11: 'V3R', 12: 'V4R', 13: 'V5R', 14: 'V6R', 15: 'V7R', 16: 'X', 17: 'Y', 18: 'Z',
  19: 'CC5', 20: 'CM5', 21: 'LA', 22: 'RA', 23: 'LL', 24: 'fI', 25: 'fE', 26: 'fC', 27: 'fA',
  28: 'fM', 29: 'fF', 30: 'fH', 61: 'III', 62: 'aVR', 63: 'aVL', 64: 'aVF', 65: '-aVR',
  66: 'V8', 67: 'V9', 68: 'V8R', 69: 'V9R', 70: 'D', 71: 'A', 72: 'J', 73: 'Defib',
  74: 'Extern', 75: 'A1', 76: 'A2', 77: 'A3', 78: 'A4',
};

/** The standard's name for a lead code, else "lead <code>". */
export function leadName(code: number): string {
  return LEAD_NAMES[code] ?? `lead ${code}`;
}

export function readLeadDefinitions(s: ByteRange): LeadDefinitions {
  const count = s.u8(0, 'number of leads');
  const flags = s.u8(1, 'flags');
  if (count === 0) throw s.error('section 3 defines no leads');
  if (count > MAX_LEADS) throw s.error(`section 3 defines ${count} leads (at most ${MAX_LEADS})`);
  s.need(2, count * LEAD_BYTES, `${count} lead definitions`);
  const leads: LeadDefinition[] = [];
  for (let i = 0; i < count; i++) {
    const at = 2 + i * LEAD_BYTES;
    const first = s.u32(at, 'first sample');
    const last = s.u32(at + 4, 'last sample');
    const code = s.u8(at + 8, 'lead code');
    const name = leadName(code);
    if (first < 1 || last < first) {
      throw s.error(`section 3 gives lead ${name} samples ${first} to ${last}`);
    }
    leads.push({ code, name, first, last });
  }
  return { leads, referenceBeatSubtracted: (flags & 1) === 1 };
}
