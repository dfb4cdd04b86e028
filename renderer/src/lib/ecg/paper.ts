/**
 * ECG paper geometry and drawing. Everything on screen is derived from three numbers:
 * pixels per millimetre (screen calibration), paper speed (mm/s) and gain (mm/mV).
 *
 * Drawing functions take device pixels (canvas pixels), because they run inside uPlot's hooks,
 * which draw on the canvas without a transform.
 */

/** CSS defines 96 px per inch, so 96 / 25.4 ≈ 3.78 CSS px per mm before calibration. */
export const CSS_PX_PER_MM = 96 / 25.4;

/** Paper speeds offered (mm/s). 12.5 / 25 / 50 are the clinical ones; the ends are zoom steps. */
export const SPEEDS = [6.25, 12.5, 25, 50, 100] as const;
export type Speed = (typeof SPEEDS)[number];

/** Gains offered (mm/mV). */
export const GAINS = [5, 10, 20] as const;
export type Gain = (typeof GAINS)[number];

/** Width of the calibration pulse (s); the pulse is 1 mV high. */
export const CAL_PULSE_S = 0.2;

export interface PaperScale {
  /** CSS pixels per millimetre. */
  pxPerMm: number;
  /** mm/s */
  speed: number;
  /** mm/mV */
  gain: number;
}

export interface Palette {
  paper: string;
  minor: string;
  major: string;
  trace: string;
  pulse: string;
  label: string;
  cursor: string;
  /** Trace colour of the overview strip (quieter than the paper trace). */
  overview: string;
  /** Line through the selected beat. */
  select: string;
  /** Caliper lines. */
  caliper: string;
  /** Heart-rate trend over the overview. */
  trend: string;
}

export const PALETTES: Record<'light' | 'dark', Palette> = {
  light: {
    paper: '#fffafa',
    minor: 'rgba(232, 120, 120, 0.28)',
    major: 'rgba(214, 64, 64, 0.62)',
    trace: '#111111',
    pulse: '#111111',
    label: '#202020',
    cursor: '#1d5fbf',
    overview: '#4f5b6b',
    select: 'rgba(109, 40, 217, 0.55)',
    caliper: '#0e7490',
    trend: '#1d5fbf',
  },
  dark: {
    paper: '#111417',
    minor: 'rgba(205, 110, 110, 0.13)',
    major: 'rgba(215, 110, 110, 0.34)',
    trace: '#f3f7f4',
    pulse: '#f3f7f4',
    label: '#d8dde2',
    cursor: '#6fb1ff',
    overview: '#9aa6b4',
    select: 'rgba(183, 148, 255, 0.6)',
    caliper: '#38d0e8',
    trend: '#6fb1ff',
  },
};

/** A vertical line at time `t` (s) across a chart (calipers, selected beat, fiducial point). */
export interface VLine {
  t: number;
  color: string;
  /** CSS px. */
  width?: number;
  /** Dash pattern in CSS px; solid when absent. */
  dash?: number[];
}

export function pxPerSecond(p: PaperScale): number {
  return p.pxPerMm * p.speed;
}

export function pxPerMv(p: PaperScale): number {
  return p.pxPerMm * p.gain;
}

/** Width (mm) of the zone at the left of a row that holds the 1 mV calibration pulse. */
export function calZoneMm(speed: number): number {
  return 2 + CAL_PULSE_S * speed + 3;
}

/** Round up to a whole number of 5 mm squares. */
export function ceil5(mm: number): number {
  return Math.ceil(mm / 5 - 1e-9) * 5;
}

export interface RowGeometry {
  /** Row height in mm (a multiple of 5). */
  heightMm: number;
  /** Distance from the top of the row to the 0 mV baseline, in mm (a multiple of 5). */
  baselineMm: number;
}

/**
 * A lead row tall enough for `spanMv` millivolts at this gain, with the baseline near the middle
 * (a little lower in odd-sized rows: QRS complexes point mostly upwards) and on a 5 mm line.
 */
export function rowGeometry(gain: number, spanMv: number): RowGeometry {
  const heightMm = Math.max(15, ceil5(spanMv * gain));
  const baselineMm = Math.min(heightMm - 5, Math.max(5, Math.round((heightMm * 0.55) / 5) * 5));
  return { heightMm, baselineMm };
}

