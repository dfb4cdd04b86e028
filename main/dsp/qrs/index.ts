export { detectQrs } from './detect';
export type { QrsDetection, QrsOptions } from './detect';
export type { DecisionOptions } from './decide';
export { qrsEnvelope, envelopeDecimation } from './envelope';
export type { EnvelopeOptions } from './envelope';
