import type { Migration } from './index';
import { ACTIVITY_TEXT_REBUILD_SETTING } from './020-activity-text';

/**
 * An activity's mission as a token of its text in activity_fts: each character of the mission
 * id as a private-use character (U+E000 + a code below 256; a larger one as two, U+E100 + its
 * high byte then U+E000 + its low byte), so each mission has its own token. FTS5's tokenizer
 * keeps these characters in a token; a typed query never holds one (ftsQuery keeps letters and
 * digits alone) and the activity's own text has them taken out (SearchIndex), so only the
 * mission's token matches it.
 */
export function missionToken(missionId: string): string {
  let token = '';
  for (let i = 0; i < missionId.length; i++) {
    const code = missionId.charCodeAt(i);
    token += code < 0x100 ? String.fromCharCode(0xe000 + code) : String.fromCharCode(0xe100 + (code >> 8), 0xe000 + (code & 0xff));
  }
  return token;
}

/**
 * HQ holds every mission's activities (~1% each): a mission's page by date with a common text
 * ("du lich", 1,000,000 activities) walked the mission's index testing each row against every
 * match of the text, built first (~95 ms). With the mission's token in activity_fts, FTS5
 * intersects the text with the mission in key order, and the page stops after its rows.
 *
 * The index is contentless: emptied here and filled again from the activities by the next
 * open (AppContext, as after 020). An activity's mission is written once, when it is inserted.
 */
export const migration021: Migration = {
  version: 21,
  name: '021-activity-text-mission',
  up(db) {
    db.exec(`INSERT INTO activity_fts (activity_fts) VALUES ('delete-all')`);
    const live = db.prepare(`SELECT EXISTS (SELECT 1 FROM activities WHERE deleted_at IS NULL)`).pluck().get() === 1;
    if (live)
      db.prepare(`INSERT INTO settings (key, value) VALUES (?, 'true') ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(
        ACTIVITY_TEXT_REBUILD_SETTING,
      );
  },
};
