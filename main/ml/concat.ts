type Typed = Float32Array | Uint8Array | Int32Array;

/** Joins typed arrays of one kind end to end (beat sets from several records). */
export function concatTyped<T extends Typed>(parts: readonly T[], make: (n: number) => T): T {
  const out = make(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
