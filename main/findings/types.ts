/** What the findings service returns for one recording (the app's and the CLI's contract). */
import type { RecordCode } from '../ml/record/labels';

export type FindingSource = 'model' | 'rule' | 'combined';

export interface Finding {
  code: RecordCode;
  /**
   * The score the decision is made on: the model's probability (source "model"), the rule's
   * verdict as 0/1 ("rule"), or (1 − w)·p + w·rule ("combined"; see ml/record/thresholds.ts).
   */
  probability: number;
  threshold: number;
  present: boolean;
  source: FindingSource;
  evidence: {
    /** The model's own probability (null when the model did not run). */
    modelProbability: number | null;
    /** The rule's criterion and outcome (null for codes without a rule). */
    rule: string | null;
    measurements: Record<string, number | null>;
  };
}

export interface FindingsResult {
  /**
   * One finding per code of RECORD_CODES when the recording has the twelve standard leads and
   * a record model ran; [] when the recording lacks leads (see unavailableReason). Without a
   * model only the six rule-based codes are reported.
   */
  findings: Finding[];
  /** e.g. "record-12lead@1.0.0"; null when no model contributed. */
  recordModel: string | null;
  /** The recording's lead names the findings were computed from, standard order. */
  leadsUsed: string[];
  /** 10-s windows the model saw (0 when it did not run). */
  windows: number;
  ms: number;
  /** Why findings are missing, or why some are (no model, recording too short, …). */
  unavailableReason?: string;
}
