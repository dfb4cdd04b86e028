import { describe, expect, it } from 'vitest';
import { lowPowerReason, resolveModelChoice } from '../../../main/analysis/model-choice';

const desktop = { cores: 8, memoryGb: 16, onBattery: false };
const both = { full: true, pruned: true };

describe('resolveModelChoice', () => {
  it('Full and Pruned are taken as set', () => {
    expect(resolveModelChoice('full', desktop, both)).toMatchObject({ model: 'full' });
    expect(resolveModelChoice('pruned', desktop, both)).toMatchObject({ model: 'pruned' });
  });

  it('Auto picks Pruned on few cores, little memory or battery, and says which', () => {
    expect(resolveModelChoice('auto', desktop, both)).toMatchObject({ model: 'full' });
    expect(resolveModelChoice('auto', { ...desktop, cores: 2 }, both)).toMatchObject({
      model: 'pruned',
      reason: 'auto: low-power machine (2 CPU cores)',
    });
    expect(resolveModelChoice('auto', { ...desktop, memoryGb: 3.5 }, both).reason).toMatch(
      /3\.5 GB of memory/,
    );
    expect(resolveModelChoice('auto', { ...desktop, onBattery: true }, both).reason).toMatch(
      /battery/,
    );
    // unknown power source is not taken as battery
    expect(resolveModelChoice('auto', { ...desktop, onBattery: null }, both).model).toBe('full');
  });

  it('falls back to the installed model and says so', () => {
    const fullOnly = { full: true, pruned: false };
    expect(resolveModelChoice('pruned', desktop, fullOnly)).toMatchObject({
      model: 'full',
      reason: expect.stringMatching(/not installed/),
    });
    expect(resolveModelChoice('auto', { ...desktop, cores: 1 }, fullOnly)).toMatchObject({
      model: 'full',
      reason: 'auto: the pruned model is not installed',
    });
  });

  it('battery outranks the other reasons', () => {
    expect(lowPowerReason({ cores: 1, memoryGb: 1, onBattery: true })).toBe('running on battery');
    expect(lowPowerReason(desktop)).toBeNull();
  });
});
