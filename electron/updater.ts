/**
 * The Electron side of updates, kept thin: electron-updater against the Ministry's server, the file
 * dialog, and handing an unpacked installer to the system. Every check lives in
 * services/update-package.ts and services/updates.ts, which run without Electron.
 *
 * Nothing downloads or installs by itself: a check fetches only the server's small latest*.yml; the
 * download (whose size the card shows first, for metered and filtered links) and the restart are
 * each the person's click.
 */
import { app, BrowserWindow, dialog, shell } from 'electron';
import { autoUpdater } from 'electron-updater';
import { AppError } from '../shared/errors';
import { UPDATE_EXTENSION } from './services/update-package';
import type { UpdateShell } from './services/updates';

function notesText(notes: unknown): string {
  if (typeof notes === 'string') return notes.replace(/<[^>]*>/g, '').trim();
  if (Array.isArray(notes)) return notes.map((n: { version?: string; note?: string | null }) => `${n.version ?? ''}: ${notesText(n.note ?? '')}`).join('\n');
  return '';
}

/** electron-updater's instance, set up at its first use (not at start: most sessions never touch it). */
let configured = false;
function updater(): typeof autoUpdater {
  if (!configured) {
    autoUpdater.autoDownload = false;
    autoUpdater.autoInstallOnAppQuit = false;
    autoUpdater.allowDowngrade = false;
    autoUpdater.allowPrerelease = false;
    configured = true;
  }
  return autoUpdater;
}

export function electronUpdateShell(): UpdateShell {
  let downloaded: string | null = null;
  return {
    allowTestKeys: !app.isPackaged,
    async check(url) {
      updater().setFeedURL({ provider: 'generic', url });
      const result = await updater().checkForUpdates();
      const info = result?.updateInfo;
      const size = info?.files.reduce((sum, f) => sum + (f.size ?? 0), 0) ?? 0;
      return {
        available: Boolean(result?.isUpdateAvailable),
        version: info?.version ?? app.getVersion(),
        notes: notesText(info?.releaseNotes),
        releaseDate: info?.releaseDate ?? null,
        size: size > 0 ? size : null,
      };
    },
    async download(onProgress) {
      const listener = (p: { transferred: number; total: number }) => onProgress(p.transferred, p.total);
      updater().on('download-progress', listener);
      try {
        const result = await updater().checkForUpdates();
        if (!result?.isUpdateAvailable) return app.getVersion();
        await updater().downloadUpdate();
        downloaded = result.updateInfo.version;
        return downloaded;
      } finally {
        updater().off('download-progress', listener);
      }
    },
    restartToInstall() {
      if (!downloaded) throw new AppError('UPDATE_NOT_DOWNLOADED', 'No update has been downloaded from the server yet');
      // Not silent: the person sees the installer; the app starts again after it.
      setImmediate(() => updater().quitAndInstall(false, true));
    },
    async choosePackage() {
      const window = BrowserWindow.getFocusedWindow();
      const options = { properties: ['openFile' as const], filters: [{ name: 'Cầu Nối', extensions: [UPDATE_EXTENSION.slice(1)] }] };
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async openInstaller(file, action) {
      if (action === 'linux-appimage') {
        // A new AppImage replaces the old file by hand: show it rather than run a second copy.
        shell.showItemInFolder(file);
        return;
      }
      const problem = await shell.openPath(file);
      if (problem) throw new AppError('UPDATE_HANDOFF_FAILED', `The system could not open the installer ${file}: ${problem}`, { params: { file } });
      // The Windows installer replaces the app's files, which it cannot do while they are in use.
      if (action === 'windows-installer') setTimeout(() => app.quit(), 1500);
    },
  };
}
