/**
 * What the model choice needs to know about this computer: CPU cores, memory, and whether it
 * runs on battery. Read-only, cheap, no Electron: the analysis workers call it themselves.
 *
 * Battery state comes from Linux's /sys/class/power_supply (a "Mains" supply that is online
 * means AC power; a "Battery" that is "Discharging" with no mains online means battery).
 * Elsewhere the OS is not asked (null = unknown); the Electron shell can pass
 * powerMonitor.isOnBatteryPower() instead.
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

export function machineProfile(
  onBattery: boolean | null = linuxOnBattery('/sys/class/power_supply'),
): MachineProfile {
  return {
    cores: availableParallelism(),
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    onBattery,
  };
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
