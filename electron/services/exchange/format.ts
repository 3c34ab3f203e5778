/**
 * The batch file format (docs/exchange-format.md). Inside the age encryption is a zip with
 * manifest.json, manifest.sig (Ed25519 over manifest.json's exact bytes, base64) and
 * changes.jsonl.gz (one change record per line, gzipped; the SHA-256 of the lines in the
 * manifest). The zip only stores; gzip runs in Node's native zlib off the main thread.
 * Every size is bounded (BATCH_LIMITS) before the bytes are trusted: a file's size before
 * decryption, the zip's central directory before any entry is read, the declared payload
 * before it is decompressed, and the decompression itself by that declared size.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { createGzip, gunzip as gunzipCallback, gzip as gzipCallback } from 'node:zlib';
import { strFromU8, Zip, ZipPassThrough } from 'fflate';
import { z } from 'zod';
import { ENTITIES, MISSION_KINDS } from '../../../shared/domain/enums';
import { AppError } from '../../../shared/errors';
import { readZipDirectory, readZipEntry, ZipRefusal } from '../zip-guard';

export const FORMAT_NAME = 'cau-noi-batch';
/**
 * Raised when the format changes incompatibly; an older app refuses a newer batch. Version 2 added
 * the change lines' author signatures (sig) and the manifest's device certificates (devices);
 * version 1 is still read, its unsigned lines accepted only from the device that signed the batch.
 * Version 3 added the sender's revocations of its mission's devices (revocations) and the
 * invitation token a newly enrolled device sends its head (invitation).
 */
export const FORMAT_VERSION = 3;
export const FILES = { manifest: 'manifest.json', signature: 'manifest.sig', changes: 'changes.jsonl.gz' } as const;
export const BATCH_EXTENSION = '.cnb.age';

const MiB = 1024 * 1024;
/** What a batch may hold; a larger one is refused (BATCH_TOO_LARGE) before it is unpacked. */
export const BATCH_LIMITS = {
  /** The encrypted file, and so its decrypted zip (age adds a few bytes, never removes). */
  fileBytes: 256 * MiB,
  /** changes.jsonl as the manifest declares it (decompressed). */
  payloadBytes: 256 * MiB,
  /** manifest.json and manifest.sig. */
  manifestBytes: 1 * MiB,
  /** Entries of the inner zip: the three files and a little room for a future one. */
  entries: 16,
} as const;

export function batchTooLarge(what: string): AppError {
  return new AppError('BATCH_TOO_LARGE', `The batch is larger than this version of Cầu Nối reads: ${what}`, { params: { max: BATCH_LIMITS.fileBytes / MiB } });
}

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const hlc = z.string().regex(/^\d{13}-[0-9a-f]{4}-.{1,64}$/);
const id = z.string().min(1).max(64);
/** Raw 32-byte Ed25519 public key, base64. */
const publicKey = z.string().regex(/^[A-Za-z0-9+/]{43}=$/);

export const ChangeLine = z.strictObject({
  hlc,
  device: id,
  author: z.string().max(200),
  entity: z.enum(ENTITIES),
  record: id,
  field: z.string().min(1).max(64),
  value: z.json(),
  /** HLC of the value this change replaced on its writer's device; null when it saw none. */
  base: hlc.nullable(),
  /** Ed25519 signature (base64) by `device` over the line's canonical encoding (signedLineBytes); absent in format 1. */
  sig: z
    .string()
    .regex(/^[A-Za-z0-9+/]{86}==$/)
    .optional(),
});
export type ChangeLine = z.infer<typeof ChangeLine>;

/** Prefix of the signed bytes of a change line: a signature made for something else never verifies as a line. */
const LINE_SIGNATURE_CONTEXT = 'cau-noi-change-line\n';

/** RFC 8785 (JCS) JSON: object keys sorted by UTF-16 code units, no spaces, ECMAScript numbers. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What a change line's author signs: the context prefix and the line without sig in JCS, UTF-8. */
export function signedLineBytes(line: ChangeLine): Buffer {
  const { sig: _sig, ...signed } = line;
  return Buffer.from(LINE_SIGNATURE_CONTEXT + canonicalJson(signed), 'utf8');
}

