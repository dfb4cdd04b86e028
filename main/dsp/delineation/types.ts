/** Wave boundaries of one beat on one lead (or globally), as sample indices; null = not found. */
export interface BeatWaves {
  pOn: number | null;
  pPeak: number | null;
  pOff: number | null;
  qrsOn: number | null;
  qrsOff: number | null;
  tPeak: number | null;
  tOff: number | null;
}

export const NO_WAVES: Readonly<BeatWaves> = Object.freeze({
  pOn: null,
  pPeak: null,
  pOff: null,
  qrsOn: null,
  qrsOff: null,
  tPeak: null,
  tOff: null,
});
