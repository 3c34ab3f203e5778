/**
 * Serving the renderer's built files, the same way for the browser host (HTTP) and Electron's
 * app:// protocol: one CSP, one set of headers, one path check. A request path is judged before
 * any file is looked at: bad percent-encoding, `.`/`..` segments, encoded slashes, NUL or other
 * control characters, and over-long paths are malformed (400), never a 500 or a file outside
 * the folder.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Also served by the browser host; Electron adds it to every app:// answer. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every page and file of the app is served with. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

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

export function contentType(file: string): string {
  return MIME[path.extname(file)] ?? 'application/octet-stream';
}

/** Longer than any address the app makes; a longer one is someone probing. */
export const MAX_PATH_LENGTH = 2048;

/**
 * The decoded segments of a request path ('/assets/a.js' → ['assets', 'a.js'], '/' → []), or
 * null when the path is malformed. The raw path is what arrived (before any normalisation), so
 * `..` is refused rather than silently resolved.
 */
export function pathSegments(rawPath: string): string[] | null {
  if (rawPath.length > MAX_PATH_LENGTH || !rawPath.startsWith('/')) return null;
  const raw = rawPath.slice(1).split('/');
  if (raw.at(-1) === '') raw.pop();
  const segments: string[] = [];
  for (const part of raw) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return null;
    }
    // Slashes once decoded, Windows drive and stream colons, NUL and other control characters.
    // eslint-disable-next-line no-control-regex
    if (segment === '' || segment === '.' || segment === '..' || /[/\\:\u0000-\u001f\u007f]/.test(segment)) return null;
    segments.push(segment);
  }
  return segments;
}

/**
 * The file under `root` that well-formed segments name ([] is index.html), or null when there
 * is none. The resolved path is checked to stay inside `root` even so.
 */
export function rendererFile(root: string, segments: readonly string[]): string | null {
  const base = path.resolve(root);
  const file = path.resolve(base, ...(segments.length === 0 ? ['index.html'] : segments));
  if (!file.startsWith(base + path.sep)) return null;
  try {
    return fs.statSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}
