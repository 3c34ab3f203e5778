/** Keeps the FTS5 indexes in step with records, inside the writer's transaction. */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../db/open';
import type { Entity } from '../../shared/domain/enums';
import { foldedWords, foldText } from '../../shared/text';
import { ACTIVITY_TEXT_REBUILD_SETTING, activityTextKey } from '../db/migrations/020-activity-text';
import { missionToken } from '../db/migrations/021-activity-text-mission';
import { KIND_TEXT } from '../db/migrations/028-partner-text';
import type { SettingsStore } from './settings';

/**
 * The list text's fill commits a slice of whole start dates at a time (ActivityStore.reindexListText):
 * this setting holds the last start date filled, and while the fill is pending an activity is in
 * activity_fts if and only if its start date is at most that. The store's writes keep to it.
 */
export const ACTIVITY_TEXT_FILLED_TO = 'search.activityTextFilledTo';

/** FTS5's merge settings of activity_fts before the fill changed them (FILL_MERGING), restored at its end (after a crash too). */
const ACTIVITY_TEXT_MERGING = 'search.activityTextMerging';

/** The fill's last start date once every activity is in: above any ISO date, so activities created from then on are put in. */
const FILLED_ALL = '\uffff';

export class SearchIndex {
  private readonly findDoc;
  private readonly insertDoc;
  private readonly deleteDoc;
  private readonly insertText;
  private readonly deleteText;
  private readonly insertTitle;
  private readonly deleteTitle;
  private readonly activityTextKey;
  private readonly insertActivityText;
  private readonly deleteActivityText;
  private readonly mergeActivityTextStep;
  private readonly totalChanges;
  private readonly activityConfig;
  private readonly setActivityConfig;
  private readonly clearActivityText;
  /** A partner kind's own text (migration 028), by the record's id: its key is the record's rowid in its table. */
  private readonly kindText: Partial<Record<Entity, { insert: Statement; delete: Statement }>>;

  /** `settings` keeps the fill's place (ACTIVITY_TEXT_FILLED_TO): the app's own store, on the same connection. */
  constructor(
    private readonly db: Db,
    private readonly settings: SettingsStore,
  ) {
    this.findDoc = db.prepare(`SELECT rowid FROM search_docs WHERE record_id = ?`).pluck();
    this.insertDoc = db.prepare(`INSERT INTO search_docs (entity, record_id) VALUES (?, ?)`);
    this.deleteDoc = db.prepare(`DELETE FROM search_docs WHERE rowid = ?`);
    this.insertText = db.prepare(`INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)`);
    this.deleteText = db.prepare(`DELETE FROM search_fts WHERE rowid = ?`);
    // The titles again, alone (migration 023): the search's title matches come from there.
    this.insertTitle = db.prepare(`INSERT INTO search_title_fts (rowid, title) VALUES (?, ?)`);
    this.deleteTitle = db.prepare(`DELETE FROM search_title_fts WHERE rowid = ?`);
    // The list's own index of activities (migration 020), under the key of the activity's start day and rowid.
    const key = activityTextKey('start_date', 'rowid');
    // The key read as a BigInt, bound back as an integer (a JS number binds as a REAL); none while the fill has not reached the activity's date.
    this.activityTextKey = db
      .prepare(
        `SELECT ${key} AS key, mission_id AS mission FROM activities WHERE id = ?
           AND (NOT EXISTS (SELECT 1 FROM settings WHERE key = '${ACTIVITY_TEXT_REBUILD_SETTING}')
                OR start_date <= (SELECT value ->> '$' FROM settings WHERE key = '${ACTIVITY_TEXT_FILLED_TO}'))`,
      )
      .safeIntegers();
    this.insertActivityText = db.prepare(`INSERT INTO activity_fts (rowid, text) VALUES (?, ?)`);
    // Unconditional, like 020's trigger: deleting a key the fill has not put in changes nothing, even once it is (tested).
    this.deleteActivityText = db.prepare(`DELETE FROM activity_fts WHERE rowid = (SELECT ${key} FROM activities WHERE id = ?)`);
    this.mergeActivityTextStep = db.prepare(`INSERT INTO activity_fts (activity_fts, rank) VALUES ('merge', ?)`);
    this.totalChanges = db.prepare(`SELECT total_changes()`).pluck();
    this.activityConfig = db.prepare(`SELECT v FROM activity_fts_config WHERE k = ?`).pluck();
    this.setActivityConfig = db.prepare(`INSERT INTO activity_fts (activity_fts, rank) VALUES (?, ?)`);
    this.clearActivityText = db.prepare(`INSERT INTO activity_fts (activity_fts) VALUES ('delete-all')`);
    this.kindText = Object.fromEntries(
      Object.entries(KIND_TEXT).map(([entity, { table, index }]) => [
        entity,
        {
          insert: db.prepare(`INSERT INTO ${index} (rowid, text) SELECT rowid, ? FROM ${table} WHERE id = ?`),
          // Unconditional, like the list text's: deleting a key never put in changes nothing.
          delete: db.prepare(`DELETE FROM ${index} WHERE rowid = (SELECT rowid FROM ${table} WHERE id = ?)`),
        },
      ]),
    );
  }

