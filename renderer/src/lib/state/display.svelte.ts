/**
 * Display settings of the ECG paper: screen calibration (CSS pixels per millimetre), gain and
 * speed. Persisted in localStorage so a calibrated screen stays calibrated.
 */
import {
  DEFAULT_FILTERS,
  LOWPASS_OPTIONS,
  POWERLINE_OPTIONS,
  type DisplayFilters,
} from '../ecg/filters';
import { CSS_PX_PER_MM, GAINS, SPEEDS, type Gain, type Speed } from '../ecg/paper';
import { readStored, writeStored } from './storage';

const KEYS = {
  pxPerMm: 'ecgDesk.pxPerMm',
  gain: 'ecgDesk.gain',
  speed: 'ecgDesk.speed',
  filters: 'ecgDesk.filters',
} as const;

export const PX_PER_MM_MIN = 2;
export const PX_PER_MM_MAX = 12;

function storedNumber<T extends number>(key: string, allowed: readonly T[], fallback: T): T {
  const v = Number(readStored(key));
  return (allowed as readonly number[]).includes(v) ? (v as T) : fallback;
}

function initialPxPerMm(): number {
  const v = Number(readStored(KEYS.pxPerMm));
  return Number.isFinite(v) && v >= PX_PER_MM_MIN && v <= PX_PER_MM_MAX ? v : CSS_PX_PER_MM;
}

function initialFilters(): DisplayFilters {
  try {
    const v = JSON.parse(readStored(KEYS.filters) ?? 'null') as Partial<DisplayFilters> | null;
    if (!v || typeof v !== 'object') return { ...DEFAULT_FILTERS };
    return {
      baselineWander: typeof v.baselineWander === 'boolean' ? v.baselineWander : true,
      powerlineHz: (POWERLINE_OPTIONS as readonly unknown[]).includes(v.powerlineHz)
        ? (v.powerlineHz as DisplayFilters['powerlineHz'])
        : null,
      lowpassHz: (LOWPASS_OPTIONS as readonly unknown[]).includes(v.lowpassHz)
        ? (v.lowpassHz as DisplayFilters['lowpassHz'])
        : null,
    };
  } catch {
    return { ...DEFAULT_FILTERS };
  }
}

class DisplaySettings {
  /** CSS pixels per millimetre of paper (96 dpi CSS ≈ 3.78; calibrate with a ruler). */
  pxPerMm = $state(initialPxPerMm());
  /** mm per mV. */
  gain = $state<Gain>(storedNumber(KEYS.gain, GAINS, 10));
  /** mm per second. */
  speed = $state<Speed>(storedNumber(KEYS.speed, SPEEDS, 25));
  /** Display filters (the stored signal stays raw). Default: baseline wander removal only. */
  filters = $state<DisplayFilters>(initialFilters());

  setFilters(patch: Partial<DisplayFilters>): void {
    this.filters = { ...this.filters, ...patch };
    writeStored(KEYS.filters, JSON.stringify(this.filters));
  }

  setPxPerMm(v: number): void {
    if (!Number.isFinite(v)) return;
    this.pxPerMm = Math.min(PX_PER_MM_MAX, Math.max(PX_PER_MM_MIN, v));
    writeStored(KEYS.pxPerMm, String(this.pxPerMm));
  }

  resetPxPerMm(): void {
    this.pxPerMm = CSS_PX_PER_MM;
    writeStored(KEYS.pxPerMm, null);
  }

  setGain(g: Gain): void {
    this.gain = g;
    writeStored(KEYS.gain, String(g));
  }

  setSpeed(s: Speed): void {
    this.speed = s;
    writeStored(KEYS.speed, String(s));
  }

  /** One step along the speed ladder (+1 = faster paper = zoom in on time). */
  stepSpeed(dir: 1 | -1): boolean {
    const i = SPEEDS.indexOf(this.speed);
    const j = Math.min(SPEEDS.length - 1, Math.max(0, i + dir));
    if (j === i) return false;
    this.setSpeed(SPEEDS[j]);
    return true;
  }
}

export const display = new DisplaySettings();
