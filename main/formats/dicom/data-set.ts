/**
 * A minimal DICOM Part 10 reader (PS3.10 file format, PS3.5 data-set encoding): preamble,
 * "DICM", the file meta group (always explicit VR little endian) and the data set in Implicit
 * or Explicit VR Little Endian.
 *
 * It does not copy values: each element is recorded as an offset and length into the file's
 * bytes. Only the sequences in KEPT_SEQUENCES are read into items; every other sequence is
 * walked just far enough to find its end (items of defined length are jumped over). Every
 * length is checked against the bytes that contain it, nesting is bounded, and each loop step
 * consumes at least 8 bytes, so hostile input ends in a DicomError, never a hang.
 */
import { DicomError } from './errors';
import {
  ITEM,
  ITEM_DELIMITER,
  KEPT_SEQUENCES,
  SEQUENCE_DELIMITER,
  TAGS,
  tag as makeTag,
  tagName,
} from './tags';

export interface DicomElement {
  tag: number;
  /** Two-letter VR; '' for an implicit-VR element the reader has no dictionary entry for. */
  vr: string;
  /** First byte of the value in the file. */
  offset: number;
  /** Value length in bytes (never the undefined length). */
  length: number;
  /** Items of a kept sequence; null for every other element. */
  items: DicomDataSet[] | null;
}

export type DicomDataSet = ReadonlyMap<number, DicomElement>;

export interface Part10File {
  bytes: Uint8Array;
  view: DataView;
  transferSyntax: string;
  dataSet: DicomDataSet;
}

/** Sequences nested deeper than this are refused (real ECG files use 3 or 4 levels). */
export const MAX_SEQUENCE_DEPTH = 16;

const UNDEFINED_LENGTH = 0xffffffff;
const PREAMBLE = 128;
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const IMPLICIT_LE = '1.2.840.10008.1.2';

/** VRs whose explicit encoding has 2 reserved bytes and a 32-bit length (PS3.5 7.1.2). */
const LONG_VRS = new Set([
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'SQ',
  'SV',
  'UC',
  'UN',
  'UR',
  'UT',
  'UV',
]);

/** Names for the refusal message of transfer syntaxes people are likely to meet. */
const KNOWN_SYNTAXES: Record<string, string> = {
  '1.2.840.10008.1.2.2': 'Explicit VR Big Endian',
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
};

interface Header {
  tag: number;
  vr: string;
  length: number;
  valueOffset: number;
}

/** Result of walking a data set or sequence: what was kept, and the first byte after it. */
interface Walked<T> {
  value: T;
  end: number;
}

/** Whether the bytes carry the Part 10 "DICM" prefix at byte 128. */
export function looksLikeDicom(bytes: Uint8Array): boolean {
  return (
    bytes.length >= PREAMBLE + 4 &&
    bytes[PREAMBLE] === 0x44 && // D
    bytes[PREAMBLE + 1] === 0x49 && // I
    bytes[PREAMBLE + 2] === 0x43 && // C
    bytes[PREAMBLE + 3] === 0x4d // M
  );
}

/** Reads a Part 10 file's meta group and data set. Throws DicomError. */
export function readPart10(bytes: Uint8Array, fileName: string): Part10File {
  return new Part10Reader(bytes, fileName).read();
}

class Part10Reader {
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly fileName: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  read(): Part10File {
    if (this.bytes.length === 0) this.fail('the file is empty');
    if (!looksLikeDicom(this.bytes)) this.fail('not a DICOM file (no DICM prefix at byte 128)');
    const meta = this.readMeta(PREAMBLE + 4);
    const transferSyntax = this.transferSyntax(meta.value);
    const explicit = transferSyntax === EXPLICIT_LE;
    const body = this.readDataSet(meta.end, this.bytes.length, explicit, 0, true, false);
    return { bytes: this.bytes, view: this.view, transferSyntax, dataSet: body.value };
  }

