/**
 * The Electron security checklist applied in one place: no permission is ever granted,
 * no window opens, no navigation leaves the app's page, no webview attaches, and IPC is
 * answered only for the app's own top-level page. (contextIsolation, sandbox and no
 * nodeIntegration are set on the window itself in main.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage, shell, type IpcMainInvokeEvent, type Session, type WebContents } from 'electron';
import type { KeyKeeper } from './services/security';

export function hardenSession(session: Session, contentSecurityPolicy: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
}

/** For every web contents ever created (windows, and any a bug might create). */
export function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    // A web address in a report or a partner's record opens in the person's browser, never here.
    if (/^https:\/\/[^\s]+$/.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** A call counts only from the app's own page, in its top frame (not an iframe, not another file). */
export function fromOurPage(event: IpcMainInvokeEvent, rendererIndex: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || !frame.url.startsWith('file://')) return false;
  return path.resolve(decodeURI(new URL(frame.url).pathname)) === path.resolve(rendererIndex);
}

/**
 * A trusted device keeps the database key encrypted by the operating system (DPAPI,
 * Keychain, libsecret), as Signal Desktop does. Linux without a keyring would only
 * obfuscate it ('basic_text'), so it is not offered there.
 */
export function safeStorageKeeper(dataDir: string): KeyKeeper {
  const file = path.join(dataDir, 'cau-noi.key.safe');
  const available = () =>
    safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  return {
    available,
    has: () => fs.existsSync(file),
    load() {
      if (!available() || !fs.existsSync(file)) return null;
      try {
        return safeStorage.decryptString(fs.readFileSync(file));
      } catch {
        return null;
      }
    },
    save(hexKey) {
      fs.writeFileSync(file, safeStorage.encryptString(hexKey), { mode: 0o600 });
    },
    forget() {
      fs.rmSync(file, { force: true });
    },
  };
}
