/**
 * The renderer's API client, typed from the shared contract in `@common/api`.
 *
 * Transport:
 * - Electron: `window.ecgDesk.invoke(method, input)` (the preload bridge).
 * - Browser (web host): `POST /api/<method>` with a JSON body and `Authorization: Bearer <token>`.
 *   The token arrives once in the page URL (`?token=…`); it is kept in sessionStorage and removed
 *   from the address bar so it does not end up in bookmarks, history or screenshots.
 *
 * Every failure becomes an {@link ApiError} whose message is meant to be shown to the user.
 */
import type { ApiErrorBody, DeskBridge, Input, Method, Result } from '@common/api';

declare global {
  interface Window {
    /** Present only inside Electron (exposed by the preload script). */
    ecgDesk?: DeskBridge;
  }
}

const TOKEN_KEY = 'ecgDesk.token';

/** An error from the API (or from reaching it), with a message fit to show to the user. */
export class ApiError extends Error {
  constructor(
    message: string,
    /** Stable code from the host, or 'network' when the host could not be reached. */
    readonly code: ApiErrorBody['code'] | 'network',
    /** HTTP status in browser mode; 0 otherwise. */
    readonly status = 0,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The Electron bridge, or undefined in browser mode. */
export function desktopBridge(): DeskBridge | undefined {
  return typeof window !== 'undefined' ? window.ecgDesk : undefined;
}

export function isElectron(): boolean {
  return desktopBridge() !== undefined;
}

let token: string | null = null;
let tokenRead = false;

/**
 * Reads the access token: from `?token=` on first load (then stored in sessionStorage and stripped
 * from the address bar), otherwise from sessionStorage. Idempotent.
 */
export function initToken(): string | null {
  if (tokenRead) return token;
  tokenRead = true;
  try {
    const url = new URL(window.location.href);
    const fromUrl = url.searchParams.get('token');
    if (fromUrl) {
      token = fromUrl;
      try {
        sessionStorage.setItem(TOKEN_KEY, fromUrl);
      } catch {
        /* storage disabled: keep it in memory for this page */
      }
      url.searchParams.delete('token');
      window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    } else {
      token = sessionStorage.getItem(TOKEN_KEY);
    }
  } catch {
    token = null;
  }
  return token;
}

/** Electron may reject with "Error invoking remote method '…': Error: message"; keep the message. */
function cleanIpcMessage(message: string): string {
  const m = /^Error invoking remote method '[^']*':\s*(?:\w*Error:\s*)?([\s\S]*)$/.exec(message);
  return m ? m[1] : message;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).message === 'string' &&
    typeof (value as ApiErrorBody).code === 'string'
  );
}

async function invokeElectron<M extends Method>(
  bridge: DeskBridge,
  method: M,
  input: Input<M>,
): Promise<Result<M>> {
  try {
    return await bridge.invoke(method, input);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    if (isErrorBody(err)) throw new ApiError(err.message, err.code);
    const message = err instanceof Error ? err.message : String(err);
    const code = isErrorBody((err as { body?: unknown })?.body)
      ? (err as { body: ApiErrorBody }).body.code
      : 'internal';
    throw new ApiError(cleanIpcMessage(message), code);
  }
}

async function invokeHttp<M extends Method>(method: M, input: Input<M>): Promise<Result<M>> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  const t = initToken();
  if (t) headers.Authorization = `Bearer ${t}`;
  let res: Response;
  try {
    res = await fetch(`/api/${method}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(input),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (err) {
    throw new ApiError(
      `Cannot reach the ECG Desk host (${err instanceof Error ? err.message : String(err)}).`,
      'network',
    );
  }
  const text = await res.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!res.ok) {
    if (isErrorBody(body)) throw new ApiError(body.message, body.code, res.status);
    const hint =
      res.status === 401 || res.status === 403
        ? ' Open the address printed by `ecg-desk web` (it carries the access token).'
        : '';
    throw new ApiError(
      `${method} failed: HTTP ${res.status} ${res.statusText}.${hint}`.trim(),
      res.status === 401 || res.status === 403 ? 'forbidden' : 'internal',
      res.status,
    );
  }
  if (body === undefined) {
    throw new ApiError(`${method} returned a response that is not JSON.`, 'internal', res.status);
  }
  return body as Result<M>;
}

/** Calls one API method over whichever transport this page has. */
export function call<M extends Method>(method: M, input: Input<M>): Promise<Result<M>> {
  const bridge = desktopBridge();
  return bridge ? invokeElectron(bridge, method, input) : invokeHttp(method, input);
}

/** A message for any thrown value, for display. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (isErrorBody(err)) return err.message;
  return String(err);
}
