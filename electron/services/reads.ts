/**
 * The expensive reads (a list's total, the figures, search, HQ's consolidated figures), by
 * name: run by the read pool's worker threads on their own read-only connections
 * (electron/db/read-pool.ts), or on the main connection where there is no pool (the CLI).
 * Each runs in one read transaction, so it sees one committed state of the database.
 */
import type { Db } from '../db/open';
import type { ActivityFilter, ActivityTotal } from '../../shared/domain/activity';
import type { AgreementListInput } from '../../shared/domain/agreement';
import type { ContactListInput } from '../../shared/domain/contact';
import type { OrganisationListInput } from '../../shared/domain/organisation';
import { ActivityList, type ListArgs } from '../store/activity-list';
import { listAgreements } from '../store/agreements';
import { listContacts } from '../store/contacts';
import { listOrganisations } from '../store/organisations';
import { computeFigures, type FigureOptions } from './figures';
import { consolidatedFigures } from './hq-figures';
import { searchRecords, type SearchOptions } from './search';

/** A connection and the activity list over it (which remembers totals while the data is unchanged). */
export interface Reader {
  db: Db;
  list: ActivityList;
}

export function reader(db: Db): Reader {
  return { db, list: new ActivityList(db) };
}

export const READS = {
  // Asked of the pool only while a long write holds the writer (handlers/activities.ts): the page
  // is otherwise read on the writer's connection, which is quicker (no thread hop).
  'activity.list': (r: Reader, input: ListArgs & { withTotal?: boolean }) => r.list.list(input),
  // The exact total, or one counted no further than upTo (the list shows "≥ 1.000" at once).
  'activity.count': (r: Reader, { filter, upTo }: { filter: ActivityFilter; upTo?: number }): ActivityTotal =>
    upTo === undefined ? { total: r.list.count(filter), exact: true } : r.list.countUpTo(filter, upTo),
  'figures.compute': (r: Reader, input: FigureOptions) => computeFigures(r.db, input),
  'search.query': (r: Reader, input: SearchOptions) => searchRecords(r.db, input),
  'hq.figures': (r: Reader, input: { period: string; ownMissionId: string | null }) => consolidatedFigures(r.db, input.period, input.ownMissionId),
  // The partner lists: at HQ's size a text search over 200,000 organisations takes 0.1-0.4 s,
  // which would hold every other call on the data thread, and an import's batch would hold them.
  'organisation.list': (r: Reader, input: OrganisationListInput) => listOrganisations(r.db, input),
  'contact.list': (r: Reader, input: ContactListInput) => listContacts(r.db, input),
  'agreement.list': (r: Reader, input: AgreementListInput) => listAgreements(r.db, input),
};

export type ReadName = keyof typeof READS;
export type ReadInput<N extends ReadName> = Parameters<(typeof READS)[N]>[1];
export type ReadOutput<N extends ReadName> = ReturnType<(typeof READS)[N]>;

/** The channels served by these reads (same names, same inputs): with a pool they need not wait for a long write. */
export const POOLED_CHANNELS: ReadonlySet<string> = new Set(Object.keys(READS));

/**
 * The list screen's page and total: while an import holds the writer, the window's process asks
 * a reader for them itself (data-host/client.ts), not through the data thread, which answers
 * between the import's slices and commits (npm run bench, responsive).
 */
export const DIRECT_CHANNELS: ReadonlySet<string> = new Set<ReadName>(['activity.list', 'activity.count']);

export function runRead<N extends ReadName>(r: Reader, name: N, input: ReadInput<N>): ReadOutput<N> {
  const read = READS[name] as (r: Reader, input: ReadInput<N>) => ReadOutput<N>;
  return r.db.transaction(() => read(r, input))();
}
