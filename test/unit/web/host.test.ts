import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHost, type WebHost } from '../../../main/web/host';
import type { Handlers } from '../../../main/api/dispatch';
import { NotFoundError } from '../../../main/api/errors';

const handlers = {
  'app.info': () => ({ version: '1', host: 'web', storePath: '/x.db', mlBackend: null }),
  'recordings.get': ({ recordingId }: { recordingId: string }) => {
    throw new NotFoundError(`No recording ${recordingId}`);
  },
} as unknown as Handlers;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  host: WebHost,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: opts.method ?? 'GET',
        headers: opts.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('web host', () => {
  let host: WebHost;
  const root = mkdtempSync(join(tmpdir(), 'ecg-web-'));
  const rendererDir = join(root, 'renderer');
  beforeAll(async () => {
    mkdirSync(join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ECG Desk</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(root, 'secret.txt'), 'do not serve');
    host = await startWebHost({ handlers, rendererDir, token: 'tok-123', maxBodyBytes: 1024 });
  });
  afterAll(() => host.close());

  const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    call(host, `/api/${method}`, {
      method: 'POST',
      headers: { authorization: 'Bearer tok-123', 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('listens on loopback and puts the token in the launch URL', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(host.launchUrl).toBe(`${host.url}?token=tok-123`);
  });

  it('serves the renderer with the CSP and never a file outside it', async () => {
    const index = await call(host, '/');
    expect(index.status).toBe(200);
    expect(index.body).toContain('ECG Desk');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await call(host, '/assets/app.js')).headers['content-type']).toContain('javascript');
    expect((await call(host, '/../secret.txt')).status).toBe(404);
    expect((await call(host, '/%2e%2e/secret.txt')).status).toBe(404);
    expect((await call(host, '/assets/..%2f..%2fsecret.txt')).status).toBe(404);
  });

  it('runs a call with the token and validates its input', async () => {
    const ok = await api('app.info', {});
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ host: 'web' });
    const bad = await api('app.info', { unexpected: true });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).code).toBe('bad-request');
    const unknown = await api('shell.exec', {});
    expect(unknown.status).toBe(400);
  });

  it('maps domain errors to HTTP status with a message and no stack', async () => {
    const missing = await api('recordings.get', { recordingId: 'abc' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({ code: 'not-found', message: 'No recording abc' });
  });

  it('refuses calls without the token, from other origins or other hosts', async () => {
    expect((await api('app.info', {}, { authorization: 'Bearer wrong-1' })).status).toBe(401);
    expect((await api('app.info', {}, { authorization: '' })).status).toBe(401);
    expect((await api('app.info', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api('app.info', {}, { host: 'evil.example' })).status).toBe(403);
    expect((await call(host, '/api/app.info')).status).toBe(405);
  });

  it('refuses oversized and malformed bodies', async () => {
    const big = await api('app.info', { pad: 'x'.repeat(4096) });
    expect(big.status).toBe(413);
    const broken = await call(host, '/api/app.info', {
      method: 'POST',
      headers: { authorization: 'Bearer tok-123' },
      body: '{not json',
    });
    expect(broken.status).toBe(400);
  });
});
