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

export class ActivityStore extends RecordTable<ActivityValues> {
  private readonly links;
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

  /** Fills the list's text index (migration 020 created it empty); search_fts already holds the same text. */
  reindexListText(pause: () => Promise<void>): Promise<number> {
    return this.reindexAll(pause, (a) => this.searchIndex.putActivityText(a.id, a.title, searchBody(a)));
  }

  /** The link tables used by the sector and province filters follow every write. */
  protected override reindex(record: StoredRecord<ActivityValues>): void {
    for (const link of this.links) {
      link.remove.run(record.id);
      for (const value of link.values(record)) link.insert.run(value, record.id);
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
