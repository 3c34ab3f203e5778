/** The browser host refuses whatever is not this app, on this machine, with this launch's session. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { startHost, type RunningHost } from '../../electron/host/server';
import { CONTENT_SECURITY_POLICY } from '../../electron/renderer-files';
import { openContext, setUpMission, tempDir } from '../support/context';
import { dispatchTo, request, signIn } from '../support/host';

let app: AppContext;
let host: RunningHost;
let good: Record<string, string>;

beforeAll(async () => {
  app = await setUpMission(openContext());
  const staticDir = tempDir('caunoi-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  host = await startHost({ dispatch: dispatchTo(app), staticDir });
  good = { host: `127.0.0.1:${host.port}`, 'content-type': 'application/json', cookie: (await signIn(host)).cookie! };
});
afterAll(async () => {
  await host.close();
  app.close();
});

describe('browser host', () => {
  it('answers this app with the session', async () => {
    const reply = await request(host, { headers: good, body: '{}' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { setUp: true } });
    const viaLocalhost = await request(host, { headers: { ...good, host: `localhost:${host.port}`, origin: `http://localhost:${host.port}` }, body: '{}' });
    expect(viaLocalhost.status).toBe(200);
  });

  it('refuses a missing or wrong session', async () => {
    const { cookie, ...noCookie } = good;
    const [name, secret] = cookie!.split('=') as [string, string];
    const wrongSameLength = `${name}=${secret.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}`;
    const otherPort = `cau-noi-${host.port + 1}=${secret}`;
    for (const headers of [noCookie, { ...good, cookie: `${name}=x` }, { ...good, cookie: wrongSameLength }, { ...good, cookie: otherPort }]) {
      const reply = await request(host, { headers, body: '{}' });
      expect(reply.status).toBe(401);
      expect(JSON.parse(reply.body).error.code).toBe('UNAUTHORIZED');
    }
    // The event stream too, and the secret in the address opens nothing.
    const events = await request(host, { method: 'GET', path: `/api/events?token=${secret}`, headers: noCookie });
    expect(events.status).toBe(401);
  });

  it('refuses another Host (DNS rebinding) even with the session', async () => {
    for (const name of ['evil.example', `evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, `0.0.0.0:${host.port}`]) {
      const reply = await request(host, { headers: { ...good, host: name }, body: '{}' });
      expect(reply.status, name).toBe(421);
    }
  });

  it('refuses another Origin even with the session', async () => {
    for (const origin of [
      'http://evil.example',
      `https://127.0.0.1:${host.port}`,
      'null',
      `http://127.0.0.1:${host.port + 1}`,
      `http://127.0.0.1:${host.port}.evil.example`,
    ]) {
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
    const page = await request(host, { method: 'GET', path: '/', headers: { host: good.host!, cookie: good.cookie! } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-src 'none'.*base-uri 'none'.*form-action 'none'/);
    for (const p of ['/package.json', '/index.html/..', '/nothing.js']) {
      const reply = await request(host, { method: 'GET', path: p, headers: { host: good.host!, cookie: good.cookie! } });
      expect(reply.status, p).toBeGreaterThanOrEqual(400);
      expect(reply.body, p).not.toContain('"name": "cau-noi"');
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
