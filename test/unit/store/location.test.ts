import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultStorePath, resolveStorePath } from '../../../main/store/location';

describe('store location', () => {
  it('matches Electron\'s userData for productName "ECG Desk"', () => {
    expect(defaultStorePath('linux', {}, '/home/ann')).toBe(
      '/home/ann/.config/ECG Desk/ecg-desk.db',
    );
    expect(defaultStorePath('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ann')).toBe(
      '/cfg/ECG Desk/ecg-desk.db',
    );
    expect(defaultStorePath('darwin', {}, '/Users/ann')).toBe(
      '/Users/ann/Library/Application Support/ECG Desk/ecg-desk.db',
    );
    expect(
      defaultStorePath('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann'),
    ).toBe(join('C:\\Users\\ann\\AppData\\Roaming', 'ECG Desk', 'ecg-desk.db'));
  });

  it('--db wins over ECG_DESK_DB, which wins over the default; relative to cwd', () => {
    expect(resolveStorePath('a.db', { ECG_DESK_DB: '/x/b.db' }, '/work')).toBe('/work/a.db');
    expect(resolveStorePath(undefined, { ECG_DESK_DB: 'b.db' }, '/work')).toBe('/work/b.db');
    expect(resolveStorePath(undefined, { HOME: '/h', XDG_CONFIG_HOME: '/h/.cfg' }, '/work')).toBe(
      '/h/.cfg/ECG Desk/ecg-desk.db',
    );
  });
});
