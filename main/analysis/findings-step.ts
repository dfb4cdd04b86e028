/**
 * Record-level findings as a step of the stored analysis and of `analyze`: the 12-lead
 * record model (when installed) plus the measurement rules (main/findings), in the shape the
 * store, the renderer and the CLI share.
 */
import type { FindingsSummary, FindingView } from '@common/types';
import type { ParsedRecording } from '../formats/types';
import {
  computeFindings,
  loadInstalledRecordModel,
  type LoadedRecordModel,
} from '../findings/service';
import { MissingLeadsError, standardLeadIndices } from '../ml/record/preprocess';
import type { AnalysisResult } from './analyze';

export type FindingsStep = (
  recording: ParsedRecording,
  analysis: AnalysisResult,
) => Promise<FindingsSummary>;

export function findingsSummary(
  recording: ParsedRecording,
  analysis: AnalysisResult,
  model: LoadedRecordModel | null,
): FindingsSummary {
  const r = computeFindings(recording, model, analysis);
  return {
    recordModel: r.recordModel,
    findings: r.findings as FindingView[],
    leadsUsed: r.leadsUsed,
    windows: r.windows,
    ms: r.ms,
    unavailableReason: r.unavailableReason ?? null,
  };
}

/**
 * The installed record model when the recording has the twelve standard leads it reads, else
 * null: loading it for a 2-lead Holter would be wasted work, since findings there only say why
 * there are none.
 */
export async function recordModelFor(
  recording: ParsedRecording,
): Promise<LoadedRecordModel | null> {
  try {
    standardLeadIndices(recording.leads.map((l) => l.name));
  } catch (err) {
    if (err instanceof MissingLeadsError) return null;
    throw err;
  }
  return loadInstalledRecordModel();
}

/** The findings step with the installed record model (rules only when none is installed). */
export const installedFindings: FindingsStep = async (recording, analysis) => {
  const model = await recordModelFor(recording);
  try {
    return findingsSummary(recording, analysis, model);
  } finally {
    model?.model.dispose();
  }
};
