import type { ApiErrorBody } from '@common/api';

/** An error whose message is meant for the user; `code` maps to an HTTP status in the web host. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorBody['code'],
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends ApiError {
  constructor(message: string) {
    super('bad-request', message);
  }
}

export class NotFoundError extends ApiError {
  constructor(message: string) {
    super('not-found', message);
  }
}

export class ForbiddenError extends ApiError {
  constructor(message: string) {
    super('forbidden', message);
  }
}
