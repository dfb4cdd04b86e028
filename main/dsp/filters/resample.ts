/**
 * Resampling to any rate by band-limited (windowed-sinc) interpolation.
 *
 * Output sample m sits at time m / toHz, i.e. at input position t = m * fromHz / toHz; its value
 * is sum_k x[k] h(t - k) with h a Kaiser-windowed sinc (beta 8, ~-80 dB side lobes) whose
 * cut-off is 0.45 x the lower of the two rates (0.9 x the lower Nyquist), so downsampling is
 * anti-aliased by the same kernel that interpolates. The kernel spans 16 zero crossings on
 * each side of the centre at the lower rate.
 *
 * Polyphase: the fractional positions t - floor(t) repeat with period L = toHz / gcd, so when
 * that period is small (integer or simple rational rate pairs, e.g. 360 -> 250 Hz has L = 25)
 * the L kernels are computed exactly once. Otherwise positions are quantised to 1/4096 of an
 * input sample (timing error <= 0.12 ms at 1 kHz, far below ECG's needs).
 *
 * Edges are handled by even reflection so a DC offset does not droop at the record's ends.
 */

const ZERO_CROSSINGS = 16;
const KAISER_BETA = 8;
const MAX_PHASES = 4096;

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for beta <= 20). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-16) break;
  }
  return sum;
}

/** Greatest common divisor on rates given with up to 3 decimals (e.g. 128.5 Hz). */
function rationalRatio(fromHz: number, toHz: number): { up: number; down: number } | null {
  const a = Math.round(fromHz * 1000);
  const b = Math.round(toHz * 1000);
  if (Math.abs(a - fromHz * 1000) > 1e-6 || Math.abs(b - toHz * 1000) > 1e-6) return null;
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return { up: b / x, down: a / x };
}

export function resample(x: Float32Array, fromHz: number, toHz: number): Float32Array {
  if (!(fromHz > 0 && toHz > 0)) throw new RangeError('rates must be > 0');
  const n = x.length;
  if (n === 0) return new Float32Array(0);
  if (fromHz === toHz) return Float32Array.from(x);

  const step = fromHz / toHz; // input samples per output sample
  const outLen = Math.max(1, Math.floor(((n - 1) * toHz) / fromHz) + 1);
  // Cut-off in cycles per input sample.
  const fc = 0.45 * Math.min(1, toHz / fromHz);
  const half = Math.ceil(ZERO_CROSSINGS / (2 * fc)); // kernel half-width in input samples
  const taps = 2 * half;
  const ratio = rationalRatio(fromHz, toHz);
  const phases = ratio && ratio.up <= MAX_PHASES ? ratio.up : MAX_PHASES;

  // kernels[p * taps + j] weights x[base - half + 1 + j] for fractional offset p / phases.
  const kernels = new Float64Array(phases * taps);
  const i0b = besselI0(KAISER_BETA);
  for (let p = 0; p < phases; p++) {
    const frac = p / phases;
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      const d = j - half + 1 - frac; // distance from output position to input sample
      const r = d / half;
      const w = Math.abs(r) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0b;
      const arg = 2 * fc * d;
      const sinc = arg === 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
      const h = 2 * fc * sinc * w;
      kernels[p * taps + j] = h;
      sum += h;
    }
    // Unity DC gain for every phase, so a flat line stays exactly flat.
    for (let j = 0; j < taps; j++) kernels[p * taps + j] /= sum;
  }

  const reflect = (k: number): number => {
    if (n === 1) return 0;
    const period = 2 * (n - 1);
    let m = k % period;
    if (m < 0) m += period;
    return m < n ? m : period - m;
  };

  const out = new Float32Array(outLen);
  for (let m = 0; m < outLen; m++) {
    let base: number;
    let p: number;
    if (ratio && phases === ratio.up) {
      // Exact integer arithmetic: t = m * down / up.
      const num = m * ratio.down;
      base = Math.floor(num / ratio.up);
      p = num - base * ratio.up;
    } else {
      const t = m * step;
      base = Math.floor(t);
      p = Math.round((t - base) * phases);
      if (p === phases) {
        base += 1;
        p = 0;
      }
    }
    const k0 = base - half + 1;
    const off = p * taps;
    let acc = 0;
    if (k0 >= 0 && k0 + taps <= n) {
      for (let j = 0; j < taps; j++) acc += kernels[off + j] * x[k0 + j];
    } else {
      for (let j = 0; j < taps; j++) acc += kernels[off + j] * x[reflect(k0 + j)];
    }
    out[m] = acc;
  }
  return out;
}

/** Maps a sample index at `fromHz` to the nearest index at `toHz`. */
export function mapSampleIndex(index: number, fromHz: number, toHz: number): number {
  return Math.round((index * toHz) / fromHz);
}
