/**
 * Handlers for beat model versions: list, fine-tune (a background job of kind "finetune",
 * one at a time) and activate. The rules live in main/ml/finetune; here the actor is
 * resolved as in annotate.ts and domain errors become API errors.
 */
import { randomUUID } from 'node:crypto';
import type { ApiErrorBody } from '@common/api';
import { AuthError, AuthService } from '../../auth';
import { osUserName } from '../../import/user';
import type { JobRegistry } from '../../jobs/registry';
import {
  activateModel,
  modelsOverview,
  requireModelManager,
  setAnalysisModel,
} from '../../ml/finetune/activate';
import { ModelError, type ModelErrorKind } from '../../ml/finetune/errors';
import type { FinetuneRunner } from '../../ml/finetune/runner';
import type { Store } from '../../store';
import type { Handlers } from '../dispatch';
import { ApiError } from '../errors';

export interface ModelsContext {
  store: Store;
  jobs: JobRegistry;
  finetuneRunner: FinetuneRunner;
  auth?: AuthService;
  operatorName?: () => string;
}

type ModelHandlers = Pick<
  Handlers,
  'models.list' | 'models.finetune' | 'models.activate' | 'models.setAnalysisModel'
>;

const CODES: Record<ModelErrorKind, ApiErrorBody['code']> = {
  'not-found': 'not-found',
  invalid: 'bad-request',
  forbidden: 'forbidden',
};

function apiError(err: unknown): unknown {
  if (err instanceof ModelError) return new ApiError(CODES[err.kind], err.message);
  if (err instanceof AuthError)
    return new ApiError(err.kind === 'not-found' ? 'not-found' : 'forbidden', err.message);
  return err;
}

function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw apiError(err);
  }
}

export function createModelHandlers(ctx: ModelsContext): ModelHandlers {
  const { store, jobs } = ctx;
  const auth = ctx.auth ?? new AuthService(store);
  const operatorName = ctx.operatorName ?? osUserName;
  const manager = (token: string | undefined) => {
    const actor = auth.actor(token, operatorName());
    requireModelManager(actor);
    return actor;
  };
  return {
    'models.list': () => guarded(() => modelsOverview(store)),
    'models.finetune': ({ sessionToken }) =>
      guarded(() => {
        const actor = manager(sessionToken);
        const running = jobs.list({ activeOnly: true }).find((j) => j.kind === 'finetune');
        if (running) return running;
        const runId = randomUUID();
        return jobs.start('finetune', null, async (job) => {
          await ctx.finetuneRunner({ user: actor.user, runId }, job);
        });
      }),
    'models.activate': ({ version, sessionToken }) =>
      guarded(() => activateModel(store, auth.actor(sessionToken, operatorName()), version)),
    'models.setAnalysisModel': ({ setting, sessionToken }) =>
      guarded(() => setAnalysisModel(store, auth.actor(sessionToken, operatorName()), setting)),
  };
}
