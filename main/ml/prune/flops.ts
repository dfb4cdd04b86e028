/**
 * Cost of a beat model from its config alone (no weights needed), per layer.
 *
 * FLOPs count each multiply-accumulate of a conv or dense layer as 2 (the usual convention),
 * plus 1 per output for the bias add. ReLU, max-pooling, concatenation and softmax are left
 * out: together they are under 2 % of the total for every config the loader accepts, and
 * leaving them out keeps the hand check in the tests simple.
 */
import { BEAT_CLASSES } from '../beats/labels';
import type { BeatModelConfig } from '../beats/model';
import { N_CHANNELS, WINDOW_LEN } from '../beats/preprocess';
import { RR_DIM } from '../beats/rr';

/** The sizes pruning changes; kernel sizes and dropout rates stay as they are. */
export type PruneSizes = Pick<
  BeatModelConfig,
  'convFilters' | 'denseUnits' | 'rrUnits' | 'headUnits'
>;

export interface LayerCost {
  name: string;
  /** Multiply-accumulates per beat. */
  macs: number;
  /** 2 × macs + one bias add per output, per beat. */
  flops: number;
  params: number;
}

export interface ModelCost {
  layers: LayerCost[];
  flops: number;
  params: number;
}

/** Layer names match buildBeatModel's, so costs can be lined up with the model's layers. */
export function countFlops(config: PruneSizes & Pick<BeatModelConfig, 'kernelSizes'>): ModelCost {
  const layers: LayerCost[] = [];
  let length = WINDOW_LEN;
  let channels: number = N_CHANNELS;
  config.convFilters.forEach((filters, i) => {
    // 'same' padding: one output per input sample; then max-pool 2 (valid) halves the length.
    const k = config.kernelSizes[i];
    layers.push(layer(`conv${i + 1}`, length * filters, k * channels, filters));
    length = Math.floor(length / 2);
    channels = filters;
  });
  layers.push(layer('morph', config.denseUnits, length * channels, config.denseUnits));
  layers.push(layer('rr_dense', config.rrUnits, RR_DIM, config.rrUnits));
  layers.push(
    layer('head', config.headUnits, config.denseUnits + config.rrUnits, config.headUnits),
  );
  layers.push(layer('probs', BEAT_CLASSES.length, config.headUnits, BEAT_CLASSES.length));
  return {
    layers,
    flops: layers.reduce((a, l) => a + l.flops, 0),
    params: layers.reduce((a, l) => a + l.params, 0),
  };
}

/** `outputs` values, each a dot product of `fanIn` terms; `units` biases. */
function layer(name: string, outputs: number, fanIn: number, units: number): LayerCost {
  const macs = outputs * fanIn;
  return { name, macs, flops: 2 * macs + outputs, params: fanIn * units + units };
}
