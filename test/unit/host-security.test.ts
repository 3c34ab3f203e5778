/** The browser host refuses whatever is not this app, on this machine, with this launch's token. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { CONTENT_SECURITY_POLICY, startHost, TOKEN_HEADER, type RunningHost } from '../../electron/host/server';
import { openContext, setUpMission, tempDir } from '../support/context';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(host: RunningHost, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string; address?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: options.address ?? '127.0.0.1', port: host.port, method: options.method ?? 'POST', path: options.path ?? '/api/invoke/app.state', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

let app: AppContext;
let host: RunningHost;
let good: Record<string, string>;

beforeAll(async () => {
  app = await setUpMission(openContext());
  const staticDir = tempDir('caunoi-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  host = await startHost({ app, staticDir });
  good = { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', [TOKEN_HEADER]: host.token };
});
afterAll(async () => {
  await host.close();
  app.close();
});

describe('browser host', () => {
  it('answers this app with the token', async () => {
    const reply = await request(host, { headers: good, body: '{}' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { setUp: true } });
    const viaLocalhost = await request(host, { headers: { ...good, host: `localhost:${host.port}`, origin: `http://localhost:${host.port}` }, body: '{}' });
    expect(viaLocalhost.status).toBe(200);
  });

  it('refuses a missing or wrong token', async () => {
    const { [TOKEN_HEADER]: _token, ...noToken } = good;
    const wrongSameLength = host.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    for (const headers of [noToken, { ...good, [TOKEN_HEADER]: 'x' }, { ...good, [TOKEN_HEADER]: wrongSameLength }]) {
      const reply = await request(host, { headers, body: '{}' });
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.body).error.code).toBe('UNAUTHORIZED');
    }
    // The token in the address is for the event stream only (EventSource cannot send headers).
    const inQuery = await request(host, { path: `/api/invoke/app.state?token=${host.token}`, headers: noToken, body: '{}' });
    expect(inQuery.status).toBe(401);
  });

  it('refuses another Host (DNS rebinding) even with the token', async () => {
    for (const name of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, `0.0.0.0:${host.port}`]) {
      const reply = await request(host, { headers: { ...good, host: name }, body: '{}' });
      expect(reply.status, name).toBe(421);
    }
  });

  it('refuses another Origin even with the token', async () => {
    for (const origin of ['http://evil.example', `https://127.0.0.1:${host.port}`, 'null', `http://127.0.0.1:${host.port + 1}`, `http://127.0.0.1:${host.port}.evil.example`]) {
      const reply = await request(host, { headers: { ...good, origin }, body: '{}' });
      expect(reply.status, origin).toBe(403);
    }
  });

  it('sends no CORS permission and takes JSON only', async () => {
    const preflight = await request(host, {
      method: 'OPTIONS',
      headers: { host: good.host!, origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    const ok = await request(host, { headers: good, body: '{}' });
    for (const reply of [preflight, ok]) expect(Object.keys(reply.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const form = await request(host, { headers: { ...good, 'content-type': 'text/plain' }, body: '{}' });
    expect(form.status).toBe(415);
  });

  it('listens on the loopback interface only', async () => {
    const outside = Object.values(os.networkInterfaces())
      .flat()
      .filter((i) => i && !i.internal && i.family === 'IPv4')
      .map((i) => i!.address);
    for (const address of ['::1', ...outside]) {
      await expect(request(host, { address, headers: good, body: '{}' }), address).rejects.toThrow(/ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH/);
    }
  });

  it('serves its page with a strict CSP and nothing outside its folder', async () => {
    const page = await request(host, { method: 'GET', path: '/', headers: { host: good.host! } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    for (const p of ['/../package.json', '/%2e%2e/package.json', '/..%2f..%2fetc%2fpasswd']) {
      const reply = await request(host, { method: 'GET', path: p, headers: { host: good.host! } });
      expect(reply.status, p).toBe(404);
    }
  });

  it('validates input like every transport', async () => {
    const reply = await request(host, { path: '/api/invoke/activity.create', headers: good, body: '{"title": 5}' });
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const notJson = await request(host, { path: '/api/invoke/activity.create', headers: good, body: '{title' });
    expect(notJson.status).toBe(400);
    const unknown = await request(host, { path: '/api/invoke/db.exec', headers: good, body: '{}' });
    expect(JSON.parse(unknown.body).error.code).toBe('UNKNOWN_CHANNEL');
  });
});
