/**
 * Updates (Settings › Cập nhật): the Ministry's update server (electron-updater, Electron only)
 * and offline update packages (.cnupdate) verified in main before anything is unpacked.
 */
import { z } from 'zod';
import { channel } from './define';

export interface ReleaseKeyView {
  label: string;
  fingerprint: string;
  /** The development key (never accepted by an installed app). */
  test: boolean;
}

export interface UpdateStatus {
  appVersion: string;
  /** process.platform-process.arch, as packages name it ("win32-x64"). */
  platform: string;
  /** The Electron shell is there to check the server, choose a file and hand off to an installer. */
  desktop: boolean;
  /** The Ministry's update server: set in Settings, or from the update-server.json the Ministry ships. */
  server: { url: string; source: 'settings' | 'ministry-file' } | null;
  keys: ReleaseKeyView[];
}

export interface ServerUpdate {
  available: boolean;
  version: string;
  /** Release notes as the server publishes them (plain text). */
  notes: string;
  releaseDate: string | null;
  /** Bytes to download, when the server says. */
  size: number | null;
}

/** What installing hands off to, by platform (the card says it before the person confirms). */
export type InstallAction = 'windows-installer' | 'mac-disk-image' | 'linux-appimage' | 'linux-package';

export interface UpdatePackageView {
  path: string;
  version: string;
  platform: string;
  installerName: string;
  size: number;
  sha256: string;
  notes: { vi: string; en: string };
  createdAt: string;
  signer: ReleaseKeyView;
  action: InstallAction;
}

/** The Ministry's server: https only (electron-updater trusts the checksums the server lists). */
const serverUrl = z
  .string()
  .trim()
  .max(500, { error: 'too_long' })
  .refine((v) => v === '' || /^https:\/\/[^\s/?#]+[^\s]*$/.test(v), { error: 'https_url' });
const packagePath = z.string().min(1).max(4096);

export const updateChannels = {
  'update.status': channel(z.object({}).default({})).returns<UpdateStatus>(),
  /** An empty URL goes back to the Ministry's file (or none). */
  'update.setServer': channel(z.object({ url: serverUrl })).returns<UpdateStatus>(),
  'update.check': channel(z.object({}).default({})).returns<ServerUpdate>(),
  'update.download': channel(z.object({}).default({}), { long: true }).returns<{ version: string }>(),
  /** Quits and runs the downloaded update's installer. */
  'update.restart': channel(z.object({}).default({})).returns<{ restarting: true }>(),
  /** Without a path the desktop app asks for the file (null: the person cancelled). */
  'update.inspect': channel(z.object({ path: packagePath.optional() })).returns<UpdatePackageView | null>(),
  /** Verifies the package again, unpacks its installer and hands off to it; sha256 is the one the person saw. */
  'update.install': channel(z.object({ path: packagePath, sha256: z.string().regex(/^[0-9a-f]{64}$/) })).returns<{
    installer: string;
    action: InstallAction;
  }>(),
};
