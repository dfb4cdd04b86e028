/**
 * Payload → one Int32Array per lead. XLI (the only storage seen in real files) is decoded and
 * its limb-lead residuals are turned back into leads; uncompressed Base64 (int16 LE, lead after
 * lead) and Plain (whitespace-separated integers, lead after lead) are read as stored.
 */
import { decodeBase64 } from './base64';
import { hasStandardLimbLeads, reconstructLimbLeads } from './leads';
import { MAX_LEADS } from './limits';
import type { Fail } from './numbers';
import type { WaveformSpec } from './waveform-spec';
import { decodeXli } from './xli';

function base64Bytes(spec: WaveformSpec, fail: Fail): Uint8Array {
  const bytes = decodeBase64(spec.payload);
  return bytes instanceof Uint8Array ? bytes : fail(`waveform data: ${bytes.problem}`);
}

function readXli(spec: WaveformSpec, fail: Fail): Int32Array[] {
  // Checked before decoding: with other lead orders we would not know which leads are residuals.
  if (!hasStandardLimbLeads(spec.labels)) {
    return fail(
      `XLI data with lead labels '${spec.labels.join(' ')}' (expected I II III aVR aVL aVF first)`,
    );
  }
  const leads = decodeXli(base64Bytes(spec, fail), spec.labels.length, spec.samples, MAX_LEADS);
  if (!Array.isArray(leads)) {
    const label = spec.labels[leads.lead];
    const where = label === undefined ? `spare channel ${leads.lead + 1}` : `lead ${label}`;
    return fail(`${where}: ${leads.problem}`);
  }
  reconstructLimbLeads(leads);
  return leads;
}

/** Checks that `total` values make whole leads, at least as many as labelled. */
function checkLeadBlocks(total: number, spec: WaveformSpec, unit: string, fail: Fail): void {
  const { samples, labels } = spec;
  if (total % samples !== 0 || total / samples < labels.length) {
    fail(`waveform data holds ${total} ${unit}, expected ${labels.length} leads × ${samples}`);
  }
}

function readInt16(spec: WaveformSpec, fail: Fail): Int32Array[] {
  const bytes = base64Bytes(spec, fail);
  if (bytes.length % 2 !== 0) fail(`waveform data has an odd length (${bytes.length} bytes)`);
  checkLeadBlocks(bytes.length / 2, spec, 'samples', fail);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return spec.labels.map((_, lead) => {
    const out = new Int32Array(spec.samples);
    const base = lead * spec.samples * 2;
    for (let t = 0; t < out.length; t++) out[t] = view.getInt16(base + t * 2, true);
    return out;
  });
}

function readPlain(spec: WaveformSpec, fail: Fail): Int32Array[] {
  const tokens = spec.payload.split(/\s+/).filter((s) => s !== '');
  checkLeadBlocks(tokens.length, spec, 'values', fail);
  return spec.labels.map((_, lead) => {
    const out = new Int32Array(spec.samples);
    for (let t = 0; t < out.length; t++) {
      const token = tokens[lead * spec.samples + t];
      if (!/^[+-]?\d{1,9}$/.test(token)) fail(`bad waveform value '${token.slice(0, 20)}'`);
      out[t] = Number(token);
    }
    return out;
  });
}

/** Decodes every labelled lead to `spec.samples` digital values. */
export function decodeWaveforms(spec: WaveformSpec, fail: Fail): Int32Array[] {
  if (spec.compression === 'XLI') return readXli(spec, fail);
  return spec.encoding === 'Base64' ? readInt16(spec, fail) : readPlain(spec, fail);
}
