/**
 * `update` commands (docs/cli.md#update): make, check and key offline update packages. They need no
 * data folder: the Ministry signs packages on an offline computer that has none.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../shared/errors';
import { buildUpdatePackage, generateReleaseKey, releaseKeys, runningPlatform, verifyUpdatePackage } from '../services/update-package';
import { packageView } from '../services/updates';
import { APP_VERSION } from '../version';

export const UPDATE_EXIT = { valid: 0, refused: 4 } as const;

type Print = (json: boolean, value: unknown, text: () => string) => void;

function readNotes(o: { notes?: string; notesVi?: string; notesEn?: string }): { vi: string; en: string } {
  if (o.notes) {
    const parsed = JSON.parse(fs.readFileSync(path.resolve(o.notes), 'utf8')) as { vi?: unknown; en?: unknown };
    if (typeof parsed.vi !== 'string' || typeof parsed.en !== 'string') throw new AppError('VALIDATION', `${o.notes} must hold {"vi": "...", "en": "..."}`);
    return { vi: parsed.vi, en: parsed.en };
  }
  return { vi: o.notesVi ?? '', en: o.notesEn ?? '' };
}

export function addUpdateCommands(program: Command, print: Print, setExit: (code: number) => void): void {
  const update = program.command('update').description('offline update packages (.cnupdate): make, verify, release keys');
  update
    .command('verify')
    .description('check an update package as the app does before installing it (signature, platform, version, size, hash); unpacks nothing')
    .argument('<file>', 'the .cnupdate file')
    .option('--platform <platform>', 'the computer it is meant for (default: this one)', runningPlatform())
    .option('--running-version <version>', 'the version it must be newer than (default: this build)', APP_VERSION)
    .option('--json', 'print JSON')
    .action(async (file: string, o: { platform: string; runningVersion: string; json?: boolean }) => {
      try {
        const verified = await verifyUpdatePackage(path.resolve(file), {
          keys: releaseKeys({ allowTest: true }),
          runningVersion: o.runningVersion,
          platform: o.platform,
        });
        const view = packageView(verified);
        print(Boolean(o.json), { valid: true, package: view }, () =>
          [
            `valid    ${view.path}`,
            `  version ${view.version} for ${view.platform}, installer ${view.installerName} (${view.size} bytes, sha256 ${view.sha256})`,
            `  signed by ${view.signer.label} (${view.signer.fingerprint})${view.signer.test ? '  WARNING: the development TEST key: an installed app refuses it' : ''}`,
          ].join('\n'),
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.code === 'VALIDATION') throw error;
        print(Boolean(o.json), { valid: false, error: error.toPayload() }, () => `refused  ${path.resolve(file)}\n  ${error.code}: ${error.message}`);
        setExit(UPDATE_EXIT.refused);
      }
    });
  update
    .command('pack')
    .description("sign an installer into an update package with the Ministry's release key")
    .requiredOption('--installer <file>', 'the installer electron-builder made (.exe, .dmg, .AppImage, .deb)')
    // Not --version: the program's own option takes that name (scripts/update-package.mjs maps it).
    .requiredOption('--app-version <version>', 'its version, e.g. 0.2.0')
    .requiredOption('--platform <platform>', 'win32-x64, darwin-arm64, linux-x64…')
    .requiredOption('--key <file>', 'the release private key (Ed25519, PKCS#8 PEM)')
    .requiredOption('--out <file>', 'the package to write (.cnupdate)')
    .option('--notes <file>', 'release notes as JSON {"vi": "...", "en": "..."}')
    .option('--notes-vi <text>', 'release notes in Vietnamese')
    .option('--notes-en <text>', 'release notes in English')
    .option('--json', 'print JSON')
    .action(
      async (o: {
        installer: string;
        appVersion: string;
        platform: string;
        key: string;
        out: string;
        notes?: string;
        notesVi?: string;
        notesEn?: string;
        json?: boolean;
      }) => {
        const { file, manifest } = await buildUpdatePackage({
          installer: path.resolve(o.installer),
          version: o.appVersion,
          platform: o.platform,
          privateKeyPem: fs.readFileSync(path.resolve(o.key), 'utf8'),
          notes: readNotes(o),
          out: path.resolve(o.out),
        });
        print(Boolean(o.json), { file, manifest }, () => `Wrote ${file}: version ${manifest.version} for ${manifest.platform}, signed by ${manifest.signer}`);
      },
    );
  update
    .command('keygen')
    .description(
      'make a new release key pair: the private key goes to --out (keep it offline), the public entry for resources/update/release-keys.json is printed',
    )
    .requiredOption('--out <file>', 'where to write the private key (PEM); refused if it exists')
    .option('--label <text>', 'the name the app shows for this key', 'Bộ Ngoại giao / Ministry of Foreign Affairs')
    .action((o: { out: string; label: string }) => {
      const out = path.resolve(o.out);
      const { privateKeyPem, entry } = generateReleaseKey(o.label);
      fs.writeFileSync(out, privateKeyPem, { flag: 'wx', mode: 0o600 });
      print(true, entry, () => '');
    });
}
