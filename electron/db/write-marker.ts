/**
 * Lost-write detection. After every committed write the clock value it left (the HLC the
 * database keeps as `hlc.last`) is also written to a small file beside the database. A
 * committed write lives in the write-ahead log until a checkpoint moves it into the
 * database file; if that log is deleted or damaged after a crash, SQLite silently opens the
 * older state. The database then reads an older `hlc.last` than the marker: writes were lost,
 * and the person is told since when, and which backup is the newest.
 *
 * The marker is written after the commit (which SQLite has synced): it can lag behind the
 * database (a crash in between, no harm) but never run ahead of a write that was kept.
 * It holds no record content: a clock value and a time.
 */
import fs from 'node:fs';
import type { LostWrites } from '../../shared/contract/security';
import { parseHlc } from '../../shared/hlc';

export const WRITE_MARKER_SUFFIX = '.last-write';
/** Where the notice waits (in the database) until the person has seen it. */
export const LOST_WRITES_SETTING = 'storage.lostWrites';

export function markerPath(databasePath: string): string {
  return `${databasePath}${WRITE_MARKER_SUFFIX}`;
}

export function writeMarker(databasePath: string, hlc: string): void {
  fs.writeFileSync(markerPath(databasePath), hlc, { mode: 0o600 });
}

function readMarker(databasePath: string): string | null {
  try {
    const value = fs.readFileSync(markerPath(databasePath), 'utf8').trim();
    return parseHlc(value) ? value : null;
  } catch {
    return null;
  }
}

/** Forgets the marker (a restore replaces the database with an older one on purpose). */
export function dropMarker(databasePath: string): void {
  fs.rmSync(markerPath(databasePath), { force: true });
}

const timeOf = (hlc: string | null) => (hlc ? new Date(parseHlc(hlc)!.millis).toISOString() : null);

/**
 * Compares the marker with the database's own clock value; a marker ahead of it means
 * committed writes were lost. Returns what to tell the person, or null.
 */
export function lostWrites(
  databasePath: string,
  databaseHlc: string | null,
  newestBackup: { file: string; createdAt: string } | null,
  now: Date,
): LostWrites | null {
  const marker = readMarker(databasePath);
  if (!marker || (databaseHlc !== null && marker <= databaseHlc)) return null;
  return { detectedAt: now.toISOString(), lastWriteAt: timeOf(marker)!, keptUntil: timeOf(databaseHlc), backup: newestBackup };
}