  /**
   * The last start date the list text's fill put in, inside the slice's transaction. The first
   * slice starts it: the index emptied ('' filled), FTS5's merging set for the fill and its
   * settings kept for the end.
   */
  listTextFilledTo(): string {
    const filledTo = this.settings.get<string>(ACTIVITY_TEXT_FILLED_TO);
    if (filledTo !== undefined) return filledTo;
    this.clearActivityText.run();
    if (this.settings.get<FtsMerging>(ACTIVITY_TEXT_MERGING) === undefined) this.settings.set(ACTIVITY_TEXT_MERGING, this.setActivityMerging(FILL_MERGING));
    this.settings.set(ACTIVITY_TEXT_FILLED_TO, '');
    return '';
  }

  /** A slice of the fill is in, up to this start date (null: every activity), committed with it. */
  listTextFilled(last: string | null): void {
    this.settings.set(ACTIVITY_TEXT_FILLED_TO, last ?? FILLED_ALL);
    if (last === null) this.setActivityMerging(this.settings.get<FtsMerging>(ACTIVITY_TEXT_MERGING) ?? FTS5_MERGING);
  }

  /** The fill and its merge are done: the list reads activity_fts again (ActivityList). */
  listTextDone(): void {
    for (const key of [ACTIVITY_TEXT_REBUILD_SETTING, ACTIVITY_TEXT_FILLED_TO, ACTIVITY_TEXT_MERGING]) this.settings.delete(key);
  }

  /** The list text is filled again from the start (006 indexed everything again, but the list text). */
  restartListText(): void {
    this.settings.set(ACTIVITY_TEXT_REBUILD_SETTING, true);
    this.settings.delete(ACTIVITY_TEXT_FILLED_TO);
  }

  /**
   * Merges activity_fts into one segment, MERGE_PAGES pages at a time, each step its own
   * transaction, with a pause between (FTS5's 'merge': negative the first time, to merge
   * everything; done when it changes fewer than 2 rows). Filled again by the next open, the index
   * is left in many segments, and each query reads them all: over 100,000 activities, text pages
   * took ~2.5 ms instead of ~1.5 until merged (4.9 s, 23 steps of at most 160 ms). False when the
   * database closed meanwhile.
   */
  async mergeActivityText(pause: () => Promise<void>): Promise<boolean> {
    for (let pages = -MERGE_PAGES; ; pages = MERGE_PAGES) {
      const before = this.totalChanges.get() as number;
      this.mergeActivityTextStep.run(pages);
      if ((this.totalChanges.get() as number) - before < 2) return true;
      await pause();
      if (!this.db.open) return false;
    }
  }

  /** Sets FTS5's merge settings of activity_fts, returning those it had (FTS5's defaults where none was set). */
  private setActivityMerging(merging: FtsMerging): FtsMerging {
    const before = { ...FTS5_MERGING };
    for (const name of MERGING_NAMES) {
      before[name] = (this.activityConfig.get(name) as number | undefined) ?? FTS5_MERGING[name];
      // Bound as an integer: FTS5 refuses a REAL (a JS number binds as one).
      this.setActivityConfig.run(name, BigInt(merging[name]));
    }
    return before;
  }

  /** Indexes (or re-indexes) a record; title and body are folded here. An activity's list text too, unless a fill puts it after. */
  put(entity: Entity, recordId: string, title: string, body: string, listText = true): void {
    const existing = this.findDoc.get(recordId) as number | undefined;
    let rowid = existing;
    if (rowid === undefined) rowid = Number(this.insertDoc.run(entity, recordId).lastInsertRowid);
    else {
      this.deleteText.run(rowid);
      this.deleteTitle.run(rowid);
    }
    const folded = [foldText(title), foldText(body)] as const;
    this.insertText.run(rowid, ...folded);
    this.insertTitle.run(rowid, folded[0]);
    this.putKind(entity, recordId, folded.join(' '), existing !== undefined);
    if (entity !== 'activity' || !listText) return;
    if (existing !== undefined) this.deleteActivityText.run(recordId);
    this.putListText(recordId, folded.join(' '));
  }

