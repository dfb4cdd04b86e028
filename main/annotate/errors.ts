/**
 * Why a label or review operation was refused. The API maps `not-found` to not-found,
 * `read-only` to forbidden and the rest to bad-request; the CLI prints the message, exit 1.
 */
export type LabelErrorKind = 'not-found' | 'invalid' | 'read-only' | 'conflict';

export class LabelError extends Error {
  constructor(
    readonly kind: LabelErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'LabelError';
  }
}
