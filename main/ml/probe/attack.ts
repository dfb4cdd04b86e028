/**
 * The loop shared by PGD and SPSA: projected ascent on a per-beat loss, in the L∞ ball (sign
 * steps, the default) or the L2 ball (normalised-gradient steps; the NSR variant, epsilon.ts).
 *
 * One perturbation per beat, δ of shape [n, len, 1], is broadcast onto EVERY input channel.
 * The beat model's channel 1 is the beat minus the median of its 33 neighbours; changing one
 * beat moves that sample-wise median by at most one rank out of 33 (and usually not at all), so
 * a change δ to the recorded beat changes channel 1 by δ too. Perturbing the channels jointly
 * is what "perturbing the beat" means; perturbing them independently would be a different,
 * unphysical threat model.
 *
 * `perturb` drives it for pgdPerturb/spsaPerturb (tensors in, final iterate out: adversarial
 * training); scheduler.ts drives it for the probe (stops each beat at its first label change).
 */
import * as tf from '@tensorflow/tfjs';
import { perBeatLoss, type AttackLoss } from './loss';

/** The ball δ lives in: |δ|∞ ≤ ε, or ‖δ‖₂ ≤ ε (over the window's samples). */
export type AttackNorm = 'linf' | 'l2';

export interface PerturbOptions {
  /** Radius in model units (see `norm`): one for all beats or one per beat ([n]). */
  epsilon: number | tf.Tensor1D;
  /** Default 'linf'. */
  norm?: AttackNorm;
  steps: number;
  /**
   * Step per iteration as a FRACTION of each beat's ε (ε differs per beat, so an absolute step
   * would not fit all). Default 2.5 / steps (Madry et al. 2018): enough travel to cross the
   * ball from a random start, short enough to settle.
   */
  stepSize?: number;
  /** Start from a uniform point in the ball (finds more flips than starting at the beat). */
  randomStart: boolean;
  seed?: number;
  /** Default 'ce' (see loss.ts). */
  loss?: AttackLoss;
  /**
   * Momentum μ on the row-normalised gradient (MI-FGSM, Dong et al. 2018); the step follows the
   * sign of the running sum. 0 (default) is plain PGD. SPSA uses it to average its noisy
   * gradient estimates over steps, as Uesato et al. did with Adam.
   */
  momentum?: number;
}

/** What an estimator works on; `eps` is the radius per beat, [n, 1, 1]. */
export interface AttackInputs {
  model: tf.LayersModel;
  beats: tf.Tensor3D;
  rr: tf.Tensor2D;
  labels: tf.Tensor1D;
  eps: tf.Tensor3D;
  loss: AttackLoss;
  norm: AttackNorm;
}

/** Loss and predicted class at beats + δ, and an ascent direction for δ ([n, len, 1]). */
export interface Estimate {
  loss: tf.Tensor1D;
  pred: tf.Tensor1D;
  grad: tf.Tensor3D;
}

/**
 * Returns tensors the caller owns and must dispose (PGD's loss and prediction are created
 * inside a gradient scope and kept past it).
 */
export type Estimator = (inp: AttackInputs, delta: tf.Tensor3D, step: number) => Estimate;

export function forward(inp: AttackInputs, delta: tf.Tensor3D): tf.Tensor2D {
  return inp.model.apply([tf.add(inp.beats, delta), inp.rr], { training: false }) as tf.Tensor2D;
}

/** Loss and prediction only (grad is zeros): for a last check where no step follows. */
export function evaluate(inp: AttackInputs, delta: tf.Tensor3D): Estimate {
  return tf.tidy(() => {
    const probs = forward(inp, delta);
    return {
      loss: perBeatLoss(probs, inp.labels, inp.loss),
      pred: tf.argMax(probs, 1) as tf.Tensor1D,
      grad: tf.zerosLike(delta),
    };
  });
}

export function stepFraction(steps: number, stepSize?: number): number {
  return stepSize ?? 2.5 / Math.max(1, steps);
}

/** Per-beat radius as [n, 1, 1]. */
export function radius(epsilon: number | tf.Tensor1D, n: number): tf.Tensor3D {
  if (typeof epsilon === 'number') {
    if (!(epsilon >= 0)) throw new RangeError('epsilon must be >= 0');
    return tf.fill([n, 1, 1], epsilon) as tf.Tensor3D;
  }
  if (epsilon.shape[0] !== n)
    throw new RangeError(`epsilon has ${epsilon.shape[0]} rows, not ${n}`);
  return tf.reshape(epsilon, [n, 1, 1]);
}

