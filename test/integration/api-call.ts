/**
 * Typed calls through the one dispatcher (validation, handlers, services), as the renderer
 * makes them: `call` returns the result or throws "code: message"; `refused` returns the
 * error of a call that must fail. The handlers are looked up at call time, so a test may
 * create them in beforeAll.
 */
import type { Input, Method, Result } from '@common/api';
import type { JobStatus } from '@common/types';
import { dispatch, type Handlers } from '../../main/api/dispatch';

export function apiCaller(handlers: () => Handlers) {
  async function call<M extends Method>(method: M, input: Input<M>): Promise<Result<M>> {
    const out = await dispatch(handlers(), method, input, { error: () => undefined });
    if (!out.ok) throw new Error(`${out.error.code}: ${out.error.message}`);
    return out.value as Result<M>;
  }
  async function refused(method: Method, input: unknown): Promise<string> {
    const out = await dispatch(handlers(), method, input, { error: () => undefined });
    if (out.ok) throw new Error(`${method} was not refused`);
    return `${out.error.code}: ${out.error.message}`;
  }
  /** Polls a job until it is no longer queued or running. */
  async function waitJob(jobId: string): Promise<JobStatus> {
    for (;;) {
      const job = await call('jobs.get', { jobId });
      if (job.state !== 'running' && job.state !== 'queued') return job;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return { call, refused, waitJob };
}
