/**
 * The site's Full / Pruned / Auto beat-model setting, as stored (settings table) and as it
 * resolves on this machine. Changing it is a model-management action (see
 * ml/finetune/activate.ts: setAnalysisModel), audited like activation.
 */
import type { AnalysisModelInfo } from '@common/types';
import { machineProfile, type MachineProfile } from '../config/machine';
import type { Store } from '../store';
import { beatModelDir, chooseBeatModel } from './app-classifier';
import type { BeatModelSetting } from './model-choice';

export const BEAT_MODEL_SETTING = 'analysis.beatModel';
export const DEFAULT_BEAT_MODEL_SETTING: BeatModelSetting = 'auto';
const VALUES: readonly BeatModelSetting[] = ['full', 'pruned', 'auto'];

export function readBeatModelSetting(store: Store): BeatModelSetting {
  return asSetting(store.settings.get(BEAT_MODEL_SETTING)?.value);
}

/** A stored value this version knows, else the default (a newer version may have written it). */
function asSetting(v: unknown): BeatModelSetting {
  return VALUES.includes(v as BeatModelSetting)
    ? (v as BeatModelSetting)
    : DEFAULT_BEAT_MODEL_SETTING;
}

export function analysisModelInfo(
  store: Store,
  machine: MachineProfile = machineProfile(),
): AnalysisModelInfo {
  const stored = store.settings.get(BEAT_MODEL_SETTING);
  const setting = asSetting(stored?.value);
  const chosen = chooseBeatModel(setting, machine);
  return {
    setting,
    model: chosen?.model ?? null,
    reason: chosen?.reason ?? 'no beat model is installed',
    installed: { full: beatModelDir('full') !== null, pruned: beatModelDir('pruned') !== null },
    machine,
    updatedBy: stored?.updatedBy ?? null,
    updatedAt: stored?.updatedAt ?? null,
  };
}
