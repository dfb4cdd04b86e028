/**
 * CRC-CCITT as SCP-ECG uses it (EN 1064 clause 5.2): polynomial 0x1021, initial value 0xFFFF,
 * bits most significant first, no final XOR ("CRC-16/CCITT-FALSE").
 */

const TABLE = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n << 8;
    for (let bit = 0; bit < 8; bit++) c = c & 0x8000 ? (c << 1) ^ 0x1021 : c << 1;
    table[n] = c & 0xffff;
  }
  return table;
}

/** CRC of bytes[start, end). */
export function crcCcitt(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++)
    crc = ((crc << 8) ^ TABLE[((crc >> 8) ^ bytes[i]) & 0xff]) & 0xffff;
  return crc;
}
