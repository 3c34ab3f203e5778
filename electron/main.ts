/**
 * Electron's main process: one secure window over the same handlers the browser host
 * serves. Kept thin on purpose: everything real lives in handlers, stores and services.
 */
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, powerMonitor, session } from 'electron';
import { isChannelName } from '../shared/contract';
import { APP_INDEX } from './app-url';
import { DataHost } from './data-host/client';
import { READERS } from './db/read-pool';
import { fromOurPage, hardenContents, hardenSession, registerAppScheme, safeStorageSealer, serveApp } from './hardening';
import { defaultDataDir } from './paths';
import { electronUpdateShell } from './updater';
import { APP_VERSION } from './version';

const INVOKE = 'cau-noi:invoke';
const PROGRESS = 'cau-noi:progress';
const rendererDir = path.join(__dirname, '..', 'renderer');

/** better-sqlite3 built for Electron's ABI sits beside the Node one (scripts/start.mjs builds it). */
function electronNativeBinding(): string | undefined {
  const candidates = [
    path.join(process.resourcesPath ?? '', 'native', 'better_sqlite3.node'),
    path.join(__dirname, '..', '..', '.electron-native', 'better_sqlite3.node'),
  ];
  return candidates.find((file) => fs.existsSync(file));
}

/** The database and everything that touches it run in their own thread: this one only serves the window. */
let data: DataHost | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1320,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'Cầu Nối',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would open links in new windows behind the window-open handler's back.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  // Nothing but the app's own page is ever shown in this window (hardenContents runs for it too).
  void win.loadURL(APP_INDEX);
  return win;
}

/** Away from the keyboard: the database closes (after a running import) and the window shows the lock screen. */
const lockNow = () => void data?.lock().catch((error: Error) => console.error(`[cau-noi] lock failed: ${error.message}`));

app.enableSandbox();
registerAppScheme();
app.whenReady().then(() => {
  const dataDir = defaultDataDir();
  data = new DataHost(
    {
      options: {
        dataDir,
        transport: 'electron',
        appVersion: APP_VERSION,
        nativeBinding: electronNativeBinding(),
        resourcesDir: process.resourcesPath,
        readers: READERS,
      },
      background: true,
    },
    { sealer: safeStorageSealer(), update: electronUpdateShell() },
  );
  powerMonitor.on('suspend', lockNow);
  powerMonitor.on('lock-screen', lockNow);
  hardenSession(session.defaultSession);
  serveApp(session.defaultSession, rendererDir);
  ipcMain.handle(INVOKE, async (event, channel: unknown, input: unknown) => {
    if (!fromOurPage(event) || typeof channel !== 'string' || !isChannelName(channel)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Call refused' } };
    }
    return data!.call(channel, input, (progress) => event.sender.send(PROGRESS, progress));
  });
  // Only the standard roles: copy/paste and window keys must keep working (macOS needs the menu for them).
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []), { role: 'editMenu' }, { role: 'windowMenu' }]),
  );
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('web-contents-created', (_event, contents) => hardenContents(contents));

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// The database is closed before the process ends (its readers stopped, the log checkpointed), then the quit goes on.
app.on('will-quit', (event) => {
  if (!data) return;
  event.preventDefault();
  const closing = data;
  data = null;
  void closing.close().finally(() => app.quit());
});