export const BatchManifest = z.strictObject({
  format: z.literal(FORMAT_NAME),
  formatVersion: z.literal([1, 2, FORMAT_VERSION]),
  mission: z.strictObject({
    id: z.string().min(1),
    code: z.string().min(1),
    nameVi: z.string(),
    nameEn: z.string(),
    kind: z.enum(MISSION_KINDS),
    country: z.string(),
    city: z.string(),
  }),
  device: z.strictObject({
    id,
    publicKey,
    fingerprint: z.string(),
    author: z.string(),
  }),
  /**
   * Device certificates (format 2): the key of every other device whose lines the batch relays,
   * vouched for by the signer of this manifest as a device of its mission.
   */
  devices: z.array(z.strictObject({ id, publicKey })).optional(),
  /**
   * Revocations (format 3): devices of its mission the signer revoked, each with the reason, the
   * date and the greatest clock value of the device's lines the signer held then (null: none).
   */
  revocations: z
    .array(z.strictObject({ id, reason: z.string().min(1).max(500), revokedAt: z.iso.datetime(), upTo: hlc.nullable(), replacedBy: id.nullable() }))
    .max(1000)
    .optional(),
  /** The one-time token of the head's invitation this device was set up from (format 3; only to that head). */
  invitation: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .optional(),
  /** SHA-256 of the receivers' age recipients (sorted, one per line): sequences count per stream. */
  stream: sha256Hex,
  sequence: z.number().int().min(1),
  /** SHA-256 of the previous batch's manifest.json in this stream; null for the first. */
  previousSha256: sha256Hex.nullable(),
  hlc: z.strictObject({ from: hlc, to: hlc }).nullable(),
  /** Keyed by any name, so that a line of an unknown entity is refused naming its line, not the manifest. */
  counts: z.record(z.string().max(64), z.number().int().min(0)),
  changeCount: z.number().int().min(0),
  /** changes.jsonl.gz: sha256 and bytes are those of the decompressed lines. */
  payload: z.strictObject({ file: z.literal(FILES.changes), encoding: z.literal('gzip'), sha256: sha256Hex, bytes: z.number().int().min(0) }),
  createdAt: z.iso.datetime(),
  appVersion: z.string(),
});
export type BatchManifest = z.infer<typeof BatchManifest>;

export interface Container {
  manifestBytes: Uint8Array;
  signature: string;
  /** changes.jsonl.gz as stored. */
  changesGz: Uint8Array;
}

export const gzip = promisify(gzipCallback);

/**
 * changes.jsonl.gz made while the lines are read: each piece handed on is hashed, and gzipped by
 * zlib on the libuv pool (the other core) while the export reads the next lines, so the export
 * does not wait for the gzip of 40 MB at its end. The same bytes as gzip() of the whole: zlib's
 * output does not depend on how its input is cut.
 */
export const PAYLOAD_GZIP_LEVEL = 3;

export class PayloadWriter {
  private readonly hash = createHash('sha256');
  /**
   * Level 3: a quarter of the lines is the signatures' base64, which no level compresses; on the rest
   * level 6 (zlib's default) saved 3% of the file (8.74 MB against 9.00 MB for 108,234 lines) for
   * 45% more CPU (270 against 185 ms). The chunk is large enough for a piece's gzip in one pass on
   * the pool: each smaller output waits for the busy reader's thread to ask for more.
   */
  private readonly gzip = createGzip({ level: PAYLOAD_GZIP_LEVEL, chunkSize: 1 << 20 });
  private readonly parts: Buffer[] = [];
  private failure: Error | null = null;

  constructor() {
    this.gzip.on('data', (part: Buffer) => this.parts.push(part));
    // Kept for end(): an export that stops before it never ends the stream.
    this.gzip.on('error', (error) => (this.failure = error));
  }

  /** Hands on the next lines; zlib reads them later, so their memory must not be written again. */
  write(lines: Uint8Array): void {
    this.hash.update(lines);
    this.gzip.write(lines);
  }

  /** The SHA-256 (hex) of every line handed on, and their gzip. */
  async end(): Promise<{ sha256: string; gz: Buffer }> {
    if (this.failure) throw this.failure;
    const ended = once(this.gzip, 'end');
    this.gzip.end();
    await ended;
    return { sha256: this.hash.digest('hex'), gz: Buffer.concat(this.parts) };
  }
}

/**
 * Decompresses at most maxBytes (the size the manifest declares, bounded by openContainer):
 * zlib stops with an error as soon as its output passes the cap, so no gzip bomb.
 */
