/**
 * The partner lists (organisations, people, agreements) read a page as its rowids first, from
 * an index where one covers the filter and the order (store/record-table.ts, listPage).
 * Whatever the filter and the page size, pages read one after another must give exactly the
 * list a plain model computes, and the totals must agree with it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import type { Agreement } from '../../shared/domain/agreement';
import type { Contact } from '../../shared/domain/contact';
import { AGREEMENT_KINDS, AGREEMENT_STATUSES, ORGANISATION_KINDS } from '../../shared/domain/enums';
import type { Organisation } from '../../shared/domain/organisation';
import { foldText } from '../../shared/text';
import { KIND_TEXT, PARTNER_TEXT_PENDING } from '../../electron/db/migrations/028-partner-text';
import { call, openContext, setUpMission } from '../support/context';

const NAMES = ['Công ty Osaka', 'Cong ty OSAKA', 'Đại học Kyoto', 'Phòng Thương mại Nagoya', 'Ngân hàng Tokyo'];
const COUNTRIES = ['JP', 'KR', null] as const;
const SECTOR_SETS = [[], ['energy'], ['energy', 'agriculture'], ['agriculture']];

let app: AppContext;
let organisations: Organisation[];
let contacts: Contact[];
let agreements: Agreement[];
/** Every statement prepared on the connection: the lists' own SQL, as they ran it. */
const prepared = new Set<string>();

beforeAll(async () => {
  app = openContext();
  const prepare = app.db.prepare.bind(app.db);
  app.db.prepare = ((sql: string) => (prepared.add(sql), prepare(sql))) as typeof app.db.prepare;
  await setUpMission(app);
  // Tied names (the same once folded), kinds, countries and dates; some deleted.
  for (let i = 0; i < 30; i++) {
    const created = await call(app, 'organisation.create', {
      name: NAMES[i % NAMES.length]!,
      kind: ORGANISATION_KINDS[i % 3]!,
      country: COUNTRIES[i % 3],
      sectors: SECTOR_SETS[i % SECTOR_SETS.length]!,
    });
    if (i % 7 === 0) await call(app, 'organisation.delete', { id: created.id });
  }
  organisations = (await call(app, 'organisation.list', { limit: 1000 })).rows;
  for (let i = 0; i < 24; i++) {
    const created = await call(app, 'contact.create', { name: `Tanaka ${String.fromCharCode(65 + (i % 5))}`, organisationId: organisations[i % 4]!.id });
    if (i % 9 === 0) await call(app, 'contact.delete', { id: created.id });
  }
  contacts = (await call(app, 'contact.list', { limit: 1000 })).rows;
  for (let i = 0; i < 30; i++) {
    const created = await call(app, 'agreement.create', {
      title: `Biên bản ${i % 2 ? 'Osaka' : 'Kyoto'}`,
      kind: AGREEMENT_KINDS[i % 3]!,
      status: AGREEMENT_STATUSES[i % 2]!,
      signedDate: i % 4 === 0 ? null : `2025-0${1 + (i % 5)}-1${i % 3}`,
      foreignOrgId: i % 3 ? organisations[i % 5]!.id : null,
    });
    if (i % 8 === 0) await call(app, 'agreement.delete', { id: created.id });
  }
  agreements = (await call(app, 'agreement.list', { limit: 1000 })).rows;
});
afterAll(() => app.close());

const compare = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
/** Every page of `limit` from the start, joined. */
async function pages(read: (offset: number) => Promise<{ total: number; rows: { id: string }[] }>, limit: number) {
  const ids: string[] = [];
  const totals = new Set<number>();
  for (let offset = 0; ; offset += limit) {
    const page = await read(offset);
    totals.add(page.total);
    ids.push(...page.rows.map((r) => r.id));
    if (page.rows.length < limit) return { ids, totals: [...totals] };
  }
}

