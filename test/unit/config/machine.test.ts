import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linuxOnBattery, machineProfile } from '../../../main/config/machine';
import { tempDir } from '../../integration/helpers';

function supply(root: string, name: string, files: Record<string, string>): void {
  mkdirSync(join(root, name), { recursive: true });
  for (const [f, v] of Object.entries(files)) writeFileSync(join(root, name, f), `${v}\n`);
}

describe('linuxOnBattery (sysfs power_supply)', () => {
  const tmp = tempDir('ecg-power-');
  afterEach(() => tmp.cleanup());

  it('is null when there is no such folder or no mains/battery supply', () => {
    expect(linuxOnBattery(join(tmp.dir, 'absent'))).toBeNull();
    supply(tmp.dir, 'usb', { type: 'USB', online: '1' });
    expect(linuxOnBattery(tmp.dir)).toBeNull();
  });

  it('is true only when the battery discharges and no mains supply is online', () => {
    supply(tmp.dir, 'AC', { type: 'Mains', online: '0' });
    supply(tmp.dir, 'BAT0', { type: 'Battery', status: 'Discharging' });
    expect(linuxOnBattery(tmp.dir)).toBe(true);
    writeFileSync(join(tmp.dir, 'AC', 'online'), '1\n');
    expect(linuxOnBattery(tmp.dir)).toBe(false);
    writeFileSync(join(tmp.dir, 'AC', 'online'), '0\n');
    writeFileSync(join(tmp.dir, 'BAT0', 'status'), 'Full\n');
    expect(linuxOnBattery(tmp.dir)).toBe(false);
  });

  it('machineProfile reports this machine', () => {
    const m = machineProfile(null);
    expect(m.cores).toBeGreaterThanOrEqual(1);
    expect(m.memoryGb).toBeGreaterThan(0);
    expect(m.onBattery).toBeNull();
  });
});
