/** A data file as the previous version left it, for tests of the upgrade an open runs. */
import Database from 'better-sqlite3-multiple-ciphers';
import { latestSchemaVersion } from '../../electron/db/migrations';

/** Takes the file one schema back (without migration 024's table); `key`: its raw key, null for a plain file. */
export function rewindOneSchema(file: string, key: string | null): void {
  const db = new Database(file);
  try {
    if (key) {
      db.pragma(`cipher = 'sqlcipher'`);
      db.pragma(`key = "x'${key}'"`);
    }
    db.exec('DROP TABLE activity_fts_terms');
    db.pragma(`user_version = ${latestSchemaVersion() - 1}`);
  } finally {
    db.close();
  }
}