  private fail(problem: string): never {
    throw new DicomError(this.fileName, problem);
  }

  /** The file meta group: explicit VR LE elements of group 0002, up to the first other group. */
  private readMeta(start: number): Walked<DicomDataSet> {
    const meta = new Map<number, DicomElement>();
    let pos = start;
    while (pos + 2 <= this.bytes.length && this.view.getUint16(pos, true) === 0x0002) {
      pos = this.readElement(this.readHeader(pos, this.bytes.length, true), this.bytes.length, {
        explicit: true,
        depth: 0,
        set: meta,
      });
    }
    return { value: meta, end: pos };
  }

  private transferSyntax(meta: DicomDataSet): string {
    const el = meta.get(TAGS.transferSyntax);
    if (!el) this.fail('the file meta information has no transfer syntax (0002,0010)');
    const uid = latin1(this.bytes, el.offset, el.length).replace(/[\0 ]+$/, '');
    if (uid === EXPLICIT_LE || uid === IMPLICIT_LE) return uid;
    const known =
      KNOWN_SYNTAXES[uid] ?? (uid.startsWith('1.2.840.10008.1.2.4.') ? 'compressed' : '');
    this.fail(`transfer syntax ${uid}${known ? ` (${known})` : ''} is not supported for waveforms`);
  }

  /** Tag, VR and length of the element at `pos`; `limit` is the end of what contains it. */
  private readHeader(pos: number, limit: number, explicit: boolean): Header {
    if (pos + 8 > limit) this.cutOff(`element header at byte ${pos}`, limit);
    const v = this.view;
    const t = makeTag(v.getUint16(pos, true), v.getUint16(pos + 2, true));
    // Item and delimiter tags are always encoded as tag + 32-bit length (PS3.5 7.5).
    if (t >>> 16 === 0xfffe || !explicit) {
      const vr = !explicit && KEPT_SEQUENCES.has(t) ? 'SQ' : '';
      return { tag: t, vr, length: v.getUint32(pos + 4, true), valueOffset: pos + 8 };
    }
    const vr = String.fromCharCode(this.bytes[pos + 4], this.bytes[pos + 5]);
    if (!/^[A-Z]{2}$/.test(vr)) {
      this.fail(`element ${tagName(t)} at byte ${pos} has no valid VR (wrong transfer syntax?)`);
    }
    if (!LONG_VRS.has(vr))
      return { tag: t, vr, length: v.getUint16(pos + 6, true), valueOffset: pos + 8 };
    if (pos + 12 > limit) this.cutOff(`element header at byte ${pos}`, limit);
    return { tag: t, vr, length: v.getUint32(pos + 8, true), valueOffset: pos + 12 };
  }

  private cutOff(what: string, limit: number): never {
    this.fail(`${what} runs past the end of the ${this.container(limit)}`);
  }

  private container(limit: number): string {
    return limit === this.bytes.length ? 'file' : 'enclosing item';
  }

  /**
   * Elements from `start` to `end`, or, when `delimited`, up to an item delimiter before
   * `end`. Records them in a map when `keep`, else only walks them.
   */
  private readDataSet(
    start: number,
    end: number,
    explicit: boolean,
    depth: number,
    keep: boolean,
    delimited: boolean,
  ): Walked<DicomDataSet> {
    const set = new Map<number, DicomElement>();
    const ctx = { explicit, depth, set: keep ? set : null };
    let pos = start;
    while (pos < end) {
      const h = this.readHeader(pos, end, explicit);
      if (h.tag === ITEM_DELIMITER && delimited) return { value: set, end: h.valueOffset };
      if (h.tag >>> 16 === 0xfffe) this.fail(`unexpected ${tagName(h.tag)} at byte ${pos}`);
      pos = this.readElement(h, end, ctx);
    }
    if (delimited) {
      this.fail(
        `item at byte ${start - 8} has no item delimiter before the end of the ${this.container(end)}`,
      );
    }
    return { value: set, end: pos };
  }

