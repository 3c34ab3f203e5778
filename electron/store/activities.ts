/** Activities: the store's reads and writes for entity 'activity'. */
import { LINKS, linkInsertSql, type LinkTable } from '../db/migrations/022-link-keys';
import type { Db } from '../db/open';
import { ACTIVITY_FIELD_NAMES, EMPTY_ACTIVITY } from '../../shared/domain/activity';
import type { Activity, ActivityFilter, ActivityPage, ActivityValues } from '../../shared/domain/activity';
import { bothLabels } from '../../shared/i18n';
import { provinceIndexText } from '../../shared/reference';
import { ActivityList, type ListArgs } from './activity-list';
import { pausedTallies } from './activity-tallies';
import { countryText, sectorsText } from './organisations';
import { activityTextKey } from '../db/migrations/020-activity-text';
import { RecordTable, type StoredRecord } from './record-table';
import type { SearchIndex } from './search-index';
import type { Writer } from './writer';

/** Everything a person might type to find an activity, in both languages. */
export function searchBody(v: ActivityValues): string {
  return [
    bothLabels('activityKind', v.kind),
    v.format ? bothLabels('activityFormat', v.format) : '',
    v.city,
    countryText(v.country),
    sectorsText(v.sectors),
    provinceIndexText(v.provinces),
    v.outcomes,
    v.followUps,
    v.notes,
    v.owner,
  ].join(' ');
}

/** Activities read at a time by the list text's fill (whole start dates, so a few more). */
const FILL_ROWS = 1000;

/** The same values in the same order: a link's rows need no rewrite. */
const sameValues = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, k) => value === b[k]);

/** What the fill reads of an activity: the fields of its text (searchBody, JSON lists as stored), its mission and key. */
type ListTextRow = Record<
  'title' | 'kind' | 'format' | 'city' | 'country' | 'sectors' | 'provinces' | 'outcomes' | 'followUps' | 'notes' | 'owner' | 'missionId',
  string
> & {
  key: bigint;
};

export class ActivityStore extends RecordTable<ActivityValues> {
  private readonly links;
  private readonly fillBound;
  private readonly lastStart;
  private readonly fillSlice;
  /** The list's pages and totals; the inline reads (services/reads.ts) share its remembered totals. */
  readonly listing;

  constructor(db: Db, writer: Writer, searchIndex: SearchIndex, missionId: () => string) {
    super(db, writer, searchIndex, missionId, {
      entity: 'activity',
      table: 'activities',
      fields: ACTIVITY_FIELD_NAMES,
      jsonFields: ['sectors', 'provinces', 'organisationIds'],
      defaults: EMPTY_ACTIVITY,
    });
    // A link row carries the activity's list columns (migration 022), taken from its row.
    const linked = (link: LinkTable, values: (a: StoredRecord<ActivityValues>) => readonly string[]) => ({
      remove: db.prepare(`DELETE FROM ${link.table} WHERE activity_id = ?`),
      insert: db.prepare(linkInsertSql(link)),
      values,
    });
    this.links = [linked(LINKS.sector, (a) => a.sectors), linked(LINKS.province, (a) => a.provinces)];
    this.listing = new ActivityList(db);
    // The list text's fill (reindexListText): the last start date of the next slice of live activities, else of all that are left; their text in key order.
    this.fillBound = db.prepare(`SELECT start_date FROM activities WHERE deleted_at IS NULL AND start_date > ? ORDER BY start_date LIMIT 1 OFFSET ?`).pluck();
    this.lastStart = db.prepare(`SELECT max(start_date) FROM activities WHERE deleted_at IS NULL AND start_date > ?`).pluck();
    this.fillSlice = db
      .prepare(
        `SELECT ${activityTextKey('start_date', 'rowid')} AS key, mission_id AS missionId, title, kind, format, city, country, sectors, provinces, outcomes,
                follow_ups AS followUps, notes, owner
         FROM activities WHERE deleted_at IS NULL AND start_date > ? AND start_date <= ? ORDER BY key`,
      )
      .safeIntegers();
  }

