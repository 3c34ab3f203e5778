/**
 * Decoding a received batch, without the database (it runs in the batch worker thread,
 * electron/workers/batch-worker.ts): decrypt, unpack, read and check the manifest and its
 * signature, inflate the payload within the declared size, parse and check every change line,
 * and verify each line's author signature against the keys the main process looked up.
 * Each failure has its own code.
 */
import type { KeyObject } from 'node:crypto';
import { HLC_MAX_DRIFT_MS, parseHlc } from '../../../shared/hlc';
import { AppError } from '../../../shared/errors';
import { ageDecrypt, fingerprint, publicKeyObject, sha256, verifySignature } from './crypto';
import {
  BATCH_LIMITS,
  batchTooLarge,
  gunzip,
  parseChangeLine,
  parseManifest,
  signedLineBytes,
  unpackContainer,
  type BatchManifest,
  type ChangeLine,
} from './format';
import { checkLine } from './validate';

export interface OpenedBatch {
  manifest: BatchManifest;
  /** SHA-256 of manifest.json: the batch's identity and the next batch's previousSha256. */
  sha256: string;
}

/** An opened batch as the worker holds it: the decrypted, signed container (kept for a held batch) and its payload. */
export interface OpenedContainer extends OpenedBatch {
  inner: Uint8Array;
  changesGz: Uint8Array;
}

/** Lines are checked (and sent to the main process) this many at a time. */
export const DECODE_SLICE = 2000;

/**
 * Decrypts (when identities are given; a held batch is stored decrypted) and opens the container.
 * The caller bounded the file's size (decoder.ts): age's output is never larger than its input.
 */
export async function openBatch(bytes: Uint8Array, identities: readonly string[] | null): Promise<OpenedContainer> {
  return openContainer(identities ? await ageDecrypt(bytes, identities) : bytes);
}

/**
 * Reads the manifest of a decrypted container and checks it is signed by the key it names.
 * Sizes come first: the sender is not trusted yet, so its declared payload must be bounded.
 */
function openContainer(inner: Uint8Array): OpenedContainer {
  const container = unpackContainer(inner);
  const manifest = parseManifest(container.manifestBytes);
  if (manifest.payload.bytes > BATCH_LIMITS.payloadBytes) throw batchTooLarge(`changes.jsonl declares ${manifest.payload.bytes} bytes`);
  if (!verifySignature(manifest.device.publicKey, container.manifestBytes, container.signature)) {
    throw new AppError('BATCH_SIGNATURE_INVALID', 'The batch signature does not match its manifest: it was altered or not signed by the device it names');
  }
  if (fingerprint(manifest.device.publicKey) !== manifest.device.fingerprint) {
    throw new AppError('BATCH_MANIFEST_INVALID', 'The fingerprint in the manifest is not that of its public key', { params: { fields: 'device.fingerprint' } });
  }
  return { manifest, sha256: sha256(container.manifestBytes), inner, changesGz: container.changesGz };
}

/**
 * What the receiver knows of each device whose lines a batch may carry (authority.ts authorKeys):
 * the key to verify its lines with (certified: relayed by the sender's certificate), or why its
 * lines are refused. A device not listed is one the batch relays without certifying it.
 * `byManifest`: the lines are the sender's own and this receiver never relays them, so the
 * manifest's signature (which covers the payload's SHA-256) is the proof of their author and
 * their own signatures are kept unverified.
 */
export type AuthorKey = { publicKey: string; certified: boolean; byManifest?: true } | { refused: 'other-key' } | { refused: 'not-authorised'; owner: string };
export type AuthorKeys = Record<string, AuthorKey>;

export interface Certificate {
  id: string;
  publicKey: string;
}

export function unverified(n: number, line: ChangeLine, why: string): AppError {
  return new AppError('BATCH_AUTHOR_UNVERIFIED', `Line ${n}: ${why} (device ${line.device}, ${line.entity} ${line.record})`, {
    params: { line: n, device: line.device, entity: line.entity, record: line.record },
  });
}

export function notAuthorised(n: number, line: ChangeLine, mission: string, owner: string): AppError {
  return new AppError(
    'BATCH_NOT_AUTHORISED',
    `Line ${n}: device ${line.device} of ${mission} may not change ${line.entity} ${line.record}, which belongs to ${owner}`,
    { params: { line: n, device: line.device, mission, owner, entity: line.entity, record: line.record } },
  );
}

/**
 * Checks the payload against the signed manifest, parses and checks the change lines, then
 * verifies each line's author signature (authors null: the device's own copy, not verified).
 * onSlice gets each slice of verified lines. Returns the certificates the batch relied on.
 */
