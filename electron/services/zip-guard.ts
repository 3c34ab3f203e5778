/**
 * Reading an untrusted zip (an XLSX workbook, a batch's inner container) from its central
 * directory, with every bound checked before anything is inflated: entry count, each
 * entry's declared sizes against the file and against a cap, and its compression ratio.
 * An entry is then inflated by native zlib with the declared size as a hard output limit,
 * so an entry that lies about its size is refused after at most that many bytes.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; nothing else is read. */
  method: number;
  compressedSize: number;
  size: number;
  /** Where the entry's data starts. */
  dataOffset: number;
}

export interface ZipLimits {
  maxEntries: number;
  /** Largest declared (uncompressed) size of one entry, and of all entries together. */
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Largest size / compressed size for an entry above 1 MiB (deflate reaches ~1030 at most). */
  maxRatio: number;
}

/** Why a zip is refused: too big for the limits, or not a zip we can read. */
export class ZipRefusal extends Error {
  constructor(
    readonly reason: 'too-large' | 'damaged',
    message: string,
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const RATIO_FLOOR = 1 << 20;

function damaged(message: string): ZipRefusal {
  return new ZipRefusal('damaged', message);
}

/** The entries of the central directory, refused before any inflation when a bound is passed. */
export function readZipDirectory(bytes: Uint8Array, limits: ZipLimits): Map<string, ZipEntry> {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record sits in the last 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let at = view.length - 22; at >= Math.max(0, view.length - 22 - 0xffff); at--) {
    if (view.readUInt32LE(at) === EOCD) {
      end = at;
      break;
    }
  }
  if (end < 0) throw damaged('no end of central directory (not a zip, or truncated)');
  const count = view.readUInt16LE(end + 10);
  const directorySize = view.readUInt32LE(end + 12);
  const directoryOffset = view.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw damaged('zip64 archives are not read');
  if (count > limits.maxEntries) throw new ZipRefusal('too-large', `${count} entries; at most ${limits.maxEntries}`);
  if (directoryOffset + directorySize > end) throw damaged('the central directory lies outside the file');

  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.readUInt32LE(at) !== CENTRAL) throw damaged(`central directory entry ${i + 1} is damaged`);
    const flags = view.readUInt16LE(at + 8);
    const method = view.readUInt16LE(at + 10);
    const compressedSize = view.readUInt32LE(at + 20);
    const size = view.readUInt32LE(at + 24);
    const nameLength = view.readUInt16LE(at + 28);
    const extraLength = view.readUInt16LE(at + 30);
    const commentLength = view.readUInt16LE(at + 32);
    const localOffset = view.readUInt32LE(at + 42);
    const name = view.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (at > end) throw damaged(`central directory entry ${i + 1} is damaged`);
    if (flags & 1) throw damaged(`${name} is encrypted`);
    if (method !== 0 && method !== 8) throw damaged(`${name} uses compression method ${method}`);
    if (method === 0 && compressedSize !== size) throw damaged(`${name} is stored with two different sizes`);
    if (size > limits.maxEntryBytes) throw new ZipRefusal('too-large', `${name} declares ${size} bytes; at most ${limits.maxEntryBytes}`);
    total += size;
    if (total > limits.maxTotalBytes) throw new ZipRefusal('too-large', `the entries declare more than ${limits.maxTotalBytes} bytes`);
    if (size > RATIO_FLOOR && size > compressedSize * limits.maxRatio) {
      throw new ZipRefusal('too-large', `${name} expands ${Math.round(size / Math.max(1, compressedSize))} times; at most ${limits.maxRatio}`);
    }
    if (localOffset + 30 > directoryOffset || view.readUInt32LE(localOffset) !== LOCAL) throw damaged(`${name} has no local header`);
    const dataOffset = localOffset + 30 + view.readUInt16LE(localOffset + 26) + view.readUInt16LE(localOffset + 28);
    if (dataOffset + compressedSize > directoryOffset) throw damaged(`${name} runs past its data`);
    if (entries.has(name)) throw damaged(`${name} appears twice`);
    entries.set(name, { name, method, compressedSize, size, dataOffset });
  }
  return entries;
}

/** The entry's bytes: inflation stops at its declared size, and a different size is refused. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  if (entry.method === 0) return data;
  let out: Buffer;
  try {
    out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
  } catch (error) {
    throw damaged(`${entry.name} does not inflate to its declared ${entry.size} bytes (${(error as Error).message})`);
  }
  if (out.length !== entry.size) throw damaged(`${entry.name} inflates to ${out.length} bytes, not the ${entry.size} declared`);
  return out;
}