  /** Records (or skips) one element; returns the first byte after it. */
  private readElement(
    h: Header,
    end: number,
    ctx: { explicit: boolean; depth: number; set: Map<number, DicomElement> | null },
  ): number {
    const undefinedLength = h.length === UNDEFINED_LENGTH;
    if (!undefinedLength && h.valueOffset + h.length > end) {
      this.fail(
        `element ${tagName(h.tag)} length ${h.length} runs past the end of the ${this.container(end)}`,
      );
    }
    const kept = ctx.set !== null && KEPT_SEQUENCES.has(h.tag);
    // UN-encoded sequences hold implicit VR LE items (PS3.5 6.2.2); a kept tag sent as UN
    // (e.g. by a converter that lacked a dictionary) is still a sequence.
    const asUn = h.vr === 'UN' && (undefinedLength || kept);
    if (h.vr === 'SQ' || undefinedLength || asUn) {
      const explicit = asUn ? false : ctx.explicit;
      const seq = this.readSequence(h, end, explicit, ctx.depth + 1, kept);
      if (kept && !ctx.set!.has(h.tag)) {
        ctx.set!.set(h.tag, {
          tag: h.tag,
          vr: 'SQ',
          offset: h.valueOffset,
          length: seq.end - h.valueOffset,
          items: seq.value,
        });
      }
      return seq.end;
    }
    if (ctx.set !== null && !ctx.set.has(h.tag)) {
      ctx.set.set(h.tag, {
        tag: h.tag,
        vr: h.vr,
        offset: h.valueOffset,
        length: h.length,
        items: null,
      });
    }
    return h.valueOffset + h.length;
  }

  private readSequence(
    h: Header,
    end: number,
    explicit: boolean,
    depth: number,
    keep: boolean,
  ): Walked<DicomDataSet[]> {
    const name = tagName(h.tag);
    if (depth > MAX_SEQUENCE_DEPTH) {
      this.fail(`sequence ${name} is nested deeper than ${MAX_SEQUENCE_DEPTH} levels`);
    }
    const delimited = h.length === UNDEFINED_LENGTH;
    const seqEnd = delimited ? end : h.valueOffset + h.length;
    const items: DicomDataSet[] = [];
    let pos = h.valueOffset;
    while (pos < seqEnd) {
      const ih = this.readHeader(pos, seqEnd, explicit);
      if (ih.tag === SEQUENCE_DELIMITER && delimited) return { value: items, end: ih.valueOffset };
      if (ih.tag !== ITEM) {
        this.fail(`sequence ${name}: expected an item at byte ${pos}, found ${tagName(ih.tag)}`);
      }
      if (ih.length === UNDEFINED_LENGTH) {
        const item = this.readDataSet(ih.valueOffset, seqEnd, explicit, depth, keep, true);
        if (keep) items.push(item.value);
        pos = item.end;
        continue;
      }
      const itemEnd = ih.valueOffset + ih.length;
      if (itemEnd > seqEnd) {
        this.fail(
          `item of ${name} at byte ${pos} length ${ih.length} runs past the end of the ${delimited ? this.container(end) : 'sequence'}`,
        );
      }
      if (keep)
        items.push(this.readDataSet(ih.valueOffset, itemEnd, explicit, depth, true, false).value);
      pos = itemEnd;
    }
    if (delimited) {
      this.fail(
        `sequence ${name} has no sequence delimiter before the end of the ${this.container(end)}`,
      );
    }
    return { value: items, end: pos };
  }
}

/** Text values longer than this are cut: no attribute the reader uses comes close. */
const MAX_TEXT = 65536;

/** Bytes as ISO 8859-1 text (DICOM's default repertoire is ASCII, a subset). */
export function latin1(bytes: Uint8Array, offset: number, length: number): string {
  const end = offset + Math.min(length, MAX_TEXT);
  let s = '';
  for (let i = offset; i < end; i++) s += String.fromCharCode(bytes[i]);
  return s;
}
