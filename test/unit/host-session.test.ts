/**
 * The browser host's way in (issue 13): a one-time code, 60 s, single use, exchanged for an
 * HttpOnly session cookie; the long-lived secret is never on a command line or in an address;
 * malformed paths are 400, never 500.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { openInBrowser } from '../../electron/host/open';
import { startHost, type RunningHost } from '../../electron/host/server';
import { CODE_LIFETIME_MS } from '../../electron/host/session';
import { openContext, setUpMission, tempDir } from '../support/context';
import { dispatchTo, pathOf, request, signIn } from '../support/host';

let app: AppContext;
let host: RunningHost;
let clock = Date.UTC(2026, 10, 20, 9, 0, 0);

beforeAll(async () => {
  app = await setUpMission(openContext());
  const staticDir = tempDir('caunoi-static-');
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  fs.mkdirSync(path.join(staticDir, 'assets'));
  fs.writeFileSync(path.join(staticDir, 'assets', 'a.js'), 'export {};');
  host = await startHost({ dispatch: dispatchTo(app), staticDir, now: () => clock });
});
afterAll(async () => {
  await host.close();
  app.close();
});

const hostHeader = () => ({ host: `127.0.0.1:${host.port}` });
const api = (cookie?: string) => request(host, { headers: { ...hostHeader(), 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: '{}' });

describe('browser host session', () => {
  it('exchanges a one-time code for an HttpOnly, SameSite=Strict cookie and an address without it', async () => {
    const openUrl = host.newOpenUrl();
    expect(openUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/open\\?code=[\\w-]{32}$`));
    const { reply, cookie } = await signIn(host, openUrl);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    const setCookie = reply.headers['set-cookie']![0]!;
    expect(setCookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
    expect(cookie).toMatch(new RegExp(`^cau-noi-${host.port}=[\\w-]{43}$`));
    // The secret is not the code, and the address left in history holds neither.
    const secret = cookie!.split('=')[1]!;
    expect(openUrl).not.toContain(secret);
    expect(reply.headers.location).not.toMatch(/code|=/);
    expect((await api(cookie!)).status).toBe(200);
  });

  it('takes a code once: a second browser gets the page that says how to get a new one', async () => {
    const openUrl = host.newOpenUrl();
    expect((await signIn(host, openUrl)).reply.status).toBe(303);
    const again = await signIn(host, openUrl);
    expect(again.reply.status).toBe(403);
    expect(again.cookie).toBeNull();
    expect(again.reply.headers['content-type']).toMatch(/^text\/html/);
    expect(again.reply.body).toContain('Cần một đường dẫn mới để mở Cầu Nối');
    expect(again.reply.body).toContain('Nhấn Enter trong cửa sổ dòng lệnh');
    expect(again.reply.body).toContain('<code>npm start -- --browser</code>');
    expect(again.reply.body).toContain('A new link is needed to open Cầu Nối');
    // Its CSP allows no script at all, only its own inline style by hash.
    expect(again.reply.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[\w+/=]+'/);
  });

  it('lets a browser that is already in spend a used code again (a second tab), without a new secret', async () => {
    const openUrl = host.newOpenUrl();
    const first = await signIn(host, openUrl);
    const again = await signIn(host, openUrl, first.cookie!);
    expect(again.reply.status).toBe(303);
    expect(again.cookie).toBe(first.cookie);
  });

  it('lets a code expire after 60 s', async () => {
    const fresh = host.newOpenUrl();
    const stale = host.newOpenUrl();
    clock += CODE_LIFETIME_MS - 1;
    expect((await signIn(host, fresh)).reply.status).toBe(303);
    clock += 1;
    expect((await signIn(host, stale)).reply.status).toBe(403);
  });

  it('refuses an invented, empty or missing code', async () => {
    for (const p of ['/open?code=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/open?code=', '/open', `/open?code=${'x'.repeat(1500)}`]) {
      const reply = await request(host, { method: 'GET', path: p, headers: hostHeader() });
      expect(reply.status, p).toBe(403);
      expect(reply.headers['set-cookie'], p).toBeUndefined();
    }
  });

  it('needs the cookie for the API, the event stream and the page, not only for the first call', async () => {
    const { cookie } = await signIn(host);
    expect((await api()).status).toBe(401);
    expect((await request(host, { method: 'GET', path: '/api/events', headers: hostHeader() })).status).toBe(401);
    const page = await request(host, { method: 'GET', path: '/', headers: hostHeader() });
    expect(page.status).toBe(403);
    expect(page.body).toContain('Trình duyệt này chưa được mở bằng đường dẫn');
    // A reload: the cookie alone brings back the page and its files.
    expect((await request(host, { method: 'GET', path: '/', headers: { ...hostHeader(), cookie: cookie! } })).status).toBe(200);
    expect((await request(host, { method: 'GET', path: '/assets/a.js', headers: { ...hostHeader(), cookie: cookie! } })).status).toBe(200);
  });

  it('answers malformed paths with 400, never 500, signed in or not', async () => {
    const { cookie } = await signIn(host);
    const malformed = [
      '/%', // bad percent-encoding
      '/%E0%A4%A', // truncated UTF-8 sequence
      '/%C0%AF', // overlong UTF-8 for '/'
      '/../package.json',
      '/assets/../../package.json',
      '/%2e%2e/package.json',
      '/..%2f..%2fetc%2fpasswd',
      '/assets%5c..%5cindex.html', // backslashes
      '/./index.html',
      '/index.html%00.js', // NUL
      '/a%0Ab', // control character
      '//etc/passwd', // empty segment
      '/C:%5cWindows', // drive letter
      '/api/invoke/app.state/..',
      `/${'a'.repeat(2100)}`,
      `/open?code=${'a'.repeat(2100)}`,
    ];
    for (const p of malformed) {
      for (const headers of [hostHeader(), { ...hostHeader(), cookie: cookie! }]) {
        const reply = await request(host, { method: 'GET', path: p, headers });
        expect(reply.status, p).toBe(400);
      }
    }
    const post = await request(host, {
      path: '/api/invoke/%zz',
      headers: { ...hostHeader(), 'content-type': 'application/json', cookie: cookie! },
      body: '{}',
    });
    expect(post.status).toBe(400);
  });

  it('puts only the one-time address on the opener command line, never the session secret', async () => {
    const calls: { command: string; args: string[] }[] = [];
    const spawner = (command: string, args: string[]) => {
      calls.push({ command, args });
      return { on: () => undefined, unref: () => undefined };
    };
    const openUrl = host.newOpenUrl();
    openInBrowser(openUrl, spawner, 'linux');
    openInBrowser(openUrl, spawner, 'win32');
    expect(calls).toEqual([
      { command: 'xdg-open', args: [openUrl] },
      { command: 'cmd', args: ['/c', 'start', '', openUrl] },
    ]);
    // What the browser gets for it is a secret the command line never held, and the code is then spent.
    const { cookie } = await signIn(host, calls[0]!.args[0]);
    const secret = cookie!.split('=')[1]!;
    expect(calls.flatMap((c) => c.args).join(' ')).not.toContain(secret);
    expect((await signIn(host, calls[1]!.args[3])).reply.status).toBe(403);
    expect(pathOf(openUrl)).toMatch(/^\/open\?code=/);
  });

  it('shrugs off an opener that cannot start (no desktop)', () => {
    expect(() =>
      openInBrowser('http://127.0.0.1:1/open?code=x', () => {
        throw new Error('ENOENT');
      }),
    ).not.toThrow();
  });
});
