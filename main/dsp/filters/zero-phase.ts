/**
 * Helpers shared by the zero-phase filters: cut-off compensation and edge padding.
 */

/**
 * Forward-backward filtering squares the magnitude response, so a Butterworth designed at fc
 * would be -6 dB (not -3 dB) at fc. Designing at this corrected corner puts the -3 dB point of
 * the combined zero-phase response exactly at the requested `cutoffHz`, which is how the
 * cut-offs of ECG filters (0.5 Hz, 40 Hz, ...) are specified and displayed.
 */
export function zeroPhaseCorner(
  kind: 'lowpass' | 'highpass',
  order: number,
  cutoffHz: number,
  fsHz: number,
): number {
  const k = Math.pow(Math.SQRT2 - 1, 1 / (2 * order));
  // The correction holds on the bilinear transform's warped axis, tan(pi f / fs), which is
  // what keeps it exact up near Nyquist (150 Hz at 500 Hz).
  const warped = Math.tan((Math.PI * cutoffHz) / fsHz);
  const corner = kind === 'lowpass' ? warped / k : warped * k;
  return (Math.atan(corner) * fsHz) / Math.PI;
}

/**
 * Edge padding long enough for the slowest pole to settle: about three time constants of a
 * corner at `cornerHz` (the impulse response of a low-order Butterworth has decayed to well
 * under 1 % by then).
 */
export function settlePadSamples(cornerHz: number, fsHz: number): number {
  return Math.ceil((3 * fsHz) / (2 * Math.PI * cornerHz)) * 2;
}
