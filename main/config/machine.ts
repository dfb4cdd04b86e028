/**
 * What the model choice needs to know about this computer: CPU cores, memory, and whether it
 * runs on battery. Read-only, cheap, no Electron: the analysis workers call it themselves.
 *
 * Battery state: the Electron shell keeps ON_BATTERY_ENV ("1"/"0") up to date from
 * powerMonitor (worker threads get a copy of the environment when they start, so every
 * analysis sees the state at its start); without it, Linux's /sys/class/power_supply (a
 * "Mains" supply that is online means AC power; a "Battery" that is "Discharging" with no mains
 * online means battery); elsewhere null (unknown).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { join } from 'node:path';

export interface MachineProfile {
  cores: number;
  memoryGb: number;
  /** true on battery, false on mains, null when the OS did not say. */
  onBattery: boolean | null;
}

/** Set by the Electron shell from powerMonitor: "1" on battery, "0" on mains. */
export const ON_BATTERY_ENV = 'ECG_DESK_ON_BATTERY';

export function machineProfile(onBattery: boolean | null = batteryState()): MachineProfile {
  return {
    cores: availableParallelism(),
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    onBattery,
  };
}

/** The shell's word when it gave one, else the OS's (Linux sysfs), else null. */
export function batteryState(env: NodeJS.ProcessEnv = process.env): boolean | null {
  const v = env[ON_BATTERY_ENV];
  if (v === '1') return true;
  if (v === '0') return false;
  return linuxOnBattery('/sys/class/power_supply');
}

/** Battery state from a sysfs power_supply folder; null when it has no supplies or is absent. */
export function linuxOnBattery(dir: string): boolean | null {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  const read = (name: string, file: string): string | null => {
    try {
      return readFileSync(join(dir, name, file), 'utf8').trim();
    } catch {
      return null;
    }
  };
  let mainsOnline = false;
  let discharging = false;
  let any = false;
  for (const name of names) {
    const type = read(name, 'type');
    if (type === 'Mains') {
      any = true;
      if (read(name, 'online') === '1') mainsOnline = true;
    } else if (type === 'Battery') {
      any = true;
      if (read(name, 'status') === 'Discharging') discharging = true;
    }
  }
  if (!any) return null;
  return discharging && !mainsOnline;
}
