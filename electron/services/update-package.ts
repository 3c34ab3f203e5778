/**
 * Offline update packages (.cnupdate): one file that travels like a batch (USB stick, diplomatic
 * bag) holding an installer and a manifest signed with the Ministry's release key.
 *
 *   "CNUPDAT1" | u32 BE manifest length | manifest (UTF-8 JSON) | Ed25519 signature (64 bytes) | installer
 *
 * No archive: the installer is one byte range, so there is nothing to inflate and no member path to
 * escape the target folder. Everything is checked before a byte of the installer is trusted, in an
 * order that answers a hostile file in milliseconds: header bounds, the signature over the manifest
 * (the manifest carries the installer's size and SHA-256), platform, no downgrade, the declared size
 * against the limit and against the file's length, and only then the installer's hash.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import releaseKeysFile from '../../resources/update/release-keys.json';
import { AppError } from '../../shared/errors';
import { fingerprint, publicKeyObject, signBytes, verifySignature } from './exchange/crypto';
import { publishedSchema } from './exchange/format';

export const UPDATE_EXTENSION = '.cnupdate';
const MAGIC = Buffer.from('CNUPDAT1', 'ascii');
const HEADER = MAGIC.length + 4;
const SIGNATURE_BYTES = 64;
export const MANIFEST_MAX_BYTES = 64 * 1024;
/** An Electron installer is 100–200 MB; anything past this is refused before it is read. */
export const INSTALLER_MAX_BYTES = 1024 * 1024 * 1024;
const SIGNING_CONTEXT = 'cau-noi-update\n';

export const UPDATE_PLATFORMS = ['win32-x64', 'win32-arm64', 'darwin-x64', 'darwin-arm64', 'linux-x64', 'linux-arm64'] as const;
export type UpdatePlatform = (typeof UPDATE_PLATFORMS)[number];
/** What electron-builder makes for each system (electron-builder.yml): the only installers a package may hold. */
const INSTALLER_EXTENSIONS: Record<string, readonly string[]> = { win32: ['.exe'], darwin: ['.dmg'], linux: ['.AppImage', '.deb'] };

const VERSION_PATTERN = /^(\d{1,5})\.(\d{1,5})\.(\d{1,5})(?:-([0-9A-Za-z.-]{1,40}))?$/;
/** A plain file name: no folder, no "..", no leading dot, nothing a shell or a file system reads specially. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export const UpdateManifest = z.strictObject({
  format: z.literal('cau-noi-update'),
  formatVersion: z.literal(1),
  version: z.string().regex(VERSION_PATTERN),
  platform: z.enum(UPDATE_PLATFORMS),
  installer: z.strictObject({ name: z.string().min(1).max(200), size: z.number().int().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  notes: z.strictObject({ vi: z.string().max(20_000), en: z.string().max(20_000) }),
  createdAt: z.iso.datetime(),
  /** Fingerprint of the release key that signed it (which of the shipped keys to check against). */
  signer: z.string().max(64),
});
export type UpdateManifest = z.infer<typeof UpdateManifest>;

/** docs/schemas/update-manifest.schema.json (a unit test keeps the file equal to it). */
export function updateManifestSchema(): object {
  return publishedSchema(UpdateManifest, 'update-manifest.schema.json', 'Cầu Nối offline update package manifest (.cnupdate, format version 1)');
}

export interface ReleaseKey {
  label: string;
  publicKey: string;
  fingerprint: string;
  /** A development key whose private half is public: never accepted by an installed app. */
  test: boolean;
}

/** The Ministry's release keys shipped with the app (resources/update/release-keys.json); test keys only where allowed. */
export function releaseKeys(options: { allowTest: boolean }): ReleaseKey[] {
  return (releaseKeysFile.keys as ReleaseKey[]).filter((k) => options.allowTest || !k.test);
}

export function runningPlatform(): string {
  return `${process.platform}-${process.arch}`;
}

