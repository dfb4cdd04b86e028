import type { BeatRow, ReviewState } from '@common/types';
import { timeSeconds } from './csv';

export interface LabelsDocument {
  recordingId: string;
  recordName: string;
  fs: number;
  samples: number;
  exportedAt: string;
  review: Pick<ReviewState, 'status' | 'signedBy' | 'signedAt' | 'meaning'>;
  beats: (BeatRow & { timeS: number })[];
}

export function encodeJson(doc: Omit<LabelsDocument, 'beats'>, beats: readonly BeatRow[]): string {
  const full: LabelsDocument = {
    ...doc,
    beats: beats.map((b) => ({ ...b, timeS: timeSeconds(b.sample, doc.fs) })),
  };
  return `${JSON.stringify(full, null, 2)}\n`;
}