export async function gunzip(data: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  try {
    return await promisify(gunzipCallback)(data, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (error) {
    throw new AppError('BATCH_PAYLOAD_MISMATCH', `changes.jsonl.gz does not decompress to the size the signed manifest declares (${(error as Error).message})`);
  }
}

// A fixed time keeps the container a pure function of its contents.
const ZIP_TIME = new Date('2025-01-01T00:00:00Z');
const ZIP_CHUNK = 1 << 20;

/** Zips (stores) the container a megabyte at a time, calling pause between pieces (long batches). */
export async function packContainer(c: Container, pause: () => Promise<void> = async () => {}): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  const entries: [string, Uint8Array][] = [
    [FILES.manifest, c.manifestBytes],
    [FILES.signature, new TextEncoder().encode(c.signature)],
    [FILES.changes, c.changesGz],
  ];
  for (const [name, data] of entries) {
    const entry = new ZipPassThrough(name);
    entry.mtime = ZIP_TIME;
    zip.add(entry);
    if (data.length === 0) entry.push(new Uint8Array(0), true);
    for (let at = 0; at < data.length; at += ZIP_CHUNK) {
      entry.push(data.subarray(at, at + ZIP_CHUNK), at + ZIP_CHUNK >= data.length);
      await pause();
    }
  }
  zip.end();
  return Buffer.concat(parts);
}

/** Unpacks the container from its central directory, every size checked first; other entries are ignored. */
export function unpackContainer(bytes: Uint8Array): Container {
  if (bytes.length > BATCH_LIMITS.fileBytes) throw batchTooLarge(`${bytes.length} bytes`);
  const files: Record<string, Uint8Array> = {};
  try {
    const entries = readZipDirectory(bytes, {
      maxEntries: BATCH_LIMITS.entries,
      maxEntryBytes: BATCH_LIMITS.fileBytes,
      maxTotalBytes: BATCH_LIMITS.fileBytes,
      maxRatio: 100,
    });
    for (const name of Object.values(FILES)) {
      const entry = entries.get(name);
      if (!entry) continue;
      if (name !== FILES.changes && entry.size > BATCH_LIMITS.manifestBytes) throw batchTooLarge(`${name} declares ${entry.size} bytes`);
      files[name] = readZipEntry(bytes, entry);
    }
  } catch (error) {
    if (!(error instanceof ZipRefusal)) throw error;
    if (error.reason === 'too-large') throw batchTooLarge(error.message);
    throw new AppError('BATCH_CORRUPT', `The batch's inner archive is damaged: ${error.message}`);
  }
  const missing = Object.values(FILES).filter((name) => !files[name]);
  if (missing.length) throw new AppError('BATCH_CORRUPT', `The batch lacks ${missing.join(', ')}`, { params: { missing: missing.join(', ') } });
  return { manifestBytes: files[FILES.manifest]!, signature: strFromU8(files[FILES.signature]!).trim(), changesGz: files[FILES.changes]! };
}

/** Reads manifest.json; a newer format is refused with the version found. */
export function parseManifest(bytes: Uint8Array): BatchManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(bytes));
  } catch {
    throw new AppError('BATCH_CORRUPT', 'manifest.json is not valid JSON');
  }
  const version = (raw as { formatVersion?: unknown })?.formatVersion;
  if (typeof version === 'number' && version > FORMAT_VERSION) {
    throw new AppError(
      'BATCH_FORMAT_NEWER',
      `This batch uses format version ${version}; this version of Cầu Nối reads up to ${FORMAT_VERSION}. Update the application.`,
      {
        params: { found: version, supported: FORMAT_VERSION },
      },
    );
  }
  const parsed = BatchManifest.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.') || '(manifest)').join(', ');
    throw new AppError('BATCH_MANIFEST_INVALID', `manifest.json does not follow the format (${where})`, { params: { fields: where } });
  }
  return parsed.data;
}

/** Parses line n (1-based) of changes.jsonl. */
export function parseChangeLine(line: string, n: number): ChangeLine {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    throw new AppError('BATCH_CORRUPT', `changes.jsonl line ${n} is not valid JSON`, { params: { line: n } });
  }
  const parsed = ChangeLine.safeParse(raw);
  if (!parsed.success) {
    // Signed by a trusted device, so not damage in transit: the sender wrote a line this format does not allow.
    const field = String(parsed.error.issues[0]?.path[0] ?? '(line)');
    throw new AppError('BATCH_LINE_INVALID', `changes.jsonl line ${n} does not follow the format (${field})`, { params: { line: n, field, reason: 'format' } });
  }
  return parsed.data;
}

/** A zod schema as the JSON Schema published in docs/schemas/<id> (a unit test keeps each file equal to it). */
export function publishedSchema(schema: z.ZodType, id: string, title: string): object {
  const { $schema: _s, ...body } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `https://cau-noi.mofa.gov.vn/schemas/${id}`, title, ...body };
}

/** JSON Schemas published in docs/schemas (a unit test keeps the files equal to these). */
export function jsonSchemas(): { manifest: object; changeLine: object } {
  return {
    manifest: publishedSchema(BatchManifest, 'batch-manifest.schema.json', `Cầu Nối batch manifest (format version ${FORMAT_VERSION})`),
    changeLine: publishedSchema(ChangeLine, 'change-line.schema.json', 'Cầu Nối change line (one line of changes.jsonl)'),
  };
}
