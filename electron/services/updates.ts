/**
 * Updates as the handlers see them: where the Ministry's server is, what the Electron shell can do
 * (behind UpdateShell, so this file and every check run in tests without Electron), and the offline
 * package's path from "open" to "hand off to the installer".
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { InstallAction, ReleaseKeyView, ServerUpdate, UpdatePackageView, UpdateStatus } from '../../shared/contract/update';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../context';
import { extractInstaller, releaseKeys, runningPlatform, verifyUpdatePackage, type ReleaseKey, type VerifiedPackage } from './update-package';

/** What only the Electron shell can do (electron/updater.ts); absent in the browser host and the CLI. */
export interface UpdateShell {
  /** An installed (packaged) app never trusts the development key. */
  allowTestKeys: boolean;
  check(url: string): Promise<ServerUpdate>;
  download(onProgress: (done: number, total: number) => void): Promise<string>;
  restartToInstall(): void;
  /** The system's file dialog; null when cancelled. */
  choosePackage(): Promise<string | null>;
  openInstaller(file: string, action: InstallAction): Promise<void>;
}

export const SERVER_SETTING = 'update.server';
/** The file the Ministry ships beside the app (electron-builder extraResources) or IT drops in the data folder. */
export const MINISTRY_SERVER_FILE = 'update-server.json';
const MinistryFile = z.object({ url: z.string().regex(/^https:\/\/[^\s/?#]+[^\s]*$/) });
export const INSTALLERS_FOLDER = 'updates';

function ministryServer(app: AppContext): string | null {
  for (const dir of [app.options.dataDir, app.options.resourcesDir]) {
    if (!dir) continue;
    const file = path.join(dir, MINISTRY_SERVER_FILE);
    if (!fs.existsSync(file)) continue;
    try {
      const parsed = MinistryFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
      if (parsed.success) return parsed.data.url;
    } catch {
      // A damaged file is as good as none: Settings still takes a URL.
    }
  }
  return null;
}

export function updateServer(app: AppContext): UpdateStatus['server'] {
  const set = app.settings.get<string>(SERVER_SETTING);
  if (set) return { url: set, source: 'settings' };
  const file = ministryServer(app);
  return file ? { url: file, source: 'ministry-file' } : null;
}

function keysFor(app: AppContext): ReleaseKey[] {
  // Off Electron (browser host, CLI) the app runs from a source checkout, where the test key is meant to work.
  return releaseKeys({ allowTest: app.options.updateShell?.allowTestKeys ?? true });
}

const keyView = ({ label, fingerprint, test }: ReleaseKey): ReleaseKeyView => ({ label, fingerprint, test });

export function updateStatus(app: AppContext): UpdateStatus {
  return {
    appVersion: app.options.appVersion,
    platform: runningPlatform(),
    desktop: Boolean(app.options.updateShell),
    server: updateServer(app),
    keys: keysFor(app).map(keyView),
  };
}

export function setUpdateServer(app: AppContext, url: string): UpdateStatus {
  if (url) app.settings.set(SERVER_SETTING, url);
  else app.settings.delete(SERVER_SETTING);
  return updateStatus(app);
}

export function requireShell(app: AppContext): UpdateShell {
  const shell = app.options.updateShell;
  if (!shell)
    throw new AppError(
      'UPDATE_DESKTOP_ONLY',
      'Checking the server and installing updates happen in the desktop app (here: cau-noi update verify FILE checks a package)',
    );
  return shell;
}

export function checkServer(app: AppContext): Promise<ServerUpdate> {
  const shell = requireShell(app);
  const server = updateServer(app);
  if (!server) throw new AppError('UPDATE_NO_SERVER', 'No update server is set: enter the address the Ministry gave, or use an update package');
  return shell.check(server.url);
}

export function installAction(installerName: string): InstallAction {
  if (installerName.endsWith('.exe')) return 'windows-installer';
  if (installerName.endsWith('.dmg')) return 'mac-disk-image';
  return installerName.endsWith('.AppImage') ? 'linux-appimage' : 'linux-package';
}

export function verifyPackage(app: AppContext, file: string): Promise<VerifiedPackage> {
  return verifyUpdatePackage(file, { keys: keysFor(app), runningVersion: app.options.appVersion, platform: runningPlatform() });
}

export function packageView({ file, manifest, key }: VerifiedPackage): UpdatePackageView {
  const { installer } = manifest;
  return {
    path: file,
    version: manifest.version,
    platform: manifest.platform,
    installerName: installer.name,
    size: installer.size,
    sha256: installer.sha256,
    notes: manifest.notes,
    createdAt: manifest.createdAt,
    signer: keyView(key),
    action: installAction(installer.name),
  };
}

/** The package chosen (or given), verified; null when the person closed the file dialog. */
export async function inspectPackage(app: AppContext, file: string | undefined): Promise<UpdatePackageView | null> {
  const chosen = file ?? (await requireShell(app).choosePackage());
  return chosen ? packageView(await verifyPackage(app, path.resolve(chosen))) : null;
}

/**
 * Verified again (the file may have changed since it was shown), it must be the package the person
 * saw, then its installer is unpacked into the data folder's updates/ (older ones removed) and handed
 * to the system.
 */
export async function installPackage(app: AppContext, file: string, sha256: string): Promise<{ installer: string; action: InstallAction }> {
  const shell = requireShell(app);
  const verified = await verifyPackage(app, path.resolve(file));
  if (verified.manifest.installer.sha256 !== sha256) throw new AppError('UPDATE_CHANGED', 'The package is not the one shown: open it again');
  const folder = path.join(app.options.dataDir, INSTALLERS_FOLDER);
  fs.rmSync(folder, { recursive: true, force: true });
  const installer = await extractInstaller(verified, folder);
  const action = installAction(installer);
  await shell.openInstaller(installer, action);
  return { installer, action };
}