/** Semantic-version order (a pre-release sorts before its release); null when either is not a version. */
export function compareVersions(a: string, b: string): number | null {
  const x = VERSION_PATTERN.exec(a);
  const y = VERSION_PATTERN.exec(b);
  if (!x || !y) return null;
  for (let i = 1; i <= 3; i++) {
    const d = Number(x[i]) - Number(y[i]);
    if (d !== 0) return Math.sign(d);
  }
  if (x[4] === y[4]) return 0;
  if (x[4] === undefined) return 1;
  if (y[4] === undefined) return -1;
  const [p, q] = [x[4].split('.'), y[4].split('.')];
  for (let i = 0; i < Math.max(p.length, q.length); i++) {
    if (p[i] === undefined) return -1;
    if (q[i] === undefined) return 1;
    const [m, n] = [p[i]!, q[i]!];
    const numeric = /^\d+$/.test(m) && /^\d+$/.test(n);
    const d = numeric ? Number(m) - Number(n) : m < n ? -1 : m > n ? 1 : 0;
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

function signedBytes(manifestBytes: Buffer): Buffer {
  return Buffer.concat([Buffer.from(SIGNING_CONTEXT, 'utf8'), manifestBytes]);
}

export function installerNameProblem(name: string, platform: string): string | null {
  if (!SAFE_NAME.test(name) || name.includes('..')) return 'not a plain file name';
  const allowed = INSTALLER_EXTENSIONS[platform.split('-')[0]!] ?? [];
  return allowed.some((ext) => name.endsWith(ext)) ? null : `not a ${allowed.join(' or ')} installer`;
}

async function hashRange(file: string, start: number, length: number): Promise<string> {
  const hash = createHash('sha256');
  if (length > 0) for await (const chunk of fs.createReadStream(file, { start, end: start + length - 1 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface BuildOptions {
  installer: string;
  version: string;
  platform: string;
  /** PKCS#8 PEM of the Ed25519 release key (`openssl genpkey -algorithm ed25519`, or `keygen`). */
  privateKeyPem: string;
  notes: { vi: string; en: string };
  out: string;
  now?: Date;
}

/** Writes a signed package; checks what it signs, so the Ministry never ships a package every mission would refuse. */
export async function buildUpdatePackage(options: BuildOptions): Promise<{ file: string; manifest: UpdateManifest }> {
  const key = releasePrivateKey(options.privateKeyPem);
  const publicKey = rawPublicKey(key);
  const size = fs.statSync(options.installer).size;
  if (size > INSTALLER_MAX_BYTES)
    throw new AppError('UPDATE_TOO_LARGE', `The installer is larger than ${INSTALLER_MAX_BYTES} bytes`, { params: { size, max: INSTALLER_MAX_BYTES } });
  const manifest = UpdateManifest.safeParse({
    format: 'cau-noi-update',
    formatVersion: 1,
    version: options.version,
    platform: options.platform,
    installer: { name: path.basename(options.installer), size, sha256: await hashRange(options.installer, 0, size) },
    notes: options.notes,
    createdAt: (options.now ?? new Date()).toISOString(),
    signer: fingerprint(publicKey),
  });
  if (!manifest.success)
    throw new AppError('VALIDATION', `Cannot build the package: ${manifest.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const problem = installerNameProblem(manifest.data.installer.name, manifest.data.platform);
  if (problem)
    throw new AppError('UPDATE_UNSAFE_NAME', `The installer's name ${manifest.data.installer.name} is ${problem}`, {
      params: { name: manifest.data.installer.name },
    });
  const partial = `${options.out}.partial`;
  fs.writeFileSync(partial, packageHeader(manifest.data, key));
  await new Promise<void>((resolve, reject) => {
    const sink = fs.createWriteStream(partial, { flags: 'a' });
    fs.createReadStream(options.installer).on('error', reject).pipe(sink).on('error', reject).on('finish', resolve);
  });
  fs.renameSync(partial, options.out);
  return { file: options.out, manifest: manifest.data };
}

/** Everything before the installer: magic, manifest length, manifest, signature. */
export function packageHeader(manifest: UpdateManifest, key: KeyObject | string): Buffer {
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(manifestBytes.length);
  const signature = Buffer.from(signBytes(typeof key === 'string' ? releasePrivateKey(key) : key, signedBytes(manifestBytes)), 'base64');
  return Buffer.concat([MAGIC, length, manifestBytes, signature]);
}

function releasePrivateKey(pem: string): KeyObject {
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {
    // Reported below, the same for every kind of wrong key.
  }
  throw new AppError('UPDATE_KEY_INVALID', 'The release key is not an Ed25519 private key in PKCS#8 PEM');
}

/** The raw 32-byte public key (base64), as release-keys.json holds it. */
export function rawPublicKey(privateKey: KeyObject | string): string {
  const key = typeof privateKey === 'string' ? releasePrivateKey(privateKey) : privateKey;
  const der = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32).toString('base64');
}

/** A new release key pair: the PEM to keep offline, and the entry for release-keys.json. */
export function generateReleaseKey(label: string): { privateKeyPem: string; entry: ReleaseKey } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const publicKey = rawPublicKey(privateKey);
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    entry: { label, publicKey, fingerprint: fingerprint(publicKey), test: false },
  };
}

export interface VerifyOptions {
  keys: readonly ReleaseKey[];
  runningVersion: string;
  platform: string;
}

export interface VerifiedPackage {
  file: string;
  manifest: UpdateManifest;
  key: ReleaseKey;
  /** Where the installer's bytes start in the file. */
  offset: number;
}

function corrupt(why: string): AppError {
  return new AppError('UPDATE_CORRUPT', `This is not a Cầu Nối update package, or it is damaged (${why})`);
}

/** Every check of the brief, before anything is unpacked or run; throws a coded refusal. */
export async function verifyUpdatePackage(file: string, options: VerifyOptions): Promise<VerifiedPackage> {
  const handle = await fs.promises.open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new AppError('UPDATE_UNREADABLE', `The update package cannot be read (${error.code ?? error.message})`, { params: { file } });
  });
  try {
    const { size: fileSize } = await handle.stat();
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    };
    const head = await read(0, HEADER);
    if (head.length < MAGIC.length || !head.subarray(0, MAGIC.length).equals(MAGIC)) throw corrupt('no package header');
    if (head.length < HEADER) throw truncated(fileSize, HEADER);
    const manifestLength = head.readUInt32BE(MAGIC.length);
    if (manifestLength < 2 || manifestLength > MANIFEST_MAX_BYTES) throw corrupt(`manifest of ${manifestLength} bytes`);
    const signed = HEADER + manifestLength + SIGNATURE_BYTES;
    if (fileSize < signed) throw truncated(fileSize, signed);
    const manifestBytes = await read(HEADER, manifestLength);
    const signature = await read(HEADER + manifestLength, SIGNATURE_BYTES);

    let raw: unknown;
    try {
      raw = JSON.parse(manifestBytes.toString('utf8'));
    } catch {
      throw corrupt('manifest is not JSON');
    }
    const claimed = typeof (raw as { signer?: unknown })?.signer === 'string' ? (raw as { signer: string }).signer : '';
    const key = options.keys.find((k) => k.fingerprint === claimed);
    if (!key) {
      throw new AppError(
        'UPDATE_UNKNOWN_KEY',
        `The package is signed with a key this app does not trust (${claimed || 'none named'}): only the Ministry's release keys are accepted`,
        {
          params: { fingerprint: claimed },
        },
      );
    }
    const publicKey = publicKeyObject(key.publicKey);
    if (!publicKey || !verifySignature(publicKey, signedBytes(manifestBytes), signature.toString('base64'))) {
      throw new AppError('UPDATE_SIGNATURE_INVALID', "The package's signature does not match its manifest: it was altered after the Ministry signed it");
    }
    const parsed = UpdateManifest.safeParse(raw);
    if (!parsed.success) throw corrupt('manifest fields');
    const manifest = parsed.data;
    const params = { version: manifest.version, running: options.runningVersion, platform: manifest.platform, expected: options.platform };
    if (manifest.platform !== options.platform) {
      throw new AppError('UPDATE_WRONG_PLATFORM', `The package is for ${manifest.platform}; this computer runs ${options.platform}`, { params });
    }
    const order = compareVersions(manifest.version, options.runningVersion);
    if (order === null || order <= 0) {
      throw new AppError(
        'UPDATE_NOT_NEWER',
        `The package holds version ${manifest.version}, not newer than the running ${options.runningVersion}: an update never goes back`,
        { params },
      );
    }
    const problem = installerNameProblem(manifest.installer.name, manifest.platform);
    if (problem) throw new AppError('UPDATE_UNSAFE_NAME', `The installer's name in the package is ${problem}`, { params: { name: manifest.installer.name } });
    // The declared size is judged before a byte of the installer is read.
    if (manifest.installer.size > INSTALLER_MAX_BYTES) {
      throw new AppError(
        'UPDATE_TOO_LARGE',
        `The package declares an installer of ${manifest.installer.size} bytes, over the limit of ${INSTALLER_MAX_BYTES}`,
        {
          params: { size: manifest.installer.size, max: INSTALLER_MAX_BYTES },
        },
      );
    }
    const expected = signed + manifest.installer.size;
    if (fileSize < expected) throw truncated(fileSize, expected);
    if (fileSize > expected) throw corrupt(`${fileSize - expected} bytes after the installer`);
    if ((await hashRange(file, signed, manifest.installer.size)) !== manifest.installer.sha256) {
      throw new AppError(
        'UPDATE_TAMPERED',
        'The installer in the package does not match the SHA-256 the Ministry signed: it was altered or damaged on the way',
      );
    }
    return { file, manifest, key, offset: signed };
  } finally {
    await handle.close();
  }
}