  /** Puts a partner record in its kind's index alone (the fill after migration 028), in place of any text it had there. */
  putKindText(entity: Entity, recordId: string, title: string, body: string): void {
    this.putKind(entity, recordId, `${foldText(title)} ${foldText(body)}`, true);
  }

  /** A partner record's folded text in its kind's index (none for other kinds); `replace`: it may hold an earlier one. */
  private putKind(entity: Entity, recordId: string, folded: string, replace: boolean): void {
    const kind = this.kindText[entity];
    if (!kind) return;
    if (replace) kind.delete.run(recordId);
    kind.insert.run(folded, recordId);
  }

  /** Puts an activity in the list's index alone under its key, for the fill (migration 020 or 021 emptied it). */
  putActivityText(key: bigint, missionId: string, title: string, body: string): void {
    this.insertListText(key, missionId, `${foldText(title)} ${foldText(body)}`);
  }

  /** Nothing while the fill has not reached the activity's start date: the fill puts it in (and a key put twice would be indexed twice). */
  private putListText(recordId: string, folded: string): void {
    const row = this.activityTextKey.get(recordId) as { key: bigint; mission: string } | undefined;
    if (row) this.insertListText(row.key, row.mission, folded);
  }

  /**
   * The folded text and the token of the activity's mission (migration 021), under its key. The
   * text's private-use characters part words, as they part a query's: none can spell a mission's token.
   */
  private insertListText(key: bigint, missionId: string, folded: string): void {
    this.insertActivityText.run(key, `${folded.replace(PRIVATE_USE, ' ')} ${missionToken(missionId)}`);
  }

  remove(entity: Entity, recordId: string): void {
    const rowid = this.findDoc.get(recordId) as number | undefined;
    if (rowid === undefined) return;
    this.deleteText.run(rowid);
    this.deleteTitle.run(rowid);
    this.deleteDoc.run(rowid);
    if (entity === 'activity') this.deleteActivityText.run(recordId);
    this.kindText[entity]?.delete.run(recordId);
  }
}

type FtsMerging = Record<'automerge' | 'crisismerge', number>;
const MERGING_NAMES = ['automerge', 'crisismerge'] as const;

/** FTS5's own values when activity_fts has none set. */
const FTS5_MERGING: FtsMerging = { automerge: 4, crisismerge: 16 };

/**
 * During the fill: no automerge (100,000 activities: ~6 s of CPU instead of ~8; one merge in
 * steps at its end), and a crisis merge only at 64 segments of a level rather than 16. Each slice
 * commits a segment. At 1,000,000 activities (load 2-3.5, a write every 100 ms), with 16 the
 * merges of 256 slices held the data thread 4.2-4.6 s three times and a write waited up to 4.0 s;
 * with 64, merges of 64 slices take 1.0-1.5 s and a write waited at most 0.9 s (one 3.9 s block
 * remained near the end, not explained yet). The fill took 111-136 s either way.
 */
const FILL_MERGING: FtsMerging = { automerge: 0, crisismerge: 64 };

/** Leaf pages a step of mergeActivityText writes: ~160 ms a step at 100,000 activities. */
const MERGE_PAGES = 500;

/** Characters FTS5's tokenizer keeps in a word (category Co) but no query word holds: mission tokens are spelt with them. */
const PRIVATE_USE = /\p{Co}/gu;

/**
 * Letters to JavaScript (\p{L}) that FTS5's unicode61 tokenizer, with its older Unicode tables,
 * splits words on (New Tai Lue vowel signs, two Vedic signs): a query word holding one would be
 * a phrase, which activity_fts (no positions, migration 020) refuses. Found by trying every code
 * point; test/unit/activity-list-text.test.ts tries them all again.
 */
const SPLIT_BY_FTS = /[\u19B0-\u19C0\u19C8\u19C9\u1CF2\u1CF3]/u;

/** The longest prefix the FTS5 tables index (their prefix = '1 2 3 4 5 6'): a longer word's prefix query reads every term it begins. */
export const PREFIX_INDEXED = 6;

/**
 * Folded words as an FTS5 prefix query: every word must match the start of a token. `longWord`
 * may spell a word longer than PREFIX_INDEXED otherwise (ActivityList: its terms).
 */
export function ftsQuery(text: string, longWord?: (word: string) => string): string | null {
  const words = foldedWords(text)
    .flatMap((w) => w.split(SPLIT_BY_FTS))
    .filter((w) => w.length > 0);
  if (words.length === 0) return null;
  // AND spelt out: FTS5 joins a phrase and a parenthesised OR by no implicit AND.
  return words.map((w) => (longWord && w.length > PREFIX_INDEXED ? longWord(w) : `"${w}"*`)).join(' AND ');
}