  override get(id: string): Activity {
    return super.get(id) as Activity;
  }

  override create(values: ActivityValues): Activity {
    return super.create(values) as Activity;
  }

  /** A batch's tallies (migration 018) are added at its end in grouped statements, not row by row. */
  override createMany(list: readonly ActivityValues[]): string[] {
    return this.writer.write((ctx) => pausedTallies(this.db, () => list.map((values) => this.createIn(ctx, values).id)));
  }

  override update(id: string, values: ActivityValues): Activity {
    return super.update(id, values) as Activity;
  }

  override restore(id: string): Activity {
    return super.restore(id) as Activity;
  }

  protected override searchText(a: StoredRecord<ActivityValues>) {
    return { title: a.title, body: searchBody(a) };
  }

  /**
   * Fills the list's text index (migrations 020 and 021 emptied it; search_fts already holds the
   * same text), then merges it. Read in the index's key order (start day, then rowid), whole dates
   * at a time: FTS5 writes its pending terms out as a segment whenever a key is lower than the one
   * before, so the rowid order wrote a segment every second activity or so and merged them again
   * and again. Only the columns of the text are read. Each slice is its own transaction, with the
   * last start date it filled (SearchIndex.listTextFilledTo): other writes run between slices and
   * put in only what the fill has passed, and a fill cut short goes on from there at the next open.
   */
  async reindexListText(pause: () => Promise<void>, sliceRows = FILL_ROWS): Promise<number> {
    let count = 0;
    const slice = this.db.transaction(() => {
      const after = this.searchIndex.listTextFilledTo();
      const last = (this.fillBound.get(after, sliceRows - 1) ?? this.lastStart.get(after)) as string | null;
      if (last !== null)
        for (const row of this.fillSlice.all(after, last) as ListTextRow[]) {
          const a = { ...row, sectors: JSON.parse(row.sectors) as string[], provinces: JSON.parse(row.provinces) as string[] } as unknown as ActivityValues;
          this.searchIndex.putActivityText(row.key, row.missionId, row.title, searchBody(a));
          count++;
        }
      this.searchIndex.listTextFilled(last);
      return last !== null;
    });
    while (slice()) {
      await pause();
      if (!this.db.open) return count;
    }
    if (await this.searchIndex.mergeActivityText(pause)) this.searchIndex.listTextDone();
    return count;
  }

  /** Everything indexed again (006): search_fts by rowid; the list's text index is then filled in its own key order (reindexListText). */
  override async reindexAll(pause: () => Promise<void>): Promise<number> {
    const count = await super.reindexAll(pause, (a) => this.searchIndex.put(this.entity, a.id, a.title, searchBody(a), false));
    this.searchIndex.restartListText();
    return count;
  }

  /**
   * The link tables used by the sector and province filters follow every write. Their rows are
   * written again only when the activity's sectors or localities changed: migration 022's
   * triggers keep the list columns they carry (an edit of anything else wrote them twice).
   */
  protected override reindex(record: StoredRecord<ActivityValues>, before?: StoredRecord<ActivityValues>): void {
    for (const link of this.links) {
      const values = link.values(record);
      if (before && sameValues(link.values(before), values)) continue;
      link.remove.run(record.id);
      for (const value of values) link.insert.run(value, record.id);
    }
    super.reindex(record);
  }

  /** The activity list's pages and totals (activity-list.ts). */
  list(input: ListArgs & { withTotal?: true }): ActivityPage & { total: number };
  list(input: ListArgs & { withTotal?: boolean }): ActivityPage;
  list(input: ListArgs & { withTotal?: boolean }): ActivityPage {
    return this.listing.list(input);
  }

  count(filter: ActivityFilter): number {
    return this.listing.count(filter);
  }
}
