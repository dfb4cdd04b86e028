/** Patient age from dates, shared by the readers whose files give a birth date but no age. */

export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/**
 * Whole years from `birth` to `at` (one less before that year's birthday); null when
 * implausible (recorded before birth, or over 150), which is how swapped or garbage dates show.
 */
export function ageInYears(birth: CalendarDate, at: CalendarDate): number | null {
  let age = at.year - birth.year;
  if (at.month < birth.month || (at.month === birth.month && at.day < birth.day)) age--;
  return age >= 0 && age <= 150 ? age : null;
}
