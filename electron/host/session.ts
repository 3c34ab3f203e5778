/**
 * How a browser gets into the browser host. The long-lived secret (32 random bytes per launch)
 * only ever travels in an HttpOnly, SameSite=Strict cookie. What is printed, opened and put on
 * the opener's command line is a one-time code: 60 s, single use, exchanged at /open for the
 * cookie, after which the browser is sent to an address without it. A code read from another
 * user's `ps` is worth nothing once the browser has used it or a minute has passed.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const CODE_LIFETIME_MS = 60_000;
export const OPEN_PATH = '/open';

export interface HostSession {
  /** Per port: cookies ignore ports, and two hosts on one machine must not evict each other. */
  readonly cookieName: string;
  /** A new one-time code (the terminal asks for one per address it prints). */
  issueCode(): string;
  /** True once per code, within its lifetime; the code is spent either way. */
  redeem(code: string | null): boolean;
  /** The Set-Cookie value that carries the session. */
  cookie(): string;
  /** Whether a request's Cookie header holds this launch's session. */
  holds(cookieHeader: string | undefined): boolean;
}

const digest = (code: string) => createHash('sha256').update(code).digest('base64url');

export function createHostSession(port: number, now: () => number = Date.now): HostSession {
  const secret = randomBytes(32).toString('base64url');
  // Looked up by their hash: how long a lookup takes says nothing about a real code.
  const codes = new Map<string, number>();
  const cookieName = `cau-noi-${port}`;
  return {
    cookieName,
    issueCode() {
      const time = now();
      for (const [key, expires] of codes) if (expires <= time) codes.delete(key);
      const code = randomBytes(24).toString('base64url');
      codes.set(digest(code), time + CODE_LIFETIME_MS);
      return code;
    },
    redeem(code) {
      if (!code) return false;
      const key = digest(code);
      const expires = codes.get(key);
      codes.delete(key);
      return expires !== undefined && now() < expires;
    },
    cookie: () => `${cookieName}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
    holds(cookieHeader) {
      const given = (cookieHeader ?? '')
        .split(';')
        .map((pair) => pair.trim())
        .find((pair) => pair.startsWith(`${cookieName}=`))
        ?.slice(cookieName.length + 1);
      if (!given) return false;
      const a = Buffer.from(given);
      const b = Buffer.from(secret);
      return a.length === b.length && timingSafeEqual(a, b);
    },
  };
}