function truncated(size: number, needed: number): AppError {
  return new AppError('UPDATE_TRUNCATED', `The package is incomplete (${size} of at least ${needed} bytes): copy it again`, { params: { size, needed } });
}

/**
 * Writes the verified installer into `folder`, hashing as it copies: a file swapped between the
 * check and the copy is caught here, and a half-written installer never carries the final name.
 */
export async function extractInstaller(verified: VerifiedPackage, folder: string): Promise<string> {
  const { manifest } = verified;
  fs.mkdirSync(folder, { recursive: true });
  const target = path.join(folder, manifest.installer.name);
  const partial = `${target}.partial`;
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    const sink = fs.createWriteStream(partial, { mode: manifest.installer.name.endsWith('.AppImage') ? 0o755 : 0o644 });
    fs.createReadStream(verified.file, { start: verified.offset, end: verified.offset + manifest.installer.size - 1 })
      .on('data', (chunk) => hash.update(chunk as Buffer))
      .on('error', reject)
      .pipe(sink)
      .on('error', reject)
      .on('finish', resolve);
  });
  if (hash.digest('hex') !== manifest.installer.sha256 || fs.statSync(partial).size !== manifest.installer.size) {
    fs.rmSync(partial, { force: true });
    throw new AppError('UPDATE_TAMPERED', 'The package changed while its installer was being unpacked: copy it again');
  }
  fs.renameSync(partial, target);
  return target;
}
