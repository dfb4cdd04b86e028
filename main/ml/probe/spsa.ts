/**
 * SPSA (Spall 1992; as an attack, Uesato et al. 2018): the same L∞ sign-ascent as PGD, but
 * the gradient is estimated from forward passes only, so it also works where backpropagation
 * is unavailable or misleading (gradient masking). Each step draws `samples` Rademacher
 * directions v per beat and estimates ∇L ≈ mean_v [(L(x+σv) − L(x−σv)) / 2σ] · v; the beat
 * itself rides in the same batch for its loss and prediction. Costs 2·samples + 1 forward rows
 * per beat and step (PGD: about three forward passes' worth).
 */
import * as tf from '@tensorflow/tfjs';
import { perturb, type Estimator, type PerturbOptions } from './attack';
import { perBeatLoss } from './loss';

export interface SpsaOptions {
  /** Random directions per beat and step. */
  samples: number;
  /**
   * Finite-difference half-width as a fraction of each beat's ε: a smoothed gradient at the
   * scale of the ball, independent of the beat's amplitude. Uesato et al. used 0.01 for
   * ε = 8/255 (≈ 0.3ε) on images.
   */
  sigma: number;
  seed?: number;
}

export const DEFAULT_SPSA: SpsaOptions = { samples: 16, sigma: 0.25 };

/** Momentum on the gradient estimates unless the caller sets it (see PerturbOptions). */
export const SPSA_MOMENTUM = 0.9;

/** Same contract as pgdPerturb, gradient-free. */
export function spsaPerturb(
  model: tf.LayersModel,
  beats: tf.Tensor3D,
  rr: tf.Tensor2D,
  labels: tf.Tensor1D,
  opts: PerturbOptions & Partial<SpsaOptions>,
): tf.Tensor3D {
  const cfg = { ...DEFAULT_SPSA, ...pick(opts) };
  const withMomentum = { ...opts, momentum: opts.momentum ?? SPSA_MOMENTUM };
  return perturb(model, beats, rr, labels, withMomentum, spsaEstimator(cfg));
}

function pick(o: Partial<SpsaOptions>): Partial<SpsaOptions> {
  const out: Partial<SpsaOptions> = {};
  if (o.samples !== undefined) out.samples = o.samples;
  if (o.sigma !== undefined) out.sigma = o.sigma;
  if (o.seed !== undefined) out.seed = o.seed;
  return out;
}

export function spsaEstimator(cfg: SpsaOptions): Estimator {
  if (!(cfg.samples >= 1) || !(cfg.sigma > 0))
    throw new RangeError('spsa: samples >= 1, sigma > 0');
  return (inp, delta, step) =>
    tf.tidy(() => {
      const [n, len, channels] = inp.beats.shape;
      const s = cfg.samples;
      // A different (but reproducible) draw every step.
      const seed = cfg.seed === undefined ? undefined : cfg.seed + 7919 * (step + 1);
      const v = tf.sign(tf.randomUniform([n, s, len, 1], -1, 1, 'float32', seed));
      const sig = tf.mul(tf.reshape(inp.eps, [n, 1, 1, 1]), cfg.sigma);
      const x = tf.add(inp.beats, delta);
      const dv = tf.mul(v, sig);
      const flat = (t: tf.Tensor): tf.Tensor => tf.reshape(t, [n * s, len, channels]);
      const batch = tf.concat([
        x,
        flat(tf.add(tf.expandDims(x, 1), dv)),
        flat(tf.sub(tf.expandDims(x, 1), dv)),
      ]);
      const rrRep = tf.reshape(tf.tile(tf.expandDims(inp.rr, 1), [1, s, 1]), [n * s, -1]);
      const labRep = tf.reshape(tf.tile(tf.expandDims(inp.labels, 1), [1, s]), [n * s]);
      const probs = inp.model.apply([batch, tf.concat([inp.rr, rrRep, rrRep])], {
        training: false,
      }) as tf.Tensor2D;
      const loss = perBeatLoss(
        probs,
        tf.concat([inp.labels, labRep, labRep]) as tf.Tensor1D,
        inp.loss,
      );
      const plus = tf.reshape(tf.slice(loss, n, n * s), [n, s, 1, 1]);
      const minus = tf.reshape(tf.slice(loss, n + n * s, n * s), [n, s, 1, 1]);
      const coef = tf.div(tf.sub(plus, minus), tf.mul(sig, 2));
      return {
        loss: tf.slice(loss, 0, n),
        pred: tf.argMax(tf.slice(probs, [0, 0], [n, -1]), 1) as tf.Tensor1D,
        grad: tf.mean(tf.mul(coef, v), 1) as tf.Tensor3D,
      };
    });
}
