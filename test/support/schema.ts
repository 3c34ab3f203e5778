/** A data file as the previous version left it, for tests of the upgrade an open runs. */
import Database from 'better-sqlite3-multiple-ciphers';
import { latestSchemaVersion } from '../../electron/db/migrations';
import { KIND_TEXT, PARTNER_TEXT_PENDING } from '../../electron/db/migrations/028-partner-text';

/** SQL undoing migration 025: the partner lists' indexes as they were before. */
export const UNDO_025 = `
  DROP INDEX organisations_list;
  DROP INDEX contacts_list;
  CREATE INDEX organisations_name ON organisations(deleted_at, name_folded);
`;

/** SQL undoing migration 026. */
export const UNDO_026 = 'DROP INDEX search_docs_entity;';

/** SQL undoing migration 027. */
export const UNDO_027 = 'DROP TRIGGER activity_organisations_added; DROP TRIGGER activity_organisations_changed; DROP TABLE activity_organisations;';

/** SQL undoing migration 028, the latest. */
export const UNDO_028 = `${Object.values(KIND_TEXT)
  .map(({ index }) => `DROP TABLE ${index};`)
  .join(' ')} DELETE FROM settings WHERE key = '${PARTNER_TEXT_PENDING}';`;

/** Takes the file one schema back (UNDO_028); `key`: its raw key, null for a plain file. */
export function rewindOneSchema(file: string, key: string | null): void {
  const db = new Database(file);
  try {
    if (key) {
      db.pragma(`cipher = 'sqlcipher'`);
      db.pragma(`key = "x'${key}'"`);
    }
    db.exec(UNDO_028);
    db.pragma(`user_version = ${latestSchemaVersion() - 1}`);
  } finally {
    db.close();
  }
}
