export type ModelErrorKind = 'not-found' | 'invalid' | 'forbidden';

/** A refused model operation (unknown version, not activatable, no data, not allowed). */
export class ModelError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}
