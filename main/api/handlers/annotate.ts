/**
 * Handlers of the annotator workflow (accounts, beat labels, review, audit trail). They are
 * thin: the rules live in main/auth and main/annotate, shared with the CLI. Domain errors
 * become API errors here: a refused permission or a signed recording is "forbidden", a bad
 * value "bad-request", an unknown recording or beat "not-found".
 */
import type { AnnotatorMethod, ApiErrorBody } from '@common/api';
import { LabelError, type LabelErrorKind } from '../../annotate/errors';
import { bulkRelabel, deleteBeat, moveBeat, setLabel } from '../../annotate/labels';
import { seedReferenceBeats } from '../../annotate/reference';
import { getReview, reopenReview, signReview, startReview } from '../../annotate/review';
import { previewSimilar } from '../../annotate/similar';
import { AuthError, AuthService, requirePermission, type AuthErrorKind } from '../../auth';
import { osUserName } from '../../import/user';
import { InvalidLeadError, type Store } from '../../store';
import type { Handlers } from '../dispatch';
import { ApiError, BadRequestError, NotFoundError } from '../errors';

export type AnnotatorHandlers = Pick<Handlers, AnnotatorMethod>;

export interface AnnotateContext {
  store: Store;
  /** Shared with other callers when given (tests pass one with cheap scrypt parameters). */
  auth?: AuthService;
  /** The local operator's name while no account exists (default: the OS user). */
  operatorName?: () => string;
}

const LABEL_CODES: Record<LabelErrorKind, ApiErrorBody['code']> = {
  'not-found': 'not-found',
  invalid: 'bad-request',
  'read-only': 'forbidden',
  conflict: 'bad-request',
};

const AUTH_CODES: Record<AuthErrorKind, ApiErrorBody['code']> = {
  unauthenticated: 'forbidden',
  forbidden: 'forbidden',
  'invalid-credentials': 'forbidden',
  locked: 'forbidden',
  disabled: 'forbidden',
  invalid: 'bad-request',
  'not-found': 'not-found',
  conflict: 'bad-request',
};

function apiError(err: unknown): unknown {
  if (err instanceof LabelError) return new ApiError(LABEL_CODES[err.kind], err.message);
  if (err instanceof AuthError) return new ApiError(AUTH_CODES[err.kind], err.message);
  if (err instanceof InvalidLeadError) return new BadRequestError(err.message);
  return err;
}

/** Runs a handler body, turning domain errors (thrown or rejected) into API errors. */
function run<T>(fn: () => T): T {
  try {
    const out = fn();
    if (out instanceof Promise) {
      return out.catch((err: unknown) => {
        throw apiError(err);
      }) as T;
    }
    return out;
  } catch (err) {
    throw apiError(err);
  }
}

export function createAnnotateHandlers(ctx: AnnotateContext): AnnotatorHandlers {
  const { store } = ctx;
  const auth = ctx.auth ?? new AuthService(store);
  const operatorName = ctx.operatorName ?? osUserName;
  const actor = (token: string | undefined) => auth.actor(token, operatorName());
  const mustExist = (recordingId: string): void => {
    if (!store.recordings.has(recordingId)) throw new NotFoundError(`No recording ${recordingId}`);
  };
  return {
    'auth.status': ({ sessionToken }) => run(() => auth.status(sessionToken)),
    'auth.createFirstAdmin': (input) => run(() => auth.createFirstAdmin(input)),
    'auth.login': ({ username, password }) => run(() => auth.login(username, password)),
    'auth.logout': ({ sessionToken }) =>
      run(() => {
        auth.logout(sessionToken);
        return { ok: true as const };
      }),
    'users.list': ({ sessionToken }) => run(() => auth.listUsers(actor(sessionToken))),
    'users.create': ({ sessionToken, ...user }) =>
      run(() => auth.createUser(actor(sessionToken), user)),
    'users.update': ({ sessionToken, ...update }) =>
      run(() => auth.updateUser(actor(sessionToken), update)),
    'users.disable': ({ sessionToken, userId, reason }) =>
      run(() => auth.disableUser(actor(sessionToken), userId, reason)),

    'beats.list': ({ recordingId, startSample, endSample, label }) => {
      mustExist(recordingId);
      return store.beats.list(recordingId, { startSample, endSample, label });
    },
    'beats.counts': ({ recordingId }) => {
      mustExist(recordingId);
      return store.beats.counts(recordingId);
    },
    'beats.find': ({ recordingId, fromSample, direction, ...filter }) => {
      mustExist(recordingId);
      return store.beats.find(recordingId, fromSample, direction, filter);
    },
    'labels.set': ({ sessionToken, ...edit }) =>
      run(() => setLabel(store, actor(sessionToken), edit)),
    'labels.delete': ({ sessionToken, ...edit }) =>
      run(() => deleteBeat(store, actor(sessionToken), edit)),
    'labels.move': ({ sessionToken, ...edit }) =>
      run(() => moveBeat(store, actor(sessionToken), edit)),
    'labels.bulkPreview': (query) => run(() => previewSimilar(store, query)),
    'labels.bulkApply': ({ sessionToken, ...edit }) =>
      run(() => bulkRelabel(store, actor(sessionToken), edit)),
    'labels.seedReference': ({ sessionToken, recordingId, source }) =>
      run(() => seedReferenceBeats(store, actor(sessionToken), recordingId, source)),

    'review.get': ({ recordingId }) => run(() => getReview(store, recordingId)),
    'review.start': ({ sessionToken, recordingId }) =>
      run(() => startReview(store, actor(sessionToken), recordingId)),
    'review.sign': ({ sessionToken, recordingId, password, meaning }) =>
      run(async () => {
        const signer = actor(sessionToken);
        // Refuse a non-signer before asking for the password: no failed attempt is counted.
        requirePermission(signer, 'review.sign');
        await auth.confirmPassword(signer, password);
        return signReview(store, signer, recordingId, meaning);
      }),
    'review.reopen': ({ sessionToken, recordingId, reason }) =>
      run(() => reopenReview(store, actor(sessionToken), recordingId, reason)),

    'audit.list': ({ recordingId }) => {
      mustExist(recordingId);
      return store.audit.list({ entity: 'recording', entityId: recordingId });
    },
    'audit.verify': () => store.audit.verify(),
  };
}
