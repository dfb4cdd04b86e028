/**
 * Clinical constants shared by the main process and the renderer, so that what the worklist
 * counts and what the viewer highlights are the same thing.
 */

/** A model label with a confidence below this is "uncertain": shown hollow with "?", counted in the worklist. */
export const LOW_CONFIDENCE = 0.7;
