/**
 * The record-level codes the 12-lead model reports, and how PTB-XL and LUDB labels map to
 * them. Pure data and parsing; shared by training, evaluation and the findings service.
 *
 * Order (the model's sigmoid outputs, saved as labels.json and checked on load):
 * - the six codes of Ribeiro et al. 2020 (Nat Commun 11:1760): 1dAVb, RBBB, LBBB, SB, AF, ST,
 *   from the PTB-XL SCP statements 1AVB, CRBBB, CLBBB, SBRAD, AFIB, STACH;
 * - the five PTB-XL diagnostic superclasses NORM, MI, STTC, CD, HYP (Wagner et al. 2020),
 *   from scp_statements.csv's diagnostic_class of every diagnostic statement on the record.
 *
 * Likelihoods: a statement listed in scp_codes counts as present whatever its likelihood.
 * PTB-XL gives rhythm and form statements likelihood 0 ("not stated", e.g. {'AFIB': 0.0}), so
 * a threshold would drop every rhythm label; diagnostic likelihoods (15 … 100) encode the
 * report's wording ("possible", "probable"), and the PTB-XL benchmark (Strodthoff et al. 2021)
 * also counts them all. Multi-label: a record may carry any number of codes, including none.
 */
import { csvRecords } from './csv';

export const RIBEIRO_CODES = ['1dAVb', 'RBBB', 'LBBB', 'SB', 'AF', 'ST'] as const;
export const SUPERCLASSES = ['NORM', 'MI', 'STTC', 'CD', 'HYP'] as const;
export const RECORD_CODES = [...RIBEIRO_CODES, ...SUPERCLASSES] as const;

export type RibeiroCode = (typeof RIBEIRO_CODES)[number];
export type Superclass = (typeof SUPERCLASSES)[number];
export type RecordCode = (typeof RECORD_CODES)[number];

export const N_CODES = RECORD_CODES.length;

/** PTB-XL SCP statement of each Ribeiro code. */
export const SCP_OF: Readonly<Record<RibeiroCode, string>> = {
  '1dAVb': '1AVB',
  RBBB: 'CRBBB',
  LBBB: 'CLBBB',
  SB: 'SBRAD',
  AF: 'AFIB',
  ST: 'STACH',
};

export function codeIndex(code: RecordCode): number {
  return RECORD_CODES.indexOf(code);
}

/**
 * scp_codes as written in ptbxl_labels.csv, a Python dict literal such as
 * "{'NORM': 100.0, 'SR': 0.0}", to statement → likelihood.
 */
export function parseScpCodes(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const body = text.trim();
  if (!body.startsWith('{') || !body.endsWith('}'))
    throw new SyntaxError(`scp_codes is not a dict: ${text}`);
  const re = /'([^']+)'\s*:\s*(-?[\d.]+)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) out.set(m[1], Number(m[2]));
  return out;
}

/** statement → diagnostic_class, for the statements that have one (scp_statements.csv). */
export function diagnosticClasses(scpStatementsCsv: string): Map<string, Superclass> {
  const out = new Map<string, Superclass>();
  for (const row of csvRecords(scpStatementsCsv)) {
    const code = row[''];
    const cls = row.diagnostic_class;
    if (code && (SUPERCLASSES as readonly string[]).includes(cls)) out.set(code, cls as Superclass);
  }
  return out;
}

/** 0/1 per RECORD_CODES entry from a PTB-XL record's statements. */
export function ptbxlLabels(
  scp: ReadonlyMap<string, number>,
  classes: ReadonlyMap<string, Superclass>,
): Uint8Array {
  const y = new Uint8Array(N_CODES);
  RIBEIRO_CODES.forEach((code, i) => {
    if (scp.has(SCP_OF[code])) y[i] = 1;
  });
  for (const statement of scp.keys()) {
    const cls = classes.get(statement);
    if (cls) y[codeIndex(cls)] = 1;
  }
  return y;
}

/**
 * LUDB diagnosis lines (header comments, e.g. "Rhythm: Sinus bradycardia.") that state a
 * Ribeiro code. LUDB gives every record a rhythm line and lists every conduction abnormality,
 * so for these six codes an absent statement is a negative. Not mapped: atrial flutter (not
 * AFIB in PTB-XL either), incomplete bundle branch blocks (not CRBBB/CLBBB), III degree AV block.
 */
const LUDB_STATEMENTS: Readonly<Record<RibeiroCode, RegExp>> = {
  '1dAVb': /^I degree AV block\b/i,
  RBBB: /^Complete right bundle branch block\b/i,
  LBBB: /^Complete left bundle branch block\b/i,
  SB: /^Rhythm:\s*Sinus bradycardia\b/i,
  AF: /^Rhythm:\s*Atrial fibrillation\b/i,
  ST: /^Rhythm:\s*Sinus tachycardia\b/i,
};

/**
 * Labels of a LUDB record from its header comments: 0/1 for the six Ribeiro codes, null for
 * the five superclasses. LUDB does not state them in PTB-XL's terms: it never says "normal",
 * calls left ventricular hypertrophy on 108 of 200 records by its own voltage criteria, and
 * describes infarction as "scar formation"/"STEMI" by wall, so a mapping would be a guess.
 */
export function ludbLabels(comments: readonly string[]): (0 | 1 | null)[] {
  const lines = comments.map((c) => c.replace(/^#/, '').trim());
  if (!lines.some((l) => /^Rhythm:/i.test(l)))
    throw new Error('not a LUDB header: no "Rhythm:" diagnosis line');
  return RECORD_CODES.map((code) => {
    const re = LUDB_STATEMENTS[code as RibeiroCode];
    if (!re) return null;
    return lines.some((l) => re.test(l)) ? 1 : 0;
  });
}