/** Y range (mV) of a row: [bottom, top]. */
export function rowRangeMv(g: RowGeometry, gain: number): [number, number] {
  return [-(g.heightMm - g.baselineMm) / gain, g.baselineMm / gain];
}

function lineWidths(pxRatio: number): { minor: number; major: number } {
  return {
    minor: Math.max(1, Math.round(pxRatio * 0.6)),
    major: Math.max(1, Math.round(pxRatio * 1.1)),
  };
}

function crisp(pos: number, width: number): number {
  // Odd widths sit on half pixels, even widths on whole pixels.
  return width % 2 === 1 ? Math.floor(pos) + 0.5 : Math.round(pos);
}

export interface GridArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Fills `area` with paper and draws 1 mm (minor) and 5 mm (major) lines.
 * `originX`/`originY` are device-pixel positions where a major line falls (e.g. time 0 and the
 * 0 mV baseline), so the paper stays fixed to the signal while panning and adjacent charts line up.
 */
export function drawPaperGrid(
  ctx: CanvasRenderingContext2D,
  area: GridArea,
  mmPx: number,
  originX: number,
  originY: number,
  palette: Palette,
  pxRatio: number,
): void {
  ctx.save();
  ctx.fillStyle = palette.paper;
  ctx.fillRect(area.left, area.top, area.width, area.height);
  if (!(mmPx > 0)) {
    ctx.restore();
    return;
  }
  const w = lineWidths(pxRatio);
  const right = area.left + area.width;
  const bottom = area.top + area.height;
  const showMinor = mmPx >= 2.5;
  const minor = new Path2D();
  const major = new Path2D();

  const k0x = Math.ceil((area.left - originX) / mmPx);
  const k1x = Math.floor((right - originX) / mmPx);
  for (let k = k0x; k <= k1x; k++) {
    const isMajor = ((k % 5) + 5) % 5 === 0;
    if (!isMajor && !showMinor) continue;
    const x = crisp(originX + k * mmPx, isMajor ? w.major : w.minor);
    const path = isMajor ? major : minor;
    path.moveTo(x, area.top);
    path.lineTo(x, bottom);
  }
  const k0y = Math.ceil((area.top - originY) / mmPx);
  const k1y = Math.floor((bottom - originY) / mmPx);
  for (let k = k0y; k <= k1y; k++) {
    const isMajor = ((k % 5) + 5) % 5 === 0;
    if (!isMajor && !showMinor) continue;
    const y = crisp(originY + k * mmPx, isMajor ? w.major : w.minor);
    const path = isMajor ? major : minor;
    path.moveTo(area.left, y);
    path.lineTo(right, y);
  }
  ctx.lineWidth = w.minor;
  ctx.strokeStyle = palette.minor;
  ctx.stroke(minor);
  ctx.lineWidth = w.major;
  ctx.strokeStyle = palette.major;
  ctx.stroke(major);
  ctx.restore();
}

/**
 * Draws the 1 mV × 0.2 s calibration pulse in a zone that starts at `zoneLeft` (device px).
 */
export function drawCalPulse(
  ctx: CanvasRenderingContext2D,
  zoneLeft: number,
  baselineY: number,
  mmPx: number,
  scale: PaperScale,
  palette: Palette,
  pxRatio: number,
): void {
  const x0 = zoneLeft + 2 * mmPx;
  const w = CAL_PULSE_S * scale.speed * mmPx;
  const h = scale.gain * mmPx;
  const end = zoneLeft + calZoneMm(scale.speed) * mmPx;
  ctx.save();
  ctx.strokeStyle = palette.pulse;
  ctx.lineWidth = Math.max(1, 1.4 * pxRatio);
  ctx.lineJoin = 'miter';
  ctx.beginPath();
  ctx.moveTo(zoneLeft + 0.5 * mmPx, baselineY);
  ctx.lineTo(x0, baselineY);
  ctx.lineTo(x0, baselineY - h);
  ctx.lineTo(x0 + w, baselineY - h);
  ctx.lineTo(x0 + w, baselineY);
  ctx.lineTo(end - 0.5 * mmPx, baselineY);
  ctx.stroke();
  ctx.restore();
}

/** "25 mm/s", "12.5 mm/s" */
export function formatSpeed(speed: number): string {
  return `${speed} mm/s`;
}

/** "10 mm/mV" */
export function formatGain(gain: number): string {
  return `${gain} mm/mV`;
}
