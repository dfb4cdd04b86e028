/**
 * The browser mode: serves the built renderer on 127.0.0.1 and runs the same API handlers as
 * the Electron main process, over HTTP. Used where Electron can't run and by the E2E tests.
 *
 * Guards: loopback only; a per-launch bearer token on every API call (a web page elsewhere
 * cannot read it); the Host header must be our own address (DNS rebinding); cross-origin
 * requests are refused; bodies are size-limited; static files never leave the renderer folder.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ApiErrorBody } from '@common/api';
import { CONTENT_SECURITY_POLICY } from '../app/security';
import { dispatch, type Handlers } from '../api/dispatch';

export interface WebHostOptions {
  handlers: Handlers;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token (tests); a random one per launch otherwise. */
  token?: string;
  /** Largest accepted request body; uploads of whole recordings come as base64 JSON. */
  maxBodyBytes?: number;
}

export interface WebHost {
  url: string;
  /** The URL to open: carries the token once; the page moves it to sessionStorage. */
  launchUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const STATUS: Record<ApiErrorBody['code'], number> = {
  'bad-request': 400,
  forbidden: 403,
  'not-found': 404,
  unsupported: 415,
  internal: 500,
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 1024 * 2 ** 20;
  const rendererDir = resolve(options.rendererDir);
  let port = 0;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error('web host:', err);
      if (!res.headersSent) sendJson(res, 500, { code: 'internal', message: 'internal error' });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isOwnHost(req.headers.host, port)) {
      return sendJson(res, 403, { code: 'forbidden', message: 'Unexpected Host header' });
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice(5));
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, { code: 'bad-request', message: 'Method not allowed' });
    }
    return serveStatic(res, rendererDir, url.pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string) {
    if (req.method !== 'POST') {
      return sendJson(res, 405, { code: 'bad-request', message: 'Use POST' });
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !isOwnOrigin(origin, port)) {
      return sendJson(res, 403, { code: 'forbidden', message: 'Cross-origin request refused' });
    }
    if (!hasToken(req.headers.authorization, token)) {
      return sendJson(res, 401, { code: 'forbidden', message: 'Missing or wrong access token' });
    }
    const body = await readBody(req, maxBody);
    if (body === null) {
      // Answer first, then drop the connection: the rest of the upload is never read.
      res.setHeader('Connection', 'close');
      res.on('finish', () => req.destroy());
      return sendJson(res, 413, { code: 'bad-request', message: 'Request body too large' });
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, { code: 'bad-request', message: 'Body is not valid JSON' });
    }
    const outcome = await dispatch(options.handlers, method, input);
    if (outcome.ok) return sendJson(res, 200, outcome.value);
    return sendJson(res, STATUS[outcome.error.code], outcome.error);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    launchUrl: `${url}?token=${encodeURIComponent(token)}`,
    token,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function isOwnOrigin(origin: string, port: number): boolean {
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function hasToken(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(authorization ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function serveStatic(res: ServerResponse, rootDir: string, pathname: string) {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return sendJson(res, 400, { code: 'bad-request', message: 'Bad path' });
  }
  const relative = decoded === '/' ? 'index.html' : normalize(decoded).replace(/^[/\\]+/, '');
  const file = resolve(join(rootDir, relative));
  if (file !== rootDir && !file.startsWith(rootDir + sep)) {
    return sendJson(res, 404, { code: 'not-found', message: 'Not found' });
  }
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch {
    return sendJson(res, 404, { code: 'not-found', message: `Not found: ${pathname}` });
  }
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  res.end(data);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
