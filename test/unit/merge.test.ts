import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { AppError } from '../../shared/errors';
import { call, openContext, setUpMission } from '../support/context';

let app: AppContext;
afterEach(() => app?.close());

describe('merging two organisations', () => {
  it('moves every link to the kept record, completes its fields, and deletes the other', async () => {
    app = await setUpMission(openContext());
    const keep = await call(app, 'organisation.create', {
      name: 'Samsung Electronics',
      kind: 'company',
      country: 'KR',
      sectors: ['digital'],
      notes: 'Đối tác lớn',
    });
    const dup = await call(app, 'organisation.create', {
      name: 'Samsung Electronics Co.',
      kind: 'other',
      website: 'https://samsung.com',
      sectors: ['electronics'],
      notes: 'Nhập từ tệp',
    });
    const other = await call(app, 'organisation.create', { name: 'LG', kind: 'company' });
    const person = await call(app, 'contact.create', { organisationId: dup.id, name: 'Kim Min-jun' });
    const agreement = await call(app, 'agreement.create', { title: 'MoU bán dẫn', kind: 'mou', foreignOrgId: dup.id });
    const both = await call(app, 'activity.create', {
      title: 'Gặp gỡ',
      kind: 'investment-promotion',
      startDate: '2025-04-01',
      organisationIds: [keep.id, dup.id, other.id],
    });
    const only = await call(app, 'activity.create', { title: 'Khảo sát', kind: 'market-information', startDate: '2025-04-02', organisationIds: [dup.id] });
    const followup = await call(app, 'followup.create', { title: 'Gửi thư', dueDate: '2025-05-01', entity: 'organisation', recordId: dup.id });

    const result = await call(app, 'organisation.merge', { keepId: keep.id, mergeId: dup.id });
    expect(result.moved).toEqual({ contacts: 1, agreements: 1, activities: 2, followups: 1 });
    expect(result.organisation).toMatchObject({
      name: 'Samsung Electronics',
      kind: 'company',
      country: 'KR',
      website: 'https://samsung.com',
      sectors: ['digital', 'electronics'],
      notes: 'Đối tác lớn\n\nNhập từ tệp',
    });
    expect((await call(app, 'contact.get', { id: person.id })).organisationId).toBe(keep.id);
    expect((await call(app, 'agreement.get', { id: agreement.id })).foreignOrgName).toBe('Samsung Electronics');
    expect((await call(app, 'activity.get', { id: both.id })).organisationIds).toEqual([keep.id, other.id]);
    expect((await call(app, 'activity.get', { id: only.id })).organisationIds).toEqual([keep.id]);
    expect((await call(app, 'followup.get', { id: followup.id })).recordId).toBe(keep.id);
    expect((await call(app, 'organisation.get', { id: dup.id })).deletedAt).not.toBeNull();
    expect((await call(app, 'organisation.timeline', { id: keep.id })).map((i) => i.id).sort()).toEqual([agreement.id, both.id, only.id, followup.id].sort());

    // Every move is a field change that the exchange ships.
    const moved = app.db
      .prepare(
        `SELECT entity, field FROM changes WHERE record_id IN (?, ?, ?, ?) AND field IN ('organisationId', 'foreignOrgId', 'organisationIds', 'recordId') AND value LIKE ?`,
      )
      .all(person.id, agreement.id, only.id, followup.id, `%${keep.id}%`) as { entity: string }[];
    expect(moved.map((m) => m.entity).sort()).toEqual(['activity', 'agreement', 'contact', 'followup']);
    expect(app.db.prepare(`SELECT value FROM changes WHERE record_id = ? AND field = '_deleted'`).pluck().all(dup.id)).toHaveLength(1);
  });

  it('refuses to merge a record with itself or with a deleted one, and changes nothing', async () => {
    app = await setUpMission(openContext());
    const a = await call(app, 'organisation.create', { name: 'A' });
    const b = await call(app, 'organisation.create', { name: 'B' });
    await call(app, 'organisation.delete', { id: b.id });
    const count = () => app.db.prepare('SELECT count(*) FROM changes').pluck().get();
    const before = count();
    expect(((await call(app, 'organisation.merge', { keepId: a.id, mergeId: a.id }).catch((e) => e)) as AppError).code).toBe('MERGE_SAME');
    expect(((await call(app, 'organisation.merge', { keepId: a.id, mergeId: b.id }).catch((e) => e)) as AppError).code).toBe('NOT_FOUND');
    expect(count()).toBe(before);
  });
});
