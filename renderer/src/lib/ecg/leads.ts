/**
 * Lead names and the standard 12-lead arrangement. Files spell leads differently (PTB-XL "AVR",
 * LUDB "avr", others "aVR", "Lead II"), so names are compared case-insensitively.
 */

/** Canonical key of a lead name: lower case, no spaces/dashes/underscores, no "lead" prefix. */
export function leadKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^lead[\s_-]*/, '')
    .replace(/[\s_-]+/g, '');
}

const PRETTY: Record<string, string> = {
  i: 'I',
  ii: 'II',
  iii: 'III',
  avr: 'aVR',
  avl: 'aVL',
  avf: 'aVF',
  v1: 'V1',
  v2: 'V2',
  v3: 'V3',
  v4: 'V4',
  v5: 'V5',
  v6: 'V6',
};

/** Conventional spelling for standard leads ("avr" → "aVR"); other names as written. */
export function prettyLead(name: string): string {
  return PRETTY[leadKey(name)] ?? name;
}

/** Index of the lead called `want` (case-insensitive), or -1. */
export function findLead(leads: readonly string[], want: string): number {
  const key = leadKey(want);
  return leads.findIndex((l) => leadKey(l) === key);
}

export interface LeadRef {
  /** Lead index in the recording. */
  index: number;
  /** Name as written in the file. */
  name: string;
}

export interface TwelveLeadGrid {
  /** 3 rows × 4 columns: I aVR V1 V4 / II aVL V2 V5 / III aVF V3 V6. */
  rows: LeadRef[][];
  /** Lead II across the full width. */
  rhythm: LeadRef;
}

const GRID_KEYS = [
  ['i', 'avr', 'v1', 'v4'],
  ['ii', 'avl', 'v2', 'v5'],
  ['iii', 'avf', 'v3', 'v6'],
];

/** The 3×4 arrangement, or null when any of the 12 standard leads is missing. */
export function twelveLeadGrid(leads: readonly string[]): TwelveLeadGrid | null {
  const rows: LeadRef[][] = [];
  for (const keys of GRID_KEYS) {
    const row: LeadRef[] = [];
    for (const key of keys) {
      const index = findLead(leads, key);
      if (index < 0) return null;
      row.push({ index, name: leads[index] });
    }
    rows.push(row);
  }
  return { rows, rhythm: rows[1][0] };
}

/** Seconds per column in the 3×4 layout. */
export const TWELVE_LEAD_COLUMN_S = 2.5;
/** Seconds shown by the 3×4 layout (4 columns). */
export const TWELVE_LEAD_SPAN_S = 4 * TWELVE_LEAD_COLUMN_S;
