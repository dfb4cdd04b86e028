/** Reading shared-data records in tests (through the app's own WFDB reader). */
import { readRecording } from '../../../main/formats';
import { fileSourceFromDir } from '../../../main/formats/fs-source';
import type { ParsedRecording } from '../../../main/formats/types';
import { leadMillivolts } from '../../../main/analysis/signal';
import { dataPath } from '../../helpers/data';

export function loadRecord(db: string, name: string): ParsedRecording {
  return readRecording(fileSourceFromDir(dataPath(db)), `${name}.hea`);
}

export function millivolts(rec: ParsedRecording): Float32Array[] {
  return rec.leads.map(leadMillivolts);
}