export async function readLines(
  manifest: BatchManifest,
  changesGz: Uint8Array,
  authors: AuthorKeys | null,
  now: number,
  onSlice: (lines: ChangeLine[], stage: 'parsed' | 'verified', done: number) => void,
): Promise<Certificate[]> {
  const changesBytes = await gunzip(changesGz, manifest.payload.bytes);
  if (changesBytes.length !== manifest.payload.bytes || sha256(changesBytes) !== manifest.payload.sha256) {
    throw new AppError('BATCH_PAYLOAD_MISMATCH', 'changes.jsonl.gz does not match the hash in the signed manifest: the batch was altered or truncated');
  }
  const text = new TextDecoder('utf-8', { fatal: true }).decode(changesBytes);
  const rows = text.split('\n');
  if (rows[rows.length - 1] === '') rows.pop();
  const lines: ChangeLine[] = [];
  const records = new Map<string, Set<string>>();
  for (const [i, row] of rows.entries()) {
    const line = parseChangeLine(row, i + 1);
    checkLine(line, i + 1);
    lines.push(line);
    if (!records.has(line.entity)) records.set(line.entity, new Set());
    records.get(line.entity)!.add(line.record);
    const clock = parseHlc(line.hlc)!;
    if (clock.deviceId !== line.device) throw new AppError('BATCH_CORRUPT', `A change's clock value does not name its device (${line.hlc})`);
    if (clock.millis - now > HLC_MAX_DRIFT_MS) {
      throw new AppError(
        'BATCH_CLOCK_AHEAD',
        `A change is dated more than a day ahead of this computer's clock (${line.hlc}); check the sender's or this computer's date`,
        {
          params: { hlc: line.hlc },
        },
      );
    }
    if (i % DECODE_SLICE === DECODE_SLICE - 1) onSlice([], 'parsed', i + 1);
  }
  const counted = Object.fromEntries([...records].map(([entity, ids]) => [entity, ids.size]));
  if (lines.length !== manifest.changeCount || JSON.stringify(sortKeys(counted)) !== JSON.stringify(sortKeys(manifest.counts))) {
    throw new AppError('BATCH_CORRUPT', 'The change lines do not match the counts in the manifest');
  }
  if (authors) return verifyAuthors(manifest, lines, authors, onSlice);
  for (let at = 0; at < lines.length; at += DECODE_SLICE) onSlice(lines.slice(at, at + DECODE_SLICE), 'verified', Math.min(at + DECODE_SLICE, lines.length));
  return [];
}

/** Verifies every line's author signature (docs/exchange-format.md, "Authority"). */
function verifyAuthors(
  manifest: BatchManifest,
  lines: ChangeLine[],
  authors: AuthorKeys,
  onSlice: (lines: ChangeLine[], stage: 'verified', done: number) => void,
): Certificate[] {
  const mission = manifest.mission.code;
  const keys = new Map<string, KeyObject | 'manifest' | null>();
  const used = new Map<string, Certificate>();
  const keyOf = (n: number, line: ChangeLine): KeyObject | 'manifest' => {
    if (!keys.has(line.device)) {
      const known = authors[line.device];
      if (!known) throw unverified(n, line, 'the batch relays a line of a device it does not certify');
      if ('refused' in known) {
        if (known.refused === 'other-key') throw unverified(n, line, 'the batch certifies another key than the one known here for this device');
        throw notAuthorised(n, line, mission, known.owner);
      }
      if (known.certified) used.set(line.device, { id: line.device, publicKey: known.publicKey });
      keys.set(line.device, known.byManifest ? 'manifest' : publicKeyObject(known.publicKey));
    }
    const key = keys.get(line.device);
    if (!key) throw unverified(n, line, 'the certified key is not an Ed25519 key');
    return key;
  };
  for (const [i, line] of lines.entries()) {
    const n = i + 1;
    const key = keyOf(n, line);
    if (line.sig === undefined) {
      // Format 1 had no line signatures: the manifest's signature vouches only for the sender's own lines.
      if (manifest.formatVersion !== 1 || line.device !== manifest.device.id) throw unverified(n, line, 'the line carries no author signature');
    } else if (key !== 'manifest' && !verifySignature(key, signedLineBytes(line), line.sig))
      throw unverified(n, line, 'the author signature does not match the line');
    if (n % DECODE_SLICE === 0 || n === lines.length) onSlice(lines.slice(n - (n % DECODE_SLICE || DECODE_SLICE), n), 'verified', n);
  }
  return [...used.values()];
}

function sortKeys(o: Record<string, unknown>): [string, unknown][] {
  return Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
}
