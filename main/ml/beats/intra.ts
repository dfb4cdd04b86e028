/**
 * The intra-patient split used by most published MIT-BIH results (e.g. Kachuee 2018): beats
 * of the same patients on both sides, drawn at random. It is here only so our numbers can be
 * compared with those papers; it overstates what a clinic sees, because the model has already
 * met every test patient's morphology. The shipped model is trained inter-patient (DS1 only).
 */

/**
 * Test indices: a `testFraction` of every (record, class) group, drawn with `random`
 * (stratified, so rare classes of each patient appear on both sides). Returns sorted
 * train and test index lists covering every example once.
 */
export function intraPatientSplit(
  labels: ArrayLike<number>,
  records: readonly string[],
  testFraction: number,
  random: () => number,
): { train: Int32Array; test: Int32Array } {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError('testFraction in (0, 1)');
  const groups = new Map<string, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const key = `${records[i]}|${labels[i]}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  const test: number[] = [];
  const train: number[] = [];
  for (const g of groups.values()) {
    shuffle(g, random);
    const nTest = Math.round(g.length * testFraction);
    test.push(...g.slice(0, nTest));
    train.push(...g.slice(nTest));
  }
  const sorted = (v: number[]): Int32Array => Int32Array.from(v).sort();
  return { train: sorted(train), test: sorted(test) };
}

function shuffle(v: number[], random: () => number): void {
  for (let i = v.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [v[i], v[j]] = [v[j], v[i]];
  }
}
