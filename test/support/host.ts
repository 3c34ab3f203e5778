/** Raw HTTP to a browser host in the same process (tests of its session and its refusals). */
import http from 'node:http';
import type { AppContext } from '../../electron/context';
import type { RunningHost } from '../../electron/host/server';
import { dispatch, type Dispatcher } from '../../electron/ipc/dispatch';

/** The host's calls to a context in this thread (the real host sends them to its data thread). */
export const dispatchTo =
  (app: AppContext): Dispatcher =>
  (channel, input, onProgress) =>
    dispatch(app, channel, input, onProgress);

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RequestOptions {
  method?: string;
  /** Sent as is: no normalisation of `..` or percent-encoding on the way. */
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  address?: string;
}

export function request(host: RunningHost, options: RequestOptions): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: options.address ?? '127.0.0.1',
        port: host.port,
        method: options.method ?? 'POST',
        path: options.path ?? '/api/invoke/app.state',
        headers: options.headers,
      },
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

/** The path and query of a one-time address, as a browser would request it. */
export const pathOf = (openUrl: string) => openUrl.replace(/^http:\/\/[^/]+/, '');

/** Spends a one-time address as a browser does; returns the redirect's reply and the `name=value` to send back. */
export async function signIn(host: RunningHost, openUrl = host.newOpenUrl(), cookie?: string): Promise<{ reply: Reply; cookie: string | null }> {
  const reply = await request(host, { method: 'GET', path: pathOf(openUrl), headers: { host: `127.0.0.1:${host.port}`, ...(cookie ? { cookie } : {}) } });
  const setCookie = reply.headers['set-cookie']?.[0];
  return { reply, cookie: setCookie ? setCookie.split(';', 1)[0]! : null };
}