describe('partner list pages', () => {
  it('the model lists: organisations by folded name then id, people by name then id, agreements newest signed first and unsigned last', () => {
    expect(organisations).toHaveLength(30 - 5);
    expect(organisations.map((o) => o.id)).toEqual(
      [...organisations].sort((a, b) => compare(foldText(a.name), foldText(b.name)) || compare(a.id, b.id)).map((o) => o.id),
    );
    expect(contacts.map((c) => c.id)).toEqual([...contacts].sort((a, b) => compare(a.name, b.name) || compare(a.id, b.id)).map((c) => c.id));
    expect(agreements.map((a) => a.id)).toEqual([...agreements].sort((a, b) => compare(b.signedDate, a.signedDate) || compare(b.id, a.id)).map((a) => a.id));
    expect(agreements.at(-1)!.signedDate).toBeNull();
  });

  it('read page after page give the model list and its total, whatever the filter', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          limit: fc.integer({ min: 1, max: 9 }),
          kinds: fc.subarray([...ORGANISATION_KINDS.slice(0, 3)]),
          country: fc.constantFrom(undefined, 'JP', 'KR'),
          sector: fc.constantFrom(undefined, 'energy', 'agriculture', 'tourism'),
          text: fc.constantFrom(undefined, 'osaka', 'kyoto', 'cong ty', 'nagoya tokyo'),
          statuses: fc.subarray([...AGREEMENT_STATUSES.slice(0, 2)]),
          withOrganisation: fc.boolean(),
        }),
        async ({ limit, kinds, country, sector, text, statuses, withOrganisation }) => {
          // A text's matches are the search index's (tested with it); here the pages must give them all, in order.
          const matching = async (channel: 'organisation.list' | 'agreement.list') =>
            text ? new Set((await call(app, channel, { filter: { text }, limit: 1000 })).rows.map((r) => r.id)) : null;
          const organisationText = await matching('organisation.list');
          const organisationModel = organisations
            .filter((o) => !kinds.length || kinds.includes(o.kind))
            .filter((o) => !country || o.country === country)
            .filter((o) => !sector || o.sectors.includes(sector))
            .filter((o) => !organisationText || organisationText.has(o.id))
            .map((o) => o.id);
          const organisationPages = await pages((offset) => call(app, 'organisation.list', { filter: { kinds, country, sector, text }, limit, offset }), limit);
          expect(organisationPages).toEqual({ ids: organisationModel, totals: [organisationModel.length] });

          const organisationId = withOrganisation ? organisations[1]!.id : undefined;
          const contactModel = contacts.filter((c) => !organisationId || c.organisationId === organisationId).map((c) => c.id);
          const contactPages = await pages((offset) => call(app, 'contact.list', { filter: { organisationId }, limit, offset }), limit);
          expect(contactPages).toEqual({ ids: contactModel, totals: [contactModel.length] });

          const agreementText = await matching('agreement.list');
          const agreementModel = agreements
            .filter((a) => !statuses.length || statuses.includes(a.status))
            .filter((a) => !agreementText || agreementText.has(a.id))
            .map((a) => a.id);
          const agreementPages = await pages((offset) => call(app, 'agreement.list', { filter: { statuses, text }, limit, offset }), limit);
          expect(agreementPages).toEqual({ ids: agreementModel, totals: [agreementModel.length] });
        },
      ),
      { numRuns: 40, seed: 17 },
    );
  });

  it('choose each page read above from an index alone, reading no row it skips or sorts out', () => {
    const plan = (sql: string) =>
      (app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from(sql.matchAll(/\?/g), () => null)) as { detail: string }[]).map((r) => r.detail);
    for (const [table, alias, index] of [
      ['organisations', 'o', 'organisations_list'],
      ['contacts', 'c', 'contacts_list'],
      ['agreements', 'a', 'agreements_signed'],
    ] as const) {
      const statements = [...prepared].filter((sql) => sql.includes(`rowid IN (SELECT ${alias}.rowid FROM ${table} ${alias} `));
      // Each filter shape of the property above: all of them, with and without text.
      expect(statements.length).toBeGreaterThan(1);
      const kindText = Object.values(KIND_TEXT).find((k) => k.table === table)!.index;
      if (table !== 'contacts') expect(statements.some((sql) => sql.includes(kindText))).toBe(true);
      for (const sql of statements) {
        const steps = plan(sql);
        // A sector (not offered by the Partners screen) is read from the row: along the same index.
        const covered = sql.includes('json_each') ? 'INDEX' : 'COVERING INDEX';
        expect(steps, sql).toContain(`SEARCH ${alias} USING ${covered} ${index} (deleted_at=?)`);
        expect(
          steps.filter((s) => s === `SCAN ${alias}` || s.startsWith(`SCAN ${alias} `)),
          sql,
        ).toEqual([]);
        // A text is matched in the kind's own index (migration 028), never among every kind's documents.
        expect(sql).not.toContain('search_fts');
        if (sql.includes(kindText)) expect(steps, sql).toContain(`SCAN ${kindText} VIRTUAL TABLE INDEX 0:M1`);
        // The page's own 200 rows are put in order again; nothing else is sorted.
        expect(
          steps.filter((s) => s.includes('TEMP B-TREE')),
          sql,
        ).toEqual(['USE TEMP B-TREE FOR ORDER BY']);
      }
    }
  });

  it("match a text in each kind's own index as in the search index, whatever was written since", async () => {
    const texts = ['osaka', 'kyoto', 'cong ty', 'tanaka b', 'bien ban', 'nagoya tokyo', 'shoji', 'energy', 'nang luong', 'zzz', 'a'];
    const channels = ['organisation.list', 'contact.list', 'agreement.list', 'followup.list'] as const;
    /** Each list's ids for each text: from the kind's index, or (pending) from search_fts as before 028. */
    const results = async (pending: boolean) => {
      if (pending) app.settings.set(PARTNER_TEXT_PENDING, true);
      try {
        const all: Record<string, string[]> = {};
        for (const channel of channels)
          for (const text of texts) all[`${channel} ${text}`] = (await call(app, channel, { filter: { text }, limit: 1000 })).rows.map((r) => r.id);
        return all;
      } finally {
        app.settings.delete(PARTNER_TEXT_PENDING);
      }
    };
    const same = async () => {
      const fromKinds = await results(false);
      expect(fromKinds).toEqual(await results(true));
      return fromKinds;
    };
    const before = await same();
    expect(before['organisation.list osaka']!.length).toBeGreaterThan(0);
    expect(before['contact.list tanaka b']!.length).toBeGreaterThan(0);
    expect(before['agreement.list kyoto']!.length).toBeGreaterThan(0);
    // A rename, a delete, a restore, a follow-up, and a contact whose organisation is renamed.
    const osaka = organisations.find((o) => o.name === 'Công ty Osaka')!;
    await call(app, 'organisation.update', { id: osaka.id, values: { ...osaka, name: 'Công ty Nagoya Shoji' } });
    await call(app, 'agreement.delete', { id: agreements[1]!.id });
    await call(app, 'contact.delete', { id: contacts[2]!.id });
    await call(app, 'contact.restore', { id: contacts[2]!.id });
    await call(app, 'followup.create', { title: 'Gửi thư cảm ơn Osaka', dueDate: '2025-04-01', entity: 'organisation', recordId: osaka.id });
    const after = await same();
    expect(before['organisation.list shoji']).toEqual([]);
    expect(after['organisation.list shoji']).toEqual([osaka.id]);
    expect(after['followup.list osaka']).toHaveLength(1);
    expect(after['agreement.list bien ban']).not.toContain(agreements[1]!.id);
    // Put back as the other tests found them.
    await call(app, 'organisation.update', { id: osaka.id, values: osaka });
    await call(app, 'agreement.restore', { id: agreements[1]!.id });
  });
});
