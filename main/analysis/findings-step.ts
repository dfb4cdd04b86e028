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
import type { AnalysisResult } from './analyze';

export type FindingsStep = (
  recording: ParsedRecording,
  analysis: AnalysisResult,
) => FindingsSummary;

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

/** The findings step with the installed record model (rules only when none is installed). */
export async function installedFindingsStep(): Promise<FindingsStep> {
  const model = await loadInstalledRecordModel();
  return (recording, analysis) => findingsSummary(recording, analysis, model);
}
