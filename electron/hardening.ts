/**
 * The Electron security checklist applied in one place: the page comes from app://cau-noi
 * (never file://, whose extra privileges the packaged app's fuse turns off), no permission
 * is ever granted, no window opens, no navigation or frame leaves the app's origin, no
 * webview attaches, and IPC is answered only for the app's own top-level page.
 * (contextIsolation, sandbox and no nodeIntegration are set on the window in main.ts.)
 */
import fs from 'node:fs';
import { protocol, safeStorage, shell, type IpcMainInvokeEvent, type Session, type WebContents } from 'electron';
import { APP_SCHEME, appRequestFile, isAppPage, isAppUrl, isExternalLink } from './app-url';
import { CONTENT_SECURITY_POLICY, contentType, SECURITY_HEADERS } from './renderer-files';
import type { KeySealer } from './services/security';

/**
 * Before the app is ready: app:// is a standard, secure origin (so 'self', ES modules and
 * storage work as on https). Not corsEnabled: no other origin may read its files.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

/** app:// serves only the renderer's built files, with the same CSP and headers as the browser host. */
export function serveApp(session: Session, rendererDir: string): void {
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response(null, { status: 405 });
    const found = appRequestFile(rendererDir, request.url);
    if ('status' in found) return new Response(null, { status: found.status });
    return new Response(await fs.promises.readFile(found.file), {
      headers: { 'content-type': contentType(found.file), 'content-security-policy': CONTENT_SECURITY_POLICY, ...SECURITY_HEADERS },
    });
  });
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** For every web contents ever created (windows, and any a bug might create). */
export function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    // A web address in a report or a partner's record opens in the person's browser, never here.
    if (isExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // Nothing but the app's own origin, in the top frame only (the CSP's frame-src 'none' too).
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame || !isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** A call counts only from the app's own page, in its top frame (not an iframe, not another origin). */
export function fromOurPage(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return Boolean(frame && frame.parent === null && isAppPage(frame.url));
}

/**
 * A trusted device keeps the database key encrypted by the operating system (DPAPI,
 * Keychain, libsecret), as Signal Desktop does. Linux without a keyring would only
 * obfuscate it ('basic_text'), so it is not offered there.
 */
export function safeStorageSealer(): KeySealer {
  return {
    available: safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text'),
    seal: async (text) => safeStorage.encryptString(text),
    unseal: async (sealed) => safeStorage.decryptString(Buffer.from(sealed)),
  };
}
