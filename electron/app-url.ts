/**
 * The Electron window's own origin, app://cau-noi, and what it serves. Kept apart from
 * hardening.ts (which needs Electron) so the decisions can be tested under Node.
 */
import { pathSegments, rendererFile } from './renderer-files';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://cau-noi`;
export const APP_INDEX = `${APP_ORIGIN}/index.html`;

/** True for an address of the app's own origin (the trailing slash keeps out app://cau-noi.evil). */
export function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`);
}

/** True for the app's page itself, whatever its fragment (the router's) or query. */
export function isAppPage(url: string): boolean {
  return url.split(/[?#]/, 1)[0] === APP_INDEX;
}

/**
 * What the window-open handler may hand to the person's browser (shell.openExternal): a plain
 * https address, no credentials in it, nothing to start another program (file:, smb:, custom schemes).
 */
export function isExternalLink(url: string): boolean {
  if (!/^https:\/\/\S+$/.test(url)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * The renderer file an app:// request names, or the status to answer. The raw path is judged,
 * not a normalised one, so `..` and encoded slashes are refused (400) rather than resolved.
 */
export function appRequestFile(rendererDir: string, requestUrl: string): { file: string } | { status: 400 | 404 } {
  if (!isAppUrl(requestUrl)) return { status: 404 };
  const segments = pathSegments(requestUrl.slice(APP_ORIGIN.length).split(/[?#]/, 1)[0]!);
  if (!segments) return { status: 400 };
  const file = rendererFile(rendererDir, segments);
  return file ? { file } : { status: 404 };
}
