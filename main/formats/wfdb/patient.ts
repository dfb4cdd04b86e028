/**
 * Patient facts from header comments. There is no standard; these are the conventions found
 * in PhysioNet databases:
 *  - MIT-BIH: the first comment after the record line is "<age> <sex> ...", e.g.
 *    "69 M 1085 1629 x1" (age -1 or "?" = unknown);
 *  - LUDB, MIMIC, test records: "<age>: 51", "<sex>: F", possibly several tags per line;
 *  - PTB: "age: 81", "sex: female".
 * PTB-XL headers carry none (its facts are in ptbxl_database.csv).
 *
 * WFDB headers carry no patient identifier: a record name like "122" names a recording, and
 * MIT-BIH 122 and LUDB 122 are different people. So `externalId` is null, and the importer
 * makes one patient per recording unless a format carries a real patient id.
 */
import type { ParsedRecording } from '../types';

type Patient = ParsedRecording['patient'];
type Sex = Patient['sex'];

const MIT_FIRST_COMMENT = /^(-?\d{1,3}|\?+)\s+([MFmf?])(?:\s|$)/;
// "age" as a whole word (possibly inside <...>) followed by ':'; not "Voltage:" or "Page:".
const AGE_TAG = /(?:^|[\s<])age>?\s*:\s*([^\s<]+)/i;
const SEX_TAG = /(?:^|[\s<])(?:sex|gender)>?\s*:\s*([^\s<]+)/i;

export function parsePatientFacts(
  comments: readonly string[],
  commentsBeforeRecordLine: number,
): Patient {
  let age: number | null = null;
  let sex: Sex = null;
  let ageSeen = false;
  let sexSeen = false;

  const mit = MIT_FIRST_COMMENT.exec(comments[commentsBeforeRecordLine] ?? '');
  if (mit) {
    age = parseAge(mit[1]);
    sex = parseSex(mit[2]);
    ageSeen = sexSeen = true;
  }
  for (const comment of comments) {
    const ageMatch = ageSeen ? null : AGE_TAG.exec(comment);
    if (ageMatch) {
      age = parseAge(ageMatch[1]);
      ageSeen = true;
    }
    const sexMatch = sexSeen ? null : SEX_TAG.exec(comment);
    if (sexMatch) {
      sex = parseSex(sexMatch[1]);
      sexSeen = true;
    }
  }
  return { externalId: null, age, sex };
}

/** Plausible ages only: "-1", "??", ">89" and the like are unknown. */
function parseAge(text: string): number | null {
  if (!/^\d{1,3}(\.\d+)?$/.test(text)) return null;
  const age = Number(text);
  return age <= 130 ? age : null;
}

function parseSex(text: string): Sex {
  const t = text.toLowerCase();
  if (t === 'm' || t === 'male') return 'M';
  if (t === 'f' || t === 'female') return 'F';
  return null;
}
