/**
 * The single entry point for every renderer call, whichever host carried it (Electron IPC or
 * the web host's HTTP): check the method name, validate the input against the contract's
 * schema, run the handler, and turn any failure into an `ApiErrorBody` without a stack.
 */
import {
  isMethod,
  schemas,
  type ApiErrorBody,
  type Method,
  type ParsedInput,
  type Result,
} from '@common/api';
import type { IpcOutcome } from '@common/ipc';
import { ApiError } from './errors';

export type Handlers = {
  [M in Method]: (input: ParsedInput<M>) => Promise<Result<M>> | Result<M>;
};

export type DispatchOutcome = IpcOutcome;

export interface DispatchLog {
  error(message: string, err: unknown): void;
}

export async function dispatch(
  handlers: Handlers,
  method: unknown,
  rawInput: unknown,
  log: DispatchLog = { error: (m, e) => console.error(m, e) },
): Promise<DispatchOutcome> {
  if (!isMethod(method)) {
    return fail('bad-request', `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}`);
  }
  const parsed = schemas[method].safeParse(rawInput ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'input';
    return fail('bad-request', `${method}: ${where}: ${issue?.message ?? 'invalid input'}`);
  }
  try {
    const handler = handlers[method] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    if (err instanceof ApiError) return fail(err.code, err.message);
    log.error(`${method} failed`, err);
    return fail(
      'internal',
      `${method} failed: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

function fail(code: ApiErrorBody['code'], message: string): DispatchOutcome {
  return { ok: false, error: { code, message } };
}
