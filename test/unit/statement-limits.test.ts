/**
 * SQLite (3.53 here) plans with the value of a bound LIMIT, so a statement that binds its LIMIT
 * is prepared again at every run: ~60 µs of a ~0.5 ms list page. The lists and search write
 * their LIMIT into the SQL (sqlLimit) and bind the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { sqlLimit } from '../../electron/store/statements';
import { recordQueries } from '../../bench/replay';
import { COUNT_AT_ONCE } from '../../shared/domain/activity';
import { call, openContext, setUpMission } from '../support/context';

let app: AppContext;

beforeAll(async () => {
  app = await setUpMission(openContext());
  const organisation = await call(app, 'organisation.create', { name: 'Phòng Thương mại Osaka', kind: 'chamber', country: 'JP' });
  await call(app, 'contact.create', { name: 'Tanaka Hiroshi', organisationId: organisation.id });
  await call(app, 'agreement.create', {
    title: 'Biên bản hợp tác xúc tiến thương mại',
    kind: 'mou',
    foreignOrgId: organisation.id,
    signedDate: '2025-03-01',
  });
  for (let i = 0; i < 30; i++)
    await call(app, 'activity.create', {
      title: `Xúc tiến thương mại ${i}`,
      kind: 'trade-promotion',
      startDate: `2025-0${1 + (i % 6)}-1${i % 10}`,
      provinces: ['ha-noi'],
    });
});
afterAll(() => app.close());

describe('LIMIT in the SQL, not bound', () => {
  it('is written into every statement the lists, their totals and search run', async () => {
    const calls: [string, unknown][] = [
      ['activity.list', { limit: 7, withTotal: false }],
      ['activity.list', { limit: 7, offset: 7, sort: { key: 'title', direction: 'asc' } }],
      ['activity.list', { filter: { text: 'xuc tien', period: '2025' }, limit: 5 }],
      ['activity.list', { filter: { province: 'ha-noi' }, limit: 5, offset: 5 }],
      ['activity.count', { filter: { kinds: ['trade-promotion'] }, upTo: COUNT_AT_ONCE }],
      ['organisation.list', { text: 'osaka', limit: 3 }],
      ['contact.list', { limit: 3, offset: 1 }],
      ['agreement.list', { limit: 3 }],
      ['search.query', { text: 'xuc tien', limit: 4 }],
    ];
    const limits: string[] = [];
    for (const [channel, input] of calls) {
      app.settings.set('test.touch', channel); // any write forgets remembered totals
      const ran = await recordQueries(app.db, () => call(app, channel as never, input as never));
      expect(ran.map((q) => q.sql).filter((sql) => /LIMIT\s+\?/i.test(sql))).toEqual([]);
      limits.push(...ran.flatMap((q) => q.sql.match(/LIMIT \d+/g) ?? []));
    }
    // The pages asked for and the count's bound, as literals.
    expect(limits).toEqual(expect.arrayContaining(['LIMIT 7', 'LIMIT 5', `LIMIT ${COUNT_AT_ONCE}`, 'LIMIT 3', 'LIMIT 4']));
  });

  it('takes only a whole, non-negative number of rows', () => {
    expect(sqlLimit(200)).toBe('LIMIT 200');
    expect(sqlLimit(0)).toBe('LIMIT 0');
    for (const bad of [1.5, -1, Number.NaN, Number.POSITIVE_INFINITY, '5; DROP TABLE activities' as unknown as number])
      expect(() => sqlLimit(bad)).toThrow(RangeError);
  });
});
