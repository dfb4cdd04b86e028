/** Philips SierraECG / PhilipsECG XML reader (versions 1.03, 1.04, 1.04.01; XLI compression). */
export { PhilipsXmlError } from './errors';
export { readPhilipsXmlRecording } from './record';
export { looksLikePhilipsXml } from './sniff';
