/**
 * The browser host: the same handlers as Electron's IPC, served over HTTP on the loopback
 * interface only. Everything but /open needs this launch's session cookie (session.ts: the
 * browser gets it by spending a one-time code); the Host and Origin headers must name this very
 * server (against DNS rebinding); no CORS; malformed request paths are 400.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProgressEvent } from '../../shared/contract';
import { translate } from '../../shared/i18n';
import type { Dispatcher } from '../ipc/dispatch';
import { CONTENT_SECURITY_POLICY, contentType, MAX_PATH_LENGTH, pathSegments, rendererFile, SECURITY_HEADERS } from '../renderer-files';
import { CODE_LIFETIME_MS, createHostSession, OPEN_PATH } from './session';

const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** What the refusal page tells a person to run again. */
const RESTART_COMMAND = 'npm start -- --browser';

export interface HostOptions {
  /** Where calls go: the data thread in the host, dispatch on a context in tests. */
  dispatch: Dispatcher;
  staticDir: string;
  port?: number;
  /** The clock the one-time codes expire by (tests fix it). */
  now?: () => number;
}

export interface RunningHost {
  url: string;
  /** The first address to open: a one-time code, never the session secret. */
  openUrl: string;
  /** Another address with a fresh one-time code (the terminal's Enter). */
  newOpenUrl(): string;
  port: number;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8') {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const REFUSAL_STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;color:#1f2933;background:#f5f7fa;margin:0}main{max-width:40rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px #0002}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}code{background:#eef2f7;padding:0 .3em;border-radius:3px}';
const REFUSAL_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(REFUSAL_STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** The page a browser without the session gets: why, and how to get a new link (both languages). */
function sendRefusal(res: http.ServerResponse, reason: 'refusedUsed' | 'refusedNoSession') {
  const part = (language: 'vi' | 'en', heading: 'h1' | 'h2') =>
    `<section lang="${language}"><${heading}>${escapeHtml(translate(language, 'host.refusedTitle'))}</${heading}>` +
    `<p>${escapeHtml(translate(language, `host.${reason}`, { seconds: CODE_LIFETIME_MS / 1000 }))}</p>` +
    `<p>${escapeHtml(translate(language, 'host.refusedHow', { command: '[command]' })).replace('[command]', `<code>${RESTART_COMMAND}</code>`)}</p></section>`;
  res.writeHead(403, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': REFUSAL_CSP, ...SECURITY_HEADERS });
  res.end(
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Cầu Nối</title><style>${REFUSAL_STYLE}</style></head><body><main>${part('vi', 'h1')}${part('en', 'h2')}</main></body></html>`,
  );
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const listeners = new Set<(event: ProgressEvent) => void>();
  const server = http.createServer(async (req, res) => {
    try {
      if (!req.headers.host || !allowedHosts.has(req.headers.host)) return send(res, 421, '{"error":"wrong host"}');
      const origin = req.headers.origin;
      if (origin && !allowedHosts.has(origin.replace(/^http:\/\//, ''))) return send(res, 403, '{"error":"wrong origin"}');
      const target = req.url ?? '';
      const queryAt = target.indexOf('?');
      const rawPath = queryAt < 0 ? target : target.slice(0, queryAt);
      const segments = target.length <= MAX_PATH_LENGTH ? pathSegments(rawPath) : null;
      if (!segments) return send(res, 400, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: 'Malformed request path' } }));
      const pathname = `/${segments.join('/')}`;

      if (pathname === OPEN_PATH) {
        if (req.method !== 'GET') return send(res, 405, '{"error":"method"}');
        const code = new URLSearchParams(queryAt < 0 ? '' : target.slice(queryAt + 1)).get('code');
        // Spent even by a browser that is already in, so no code outlives its first use.
        const redeemed = session.redeem(code);
        if (!redeemed && !session.holds(req.headers.cookie)) return sendRefusal(res, 'refusedUsed');
        // To an address without the code: history and the address bar keep nothing usable.
        res.writeHead(303, { location: '/', 'cache-control': 'no-store', 'set-cookie': session.cookie(), ...SECURITY_HEADERS });
        return res.end();
      }
      const signedIn = session.holds(req.headers.cookie);

      if (pathname.startsWith('/api/')) {
        if (!signedIn)
          return send(res, 401, JSON.stringify({ ok: false, error: { code: 'UNAUTHORIZED', message: 'No session: open the link the host printed' } }));
        if (pathname === '/api/events' && req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
          res.write(': connected\n\n');
          const listener = (event: ProgressEvent) => res.write(`data: ${JSON.stringify(event)}\n\n`);
          listeners.add(listener);
          req.on('close', () => listeners.delete(listener));
          return;
        }
        const m = /^\/api\/invoke\/([\w.-]+)$/.exec(pathname);
        if (!m || req.method !== 'POST') return send(res, 404, '{"error":"not found"}');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, '{"error":"json only"}');
        const body = await readBody(req);
        let input: unknown;
        try {
          input = body ? JSON.parse(body) : {};
        } catch {
          return send(res, 400, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: 'Body is not JSON' } }));
        }
        const result = await options.dispatch(m[1]!, input, (event) => listeners.forEach((l) => l(event)));
        return send(res, 200, JSON.stringify(result));
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '{"error":"method"}');
      if (!signedIn) return sendRefusal(res, 'refusedNoSession');
      const file = rendererFile(options.staticDir, segments);
      if (!file) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      const isPage = file.endsWith('.html');
      res.writeHead(200, {
        'content-type': contentType(file),
        'cache-control': isPage ? 'no-store' : 'max-age=3600',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        ...SECURITY_HEADERS,
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    } catch {
      // The cause stays in this process: nothing internal is told to the page.
      send(res, 500, JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: 'Internal error' } }));
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const session = createHostSession(port, options.now);
  const url = `http://127.0.0.1:${port}/`;
  const newOpenUrl = () => `http://127.0.0.1:${port}${OPEN_PATH}?code=${session.issueCode()}`;
  return {
    url,
    openUrl: newOpenUrl(),
    newOpenUrl,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
