/**
 * The browser host: the same handlers as Electron's IPC, served over HTTP on the
 * loopback interface only. Every API call needs the per-launch token; the Host and
 * Origin headers must name this very server (against DNS rebinding); no CORS.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { ProgressEvent } from '../../shared/contract';
import type { AppContext } from '../context';
import { dispatch } from '../ipc/dispatch';

export const TOKEN_HEADER = 'x-cau-noi-token';
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface HostOptions {
  app: AppContext;
  staticDir: string;
  port?: number;
  token?: string;
}

export interface RunningHost {
  url: string;
  /** The address to open: the token travels in the fragment, never to the server's logs. */
  openUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sameToken(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
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
  const token = options.token ?? randomBytes(32).toString('base64url');
  const staticRoot = path.resolve(options.staticDir);
  const listeners = new Set<(event: ProgressEvent) => void>();
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const server = http.createServer(async (req, res) => {
    try {
      const hosts = allowedHosts();
      if (!req.headers.host || !hosts.has(req.headers.host)) return send(res, 421, '{"error":"wrong host"}');
      const origin = req.headers.origin;
      if (origin && !hosts.has(origin.replace(/^http:\/\//, ''))) return send(res, 403, '{"error":"wrong origin"}');
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

      if (url.pathname.startsWith('/api/')) {
        // In the address only for the event stream (EventSource cannot send headers).
        const given = (req.headers[TOKEN_HEADER] as string | undefined) ?? (url.pathname === '/api/events' ? url.searchParams.get('token') : null);
        if (!sameToken(given, token)) return send(res, 401, JSON.stringify({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Missing or wrong token' } }));
        if (url.pathname === '/api/events' && req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
          res.write(': connected\n\n');
          const listener = (event: ProgressEvent) => res.write(`data: ${JSON.stringify(event)}\n\n`);
          listeners.add(listener);
          req.on('close', () => listeners.delete(listener));
          return;
        }
        const m = /^\/api\/invoke\/([\w.-]+)$/.exec(url.pathname);
        if (!m || req.method !== 'POST') return send(res, 404, '{"error":"not found"}');
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, '{"error":"json only"}');
        const body = await readBody(req);
        let input: unknown;
        try {
          input = body ? JSON.parse(body) : {};
        } catch {
          return send(res, 400, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: 'Body is not JSON' } }));
        }
        const result = await dispatch(options.app, m[1]!, input, (event) => listeners.forEach((l) => l(event)));
        return send(res, 200, JSON.stringify(result));
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '{"error":"method"}');
      const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = path.resolve(staticRoot, relative);
      if (!file.startsWith(staticRoot + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      }
      const type = MIME[path.extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, {
        'content-type': type,
        'cache-control': relative === 'index.html' ? 'no-store' : 'max-age=3600',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
      });
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).pipe(res);
    } catch (error) {
      send(res, 500, JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: (error as Error).message } }));
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