export function initialDelta(
  beats: tf.Tensor3D,
  eps: tf.Tensor3D,
  randomStart: boolean,
  seed?: number,
  norm: AttackNorm = 'linf',
): tf.Tensor3D {
  const [n, len] = beats.shape;
  return tf.tidy(() =>
    randomStart
      ? randomInBall([n, len, 1], eps, norm, seed)
      : (tf.zeros([n, len, 1]) as tf.Tensor3D),
  );
}

/**
 * A random point of each row's ball: uniform in the L∞ cube; in the L2 ball a uniform direction
 * at radius ε·u^(1/d) (uniform in the ball's volume, so nearly always close to its surface).
 */
export function randomInBall(
  shape: [number, number, number],
  eps: tf.Tensor3D,
  norm: AttackNorm,
  seed?: number,
): tf.Tensor3D {
  return tf.tidy(() => {
    if (norm === 'linf') return tf.mul(tf.randomUniform(shape, -1, 1, 'float32', seed), eps);
    const dir = tf.randomNormal(shape, 0, 1, 'float32', seed) as tf.Tensor3D;
    const u = tf.pow(tf.randomUniform([shape[0], 1, 1], 0, 1, 'float32', seed), 1 / shape[1]);
    return tf.mul(tf.div(dir, rowNorm(dir)), tf.mul(u, eps)) as tf.Tensor3D;
  });
}

/** ‖x‖₂ per row, [n, 1, 1] (never 0, so it can divide). */
function rowNorm(x: tf.Tensor3D): tf.Tensor3D {
  return tf.add(tf.sqrt(tf.sum(tf.square(x), [1, 2], true)), 1e-12);
}

/**
 * μ·v + g / mean|g| per row: the direction the next step follows (v: the previous one).
 * With μ = 0 it is g itself (only its sign is used).
 */
export function accumulate(
  velocity: tf.Tensor3D | null,
  grad: tf.Tensor3D,
  momentum: number,
): tf.Tensor3D {
  if (momentum === 0 || velocity === null) return grad.clone();
  return tf.tidy(() => {
    const scale = tf.add(tf.mean(tf.abs(grad), [1, 2], true), 1e-12);
    return tf.add(tf.mul(velocity, momentum), tf.div(grad, scale));
  });
}

/**
 * One step of size α·ε up the gradient, projected back onto the ball: δ + α·ε·sign(g) clipped
 * to |δ| ≤ ε (L∞), or δ + α·ε·g/‖g‖₂ scaled back to ‖δ‖₂ ≤ ε (L2).
 */
export function ascend(
  delta: tf.Tensor3D,
  grad: tf.Tensor3D,
  eps: tf.Tensor3D,
  fraction: number,
  norm: AttackNorm = 'linf',
): tf.Tensor3D {
  return tf.tidy(() => {
    if (norm === 'l2') {
      const moved = tf.add(
        delta,
        tf.mul(tf.div(grad, rowNorm(grad)), tf.mul(eps, fraction)),
      ) as tf.Tensor3D;
      return tf.mul(moved, tf.minimum(1, tf.div(eps, rowNorm(moved)))) as tf.Tensor3D;
    }
    const moved = tf.add(delta, tf.mul(tf.sign(grad), tf.mul(eps, fraction)));
    return tf.minimum(tf.maximum(moved, tf.neg(eps)), eps);
  });
}

/** Runs `steps` ascent steps and returns the final adversarial beats (beats + δ). */
export function perturb(
  model: tf.LayersModel,
  beats: tf.Tensor3D,
  rr: tf.Tensor2D,
  labels: tf.Tensor1D,
  opts: PerturbOptions,
  estimator: Estimator,
): tf.Tensor3D {
  const n = beats.shape[0];
  if (rr.shape[0] !== n || labels.shape[0] !== n)
    throw new RangeError('beats, rr and labels need the same number of rows');
  const eps = radius(opts.epsilon, n);
  const norm = opts.norm ?? 'linf';
  const inp: AttackInputs = { model, beats, rr, labels, eps, loss: opts.loss ?? 'ce', norm };
  const fraction = stepFraction(opts.steps, opts.stepSize);
  const momentum = opts.momentum ?? 0;
  let delta = initialDelta(beats, eps, opts.randomStart, opts.seed, norm);
  let velocity: tf.Tensor3D | null = null;
  for (let t = 0; t < opts.steps; t++) {
    const e = estimator(inp, delta, t);
    const v = accumulate(velocity, e.grad, momentum);
    const next = ascend(delta, v, eps, fraction, norm);
    tf.dispose([e.loss, e.pred, e.grad, delta]);
    velocity?.dispose();
    velocity = momentum > 0 ? v : (v.dispose(), null);
    delta = next;
  }
  const out = tf.tidy(() => tf.add(beats, delta) as tf.Tensor3D);
  tf.dispose([delta, eps]);
  velocity?.dispose();
  return out;
}
