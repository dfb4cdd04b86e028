import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readRecording } from '../../../../main/formats';
import { fileSourceFromDir } from '../../../../main/formats/fs-source';
import { classifyBeats, loadBeatModel, type BeatModel } from '../../../../main/ml/beats/classify';
import {
  beatAnnotations,
  loadRecordBeats,
  mlIILead,
  physical,
} from '../../../../main/ml/beats/dataset';
import { N_CHANNELS, WINDOW_LEN } from '../../../../main/ml/beats/preprocess';
import { RR_DIM } from '../../../../main/ml/beats/rr';
import { channel0Ranges, FRAGILE_EPSILON, MAX_EPSILON } from '../../../../main/ml/probe/epsilon';
import { perBeatLoss } from '../../../../main/ml/probe/loss';
import { pgdPerturb } from '../../../../main/ml/probe/pgd';
import {
  prepareBeats,
  probeOneBeat,
  probeRecordingBeats,
  ProbeCancelledError,
} from '../../../../main/ml/probe/probe';
import { initBackend } from '../../../../main/ml/runtime';
import { dataPath, describeWithData } from '../../../helpers/data';

const MODEL_DIR = resolve(__dirname, '..', '..', '..', '..', 'resources', 'models', 'beat-full');
/** DS1 (training) record with many ventricular beats; only its first 30 s, to stay fast. */
const RECORD = '119';
const SECONDS = 30;

let model: BeatModel;
let signal: Float32Array;
let fs: number;
let beats: Int32Array;

describeWithData('mitdb', 'adversarial probe on the shipped model and real beats', () => {
  beforeAll(async () => {
    await initBackend('wasm');
    model = await loadBeatModel(MODEL_DIR);
    const rec = readRecording(fileSourceFromDir(dataPath('mitdb')), `${RECORD}.hea`);
    fs = rec.fs;
    signal = physical(mlIILead(rec)).slice(0, SECONDS * fs);
    beats = Int32Array.from(
      beatAnnotations(rec).filter((a) => a.sample < signal.length),
      (a) => a.sample,
    );
  });
  afterAll(() => model.model.dispose());

  it('pgdPerturb stays in the ball and raises the loss of the reference labels', () => {
    const set = loadRecordBeats(dataPath('mitdb'), RECORD);
    const n = 64;
    const x = tf.tensor3d(set.windows.subarray(0, n * WINDOW_LEN * N_CHANNELS), [
      n,
      WINDOW_LEN,
      N_CHANNELS,
    ]);
    const rr = tf.tensor2d(set.rr.subarray(0, n * RR_DIM), [n, RR_DIM]);
    const y = tf.tensor1d(Int32Array.from(set.labels.subarray(0, n)), 'int32');
    const eps = 0.02; // model units (≈ 2 % of the record's QRS amplitude)
    const before = tf.memory().numTensors;
    const adv = pgdPerturb(model.model, x, rr, y, {
      epsilon: eps,
      steps: 10,
      randomStart: true,
      seed: 1,
    });
    expect(tf.memory().numTensors).toBe(before + 1);
    const maxAbs = tf.tidy(() => tf.max(tf.abs(tf.sub(adv, x))).dataSync()[0]);
    expect(maxAbs).toBeLessThanOrEqual(eps + 1e-6);
    const ce = (t: tf.Tensor3D): Float32Array =>
      tf.tidy(
        () =>
          perBeatLoss(
            model.model.predict([t, rr]) as tf.Tensor2D,
            y,
            'ce',
          ).dataSync() as Float32Array,
      );
    const clean = ce(x);
    const attacked = ce(adv);
    // Per beat (a few misclassified beats dominate any mean): nearly every loss goes up.
    expect(attacked.filter((v, k) => v > clean[k]).length).toBeGreaterThanOrEqual(0.9 * n);
    const median = (v: Float32Array): number => Float32Array.from(v).sort()[n >> 1];
    expect(median(attacked)).toBeGreaterThan(3 * median(clean));
    tf.dispose([x, rr, y, adv]);
  });

  it('probes every beat: ε in (0, max] or null, fragile by the threshold, flips really change the label', async () => {
    const before = tf.memory().numTensors;
    const progress: number[] = [];
    const res = await probeRecordingBeats(model, signal, fs, beats, {}, (done, total) => {
      expect(total).toBe(beats.length);
      progress.push(done);
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(res).toHaveLength(beats.length);
    expect(progress.at(-1)).toBe(beats.length);
    expect(progress.every((v, i) => i === 0 || v >= progress[i - 1])).toBe(true);
    const labels = classifyBeats(model, signal, fs, beats).map((r) => r.label);
    let flips = 0;
    res.forEach((r, i) => {
      expect(r.fragile).toBe(r.flipEpsilon !== null && r.flipEpsilon < FRAGILE_EPSILON);
      if (r.flipEpsilon === null) return expect(r.flippedTo).toBeNull();
      flips++;
      expect(r.flipEpsilon).toBeGreaterThan(0);
      expect(r.flipEpsilon).toBeLessThanOrEqual(MAX_EPSILON);
      expect(r.flippedTo).not.toBe(labels[i]);
    });
    expect(flips).toBeGreaterThan(beats.length / 2); // an undefended CNN: most beats can be flipped
  });

  it('probeOneBeat returns a witness that flips the model, in signal units', () => {
    const prepared = prepareBeats(signal, fs, beats);
    const i = 10;
    const one = probeOneBeat(model, prepared, i);
    expect(one.original).toHaveLength(WINDOW_LEN);
    expect(one.label).toBe(classifyBeats(model, signal, fs, beats)[i].label);
    expect(one.flipEpsilon).not.toBeNull();
    const adv = one.adversarial!;
    const change = Math.max(...adv.map((v, k) => Math.abs(v - one.original[k])));
    expect(change).toBeLessThanOrEqual(one.flipAmplitude! * (1 + 1e-4));
    // flipAmplitude is ε · the beat's range, in mV: MIT-BIH beats span ~0.5–3 mV.
    const range = channel0Ranges(
      prepared.windows.subarray(i * WINDOW_LEN * N_CHANNELS, (i + 1) * WINDOW_LEN * N_CHANNELS),
      1,
    )[0];
    expect(range * prepared.scale).toBeGreaterThan(0.3);
    expect(range * prepared.scale).toBeLessThan(5);
    // Rebuild the model input from the displayed waveform: it must carry the flipped label.
    const w = prepared.windows.slice(
      i * WINDOW_LEN * N_CHANNELS,
      (i + 1) * WINDOW_LEN * N_CHANNELS,
    );
    for (let k = 0; k < WINDOW_LEN; k++) {
      const d = (adv[k] - one.original[k]) / prepared.scale;
      w[k * 2] += d;
      w[k * 2 + 1] += d;
    }
    const p = tf.tidy(
      () =>
        (
          model.model.predict([
            tf.tensor3d(w, [1, WINDOW_LEN, N_CHANNELS]),
            tf.tensor2d(prepared.rr.subarray(i * RR_DIM, (i + 1) * RR_DIM), [1, RR_DIM]),
          ]) as tf.Tensor
        )
          .argMax(1)
          .dataSync()[0],
    );
    expect(model.labels[p]).toBe(one.flippedTo);
  });

  it('stops when cancelled, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    let calls = 0;
    const run = probeRecordingBeats(
      model,
      signal,
      fs,
      beats,
      {},
      () => calls++,
      () => calls >= 1,
    );
    await expect(run).rejects.toBeInstanceOf(ProbeCancelledError);
    expect(calls).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });
});
