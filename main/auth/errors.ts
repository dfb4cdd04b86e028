/**
 * Why an auth or permission check refused. The API maps every kind to "forbidden" except
 * `invalid` (bad-request) and `not-found`; the CLI prints the message and exits 1.
 */
export type AuthErrorKind =
  | 'unauthenticated'
  | 'forbidden'
  | 'invalid-credentials'
  | 'locked'
  | 'disabled'
  | 'invalid'
  | 'not-found'
  | 'conflict';

export class AuthError extends Error {
  constructor(
    readonly kind: AuthErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
