/**
 * Full, Pruned or Auto: which beat model an analysis uses, and why (the reason is shown in
 * the status bar and written to `analyze`'s runtime).
 *
 * Auto picks the pruned model on a low-power machine: at most LOW_POWER_CORES cores, less
 * than LOW_POWER_MEMORY_GB of memory, or running on battery. Both models classify a
 * 30-minute record in well under a second on 2 cores, so Auto is about battery life and
 * leaving the CPU to the viewer, not about whether the full model can run.
 */
import type { MachineProfile } from '../config/machine';

export type BeatModelSetting = 'full' | 'pruned' | 'auto';
export type BeatModelKind = 'full' | 'pruned';

export const LOW_POWER_CORES = 2;
export const LOW_POWER_MEMORY_GB = 4;

export interface ResolvedModelChoice {
  setting: BeatModelSetting;
  model: BeatModelKind;
  reason: string;
}

/** Why this machine counts as low-power, or null when it does not. */
export function lowPowerReason(m: MachineProfile): string | null {
  if (m.onBattery === true) return 'running on battery';
  if (m.cores <= LOW_POWER_CORES) return `${m.cores} CPU cores`;
  if (m.memoryGb < LOW_POWER_MEMORY_GB) return `${m.memoryGb} GB of memory`;
  return null;
}

export function resolveModelChoice(
  setting: BeatModelSetting,
  machine: MachineProfile,
  available: Record<BeatModelKind, boolean>,
): ResolvedModelChoice {
  if (setting !== 'auto') {
    const fallback: BeatModelKind = setting === 'full' ? 'pruned' : 'full';
    if (available[setting] || !available[fallback])
      return { setting, model: setting, reason: `${setting} model chosen in settings` };
    return {
      setting,
      model: fallback,
      reason: `${setting} model chosen in settings but not installed; using the ${fallback} model`,
    };
  }
  const low = lowPowerReason(machine);
  const want: BeatModelKind = low ? 'pruned' : 'full';
  const other: BeatModelKind = want === 'full' ? 'pruned' : 'full';
  if (!available[want] && available[other])
    return { setting, model: other, reason: `auto: the ${want} model is not installed` };
  return {
    setting,
    model: want,
    reason: low
      ? `auto: low-power machine (${low})`
      : `auto: ${machine.cores} cores, ${machine.memoryGb} GB, on mains power or unknown`,
  };
}
