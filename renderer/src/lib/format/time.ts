/**
 * Times and durations as the status lines of the recording header show them (analysis, probe),
 * in the user's locale.
 */

/** A date with its time, e.g. "21 Nov 2026, 13:01". */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

/** When something happened: the time alone when it was today, else the date with its time. */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  return new Date().toDateString() === d.toDateString()
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : formatDateTime(iso);
}

/** A duration: "4.2 s" under 10 s, "42 s" under 2 min, else "3 min 5 s". */
export function formatSeconds(s: number): string {
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 120) return `${Math.round(s)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}
