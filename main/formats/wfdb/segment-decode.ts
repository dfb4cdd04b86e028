/**
 * Decoding a planned segment (segment.ts) into one array per signal: demultiplexing the
 * interleaved frames, applying skew, mapping invalid markers, verifying checksums.
 */
import { WfdbSignalError } from '../errors';
import { INVALID_SAMPLE } from '../types';
import { decodeSignal, integrateDifferences } from './decode';
import type { WfdbSignalSpec } from './header-types';
import type { FileGroup, SegmentPlan } from './segment';
import { isNullSignal, storedFrames } from './segment';
import { invalidValue } from './signal-formats';

/**
 * Decodes a planned segment: one Int32Array per signal at its own rate (frames × samples per
 * frame), skew applied, invalid markers mapped to INVALID_SAMPLE, checksums verified.
 */
export function decodeSegment(plan: SegmentPlan): Int32Array[] {
  const { header, frames } = plan;
  const out: (Int32Array | null)[] = header.signals.map((spec) =>
    isNullSignal(spec) ? new Int32Array(frames * spec.samplesPerFrame).fill(INVALID_SAMPLE) : null,
  );
  for (const group of plan.groups) {
    decodeGroup(group, plan).forEach((samples, k) => (out[group.signals[k]] = samples));
  }
  return out.map((samples) => samples ?? new Int32Array(0));
}

function decodeGroup(group: FileGroup, plan: SegmentPlan): Int32Array[] {
  const specs = group.signals.map((i) => plan.header.signals[i]);
  const maxSkew = Math.max(...specs.map((s) => s.skew));
  // Skewed signals read up to maxSkew frames past the end; those frames may not exist.
  const decodedFrames = Math.min(storedFrames(group), plan.frames + maxSkew);
  const n = decodedFrames * group.frameLength;
  const flat =
    group.decoded?.subarray(0, n) ??
    decodeSignal(group.bytes.subarray(group.byteOffset), group.format, n);
  if (group.format === 8) {
    const frameSignal = specs.flatMap((s, k) => new Array<number>(s.samplesPerFrame).fill(k));
    integrateDifferences(
      flat,
      frameSignal,
      specs.map((s) => s.initialValue),
    );
  }
  const layout = { flat, frameLength: group.frameLength, decodedFrames, frames: plan.frames };
  const invalid = invalidValue(group.format);
  let position = 0;
  return specs.map((spec, k) => {
    const { samples, sum } = demux(layout, position, spec, invalid);
    position += spec.samplesPerFrame;
    verifyChecksum(spec, sum, group.signals[k], group.path, plan.header.fileName);
    return samples;
  });
}

interface FlatLayout {
  flat: Int32Array;
  frameLength: number;
  decodedFrames: number;
  frames: number;
}

/**
 * Pulls one signal out of the interleaved frames. The checksum covers the stored frames
 * [0, frames) as they are in the file (that is what WFDB writers sum, skew or not); the output
 * takes frame t + skew, or INVALID_SAMPLE past the end of the file.
 */
function demux(
  layout: FlatLayout,
  position: number,
  spec: WfdbSignalSpec,
  invalid: number | null,
): { samples: Int32Array; sum: number } {
  const { flat, frameLength, decodedFrames, frames } = layout;
  const spf = spec.samplesPerFrame;
  const samples = new Int32Array(frames * spf);
  const marker = invalid ?? NaN; // format 8 has no invalid marker; NaN never equals.
  let sum = 0;
  for (let f = 0, o = 0; f < frames; f++) {
    const stored = f * frameLength + position;
    for (let j = 0; j < spf; j++) sum = (sum + flat[stored + j]) | 0;
    if (f + spec.skew < decodedFrames) {
      const src = stored + spec.skew * frameLength;
      for (let j = 0; j < spf; j++, o++) {
        const v = flat[src + j];
        samples[o] = v === marker ? INVALID_SAMPLE : v;
      }
    } else {
      for (let j = 0; j < spf; j++, o++) samples[o] = INVALID_SAMPLE;
    }
  }
  return { samples, sum };
}

function verifyChecksum(
  spec: WfdbSignalSpec,
  sum: number,
  index: number,
  datPath: string,
  headerName: string,
): void {
  if (spec.checksum === null || (sum & 0xffff) === (spec.checksum & 0xffff)) return;
  const actual = spec.checksum > 32767 ? sum & 0xffff : (sum << 16) >> 16;
  throw new WfdbSignalError(
    datPath,
    `signal ${index} (${spec.description ?? 'unnamed'}): checksum mismatch: ` +
      `${headerName} says ${spec.checksum}, the data sums to ${actual}`,
  );
}
