/** Factor from a lead's physical units to millivolts; null when the units are not a voltage. */
export function toMillivolts(units: string): number | null {
  const u = units.trim().replace(/^µ|^μ/, 'u');
  switch (u.toLowerCase()) {
    case 'mv':
      return 1;
    case 'uv':
      return 1e-3;
    case 'nv':
      return 1e-6;
    case 'v':
      return 1e3;
    default:
      return null;
  }
}
