/**
 * Second-order sections (biquads) and their causal and zero-phase application.
 *
 * Every IIR filter in ECG Desk is a cascade of biquads because high-order direct forms are
 * numerically fragile at the very low normalised cut-offs ECG needs (0.5 Hz at 1 kHz is a
 * normalised frequency of 0.001). State and arithmetic are float64 even when the signal is
 * float32, for the same reason.
 */

/** One section: y = (b0 + b1 z^-1 + b2 z^-2) / (1 + a1 z^-1 + a2 z^-2). */
export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** A cascade of sections, applied in order. */
export type Sos = readonly Biquad[];

/** Gain of the cascade at DC (z = 1). */
function dcGain(s: Biquad): number {
  return (s.b0 + s.b1 + s.b2) / (1 + s.a1 + s.a2);
}

/**
 * Steady-state initial conditions (transposed direct form II) of each section for a constant
 * input of 1, as scipy's `sosfilt_zi`. Scaled by the first sample, they start the filter as if
 * the signal had always been at that level, so a record's DC offset does not ring at the start.
 */
export function sosSteadyState(sos: Sos): Float64Array {
  const zi = new Float64Array(sos.length * 2);
  let input = 1;
  sos.forEach((s, k) => {
    const y = input * dcGain(s);
    const z2 = s.b2 * input - s.a2 * y;
    const z1 = s.b1 * input - s.a1 * y + z2;
    zi[2 * k] = z1;
    zi[2 * k + 1] = z2;
    input = y;
  });
  return zi;
}

/**
 * Causal filtering in place (float64 buffer), starting from state `zi` (or rest), over
 * samples [from, to) in direction `dir` (+1 forward, -1 backward: the backward pass of
 * filtfilt, without reversing the buffer). All sections are run per sample, so the signal
 * is read and written once whatever the order of the filter.
 */
export function sosFilterInPlace(
  x: Float64Array,
  sos: Sos,
  zi?: Float64Array,
  dir: 1 | -1 = 1,
): void {
  const n = x.length;
  const m = sos.length;
  const c = new Float64Array(5 * m);
  const z = new Float64Array(2 * m);
  for (let k = 0; k < m; k++) {
    const s = sos[k];
    c.set([s.b0, s.b1, s.b2, s.a1, s.a2], 5 * k);
    if (zi) {
      z[2 * k] = zi[2 * k];
      z[2 * k + 1] = zi[2 * k + 1];
    }
  }
  if (m === 1) {
    // The common single-biquad case, with the state in registers.
    const [b0, b1, b2, a1, a2] = c;
    let z1 = z[0];
    let z2 = z[1];
    for (let t = 0, i = dir === 1 ? 0 : n - 1; t < n; t++, i += dir) {
      const xi = x[i];
      const y = b0 * xi + z1;
      z1 = b1 * xi - a1 * y + z2;
      z2 = b2 * xi - a2 * y;
      x[i] = y;
    }
    return;
  }
  if (m === 2) {
    // Two sections (4th-order designs), also with the state in registers.
    const [p0, p1, p2, pa1, pa2, q0, q1, q2, qa1, qa2] = c;
    let u1 = z[0];
    let u2 = z[1];
    let w1 = z[2];
    let w2 = z[3];
    for (let t = 0, i = dir === 1 ? 0 : n - 1; t < n; t++, i += dir) {
      const xi = x[i];
      const y = p0 * xi + u1;
      u1 = p1 * xi - pa1 * y + u2;
      u2 = p2 * xi - pa2 * y;
      const v = q0 * y + w1;
      w1 = q1 * y - qa1 * v + w2;
      w2 = q2 * y - qa2 * v;
      x[i] = v;
    }
    return;
  }
  // Longer cascades: two sections at a time (each chunk one pass with its state in registers).
  for (let k = 0; k < m; k += 2) {
    const part = sos.slice(k, Math.min(m, k + 2));
    sosFilterInPlace(x, part, z.subarray(2 * k, 2 * k + 2 * part.length), dir);
  }
}

/** Causal filtering (introduces the filter's phase delay; use for real-time style processing). */
export function sosFilter(x: Float32Array, sos: Sos): Float32Array {
  const buf = Float64Array.from(x);
  const zi = sosSteadyState(sos);
  const x0 = buf.length > 0 ? buf[0] : 0;
  for (let i = 0; i < zi.length; i++) zi[i] *= x0;
  sosFilterInPlace(buf, sos, zi);
  return Float32Array.from(buf);
}

/**
 * Zero-phase filtering (forward then backward, as MATLAB/scipy `filtfilt`): the magnitude
 * response is squared and the phase is exactly zero, so waves are not shifted in time and a
 * symmetric pulse stays symmetric — what keeps the ST segment and interval measurements honest.
 *
 * Edges: the signal is extended by `padSamples` on both sides with an odd reflection about the
 * end sample (continuous value and slope), and each pass starts from the steady state for the
 * first padded sample, which together suppress the start-up transient that would otherwise
 * distort the first and last seconds (critical for 10 s 12-lead records).
 */
export function sosFiltfilt(
  x: Float32Array | Float64Array,
  sos: Sos,
  padSamples: number,
): Float32Array {
  const n = x.length;
  if (n === 0) return new Float32Array(0);
  const pad = Math.max(0, Math.min(Math.floor(padSamples), n - 1));
  const m = n + 2 * pad;
  const buf = new Float64Array(m);
  const first = x[0];
  const last = x[n - 1];
  for (let i = 0; i < pad; i++) buf[i] = 2 * first - x[pad - i];
  for (let i = 0; i < n; i++) buf[pad + i] = x[i];
  for (let i = 0; i < pad; i++) buf[pad + n + i] = 2 * last - x[n - 2 - i];

  const zi = sosSteadyState(sos);
  const run = new Float64Array(zi.length);
  for (let i = 0; i < zi.length; i++) run[i] = zi[i] * buf[0];
  sosFilterInPlace(buf, sos, run, 1);
  for (let i = 0; i < zi.length; i++) run[i] = zi[i] * buf[m - 1];
  sosFilterInPlace(buf, sos, run, -1);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = buf[pad + i];
  return out;
}

/**
 * Magnitude response |H(f)| of a cascade (single pass). Zero-phase application squares it.
 * Used by tests and for documenting designs.
 */
export function sosMagnitude(sos: Sos, freqHz: number, fsHz: number): number {
  const w = (2 * Math.PI * freqHz) / fsHz;
  const c1 = Math.cos(w);
  const s1 = Math.sin(w);
  const c2 = Math.cos(2 * w);
  const s2 = Math.sin(2 * w);
  let mag = 1;
  for (const s of sos) {
    const nr = s.b0 + s.b1 * c1 + s.b2 * c2;
    const ni = -(s.b1 * s1 + s.b2 * s2);
    const dr = 1 + s.a1 * c1 + s.a2 * c2;
    const di = -(s.a1 * s1 + s.a2 * s2);
    mag *= Math.sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
  }
  return mag;
}
