import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { AppError } from '../../shared/errors';
import { call, openContext, setUpMission } from '../support/context';

let app: AppContext;
afterEach(() => app?.close());

const changesOf = (id: string) =>
  app.db.prepare(`SELECT entity, field, value FROM changes WHERE record_id = ? ORDER BY seq`).all(id) as { entity: string; field: string; value: string }[];

describe('organisations', () => {
  it('creates with field-level changes, finds without diacritics, updates only what changed', async () => {
    app = await setUpMission(openContext());
    const org = await call(app, 'organisation.create', { name: 'Tập đoàn Năng lượng Đông Kinh', kind: 'company', country: 'jp', sectors: ['energy'] });
    expect(org.country).toBe('JP');
    expect(
      changesOf(org.id)
        .map((c) => `${c.entity}.${c.field}`)
        .sort(),
    ).toEqual(['organisation.country', 'organisation.kind', 'organisation.name', 'organisation.sectors']);
    const hits = (await call(app, 'search.query', { text: 'dong kinh nang luong' })).hits;
    expect(hits).toEqual([{ entity: 'organisation', id: org.id, title: org.name, date: null, kind: 'company' }]);
    expect((await call(app, 'organisation.list', { filter: { text: 'DONG KINH' } })).rows.map((r) => r.id)).toEqual([org.id]);
    expect((await call(app, 'organisation.list', { filter: { sector: 'energy' } })).total).toBe(1);
    expect((await call(app, 'organisation.list', { filter: { country: 'KR' } })).total).toBe(0);

    const before = changesOf(org.id).length;
    await call(app, 'organisation.update', { id: org.id, values: { ...org, website: 'https://example.jp' } });
    expect(
      changesOf(org.id)
        .slice(before)
        .map((c) => c.field),
    ).toEqual(['website']);
  });

  it('rejects a bad country and an empty name with field codes', async () => {
    app = await setUpMission(openContext());
    const error = (await call(app, 'organisation.create', { name: ' ', country: 'XX' }).catch((e: AppError) => e)) as AppError;
    expect(error.code).toBe('VALIDATION');
    expect(Object.fromEntries(error.fields!.map((f) => [f.path, f.code]))).toEqual({ name: 'required', country: 'invalid_country' });
  });

  it('warns of duplicates by folded name within the same country', async () => {
    app = await setUpMission(openContext());
    const org = await call(app, 'organisation.create', { name: 'Phòng Thương mại Osaka', kind: 'chamber', country: 'JP' });
    expect((await call(app, 'organisation.duplicates', { name: 'phong  thuong mai OSAKA', country: 'JP' })).map((o) => o.id)).toEqual([org.id]);
    expect(await call(app, 'organisation.duplicates', { name: 'Phong thuong mai Osaka', country: 'KR' })).toEqual([]);
  });

  it('keeps contacts, and hides e-mail and phone from the search index', async () => {
    app = await setUpMission(openContext());
    const org = await call(app, 'organisation.create', { name: 'Aeon', kind: 'company', country: 'JP' });
    const person = await call(app, 'contact.create', {
      organisationId: org.id,
      name: 'Tanaka Hiroshi',
      title: 'Giám đốc mua hàng',
      email: 'Tanaka@Aeon.JP',
      phone: '+81 3 1234 5678',
    });
    expect(person.email).toBe('tanaka@aeon.jp');
    expect((await call(app, 'search.query', { text: 'giam doc mua' })).hits.map((h) => h.id)).toEqual([person.id]);
    expect((await call(app, 'search.query', { text: 'aeon' })).hits.map((h) => h.entity).sort()).toEqual(['contact', 'organisation']);
    expect((await call(app, 'search.query', { text: 'tanaka aeon jp' })).hits).toEqual([]);
    expect((await call(app, 'search.query', { text: '1234' })).hits).toEqual([]);
    const list = await call(app, 'contact.list', { filter: { organisationId: org.id } });
    expect(list.rows.map((r) => [r.name, r.organisationName])).toEqual([['Tanaka Hiroshi', 'Aeon']]);
    expect((await call(app, 'organisation.list', {})).rows[0]!.contactCount).toBe(1);

    const bad = (await call(app, 'contact.create', { name: 'X', email: 'not-an-address' }).catch((e: AppError) => e)) as AppError;
    expect(bad.fields).toEqual([{ path: 'email', code: 'invalid_email' }]);
    const unknownOrg = (await call(app, 'contact.create', { name: 'X', organisationId: '01900000-0000-7000-8000-000000000000' }).catch(
      (e: AppError) => e,
    )) as AppError;
    expect(unknownOrg.fields).toEqual([{ path: 'organisationId', code: 'invalid_id' }]);
    // The message that reaches logs names no personal data.
    expect(bad.message).not.toContain('not-an-address');

    // Renaming the organisation re-indexes its people.
    await call(app, 'organisation.update', { id: org.id, values: { ...org, name: 'Aeon Mall' } });
    expect((await call(app, 'search.query', { text: 'mall', entities: ['contact'] })).hits.map((h) => h.id)).toEqual([person.id]);
  });

  it('shows an organisation timeline of activities, agreements and follow-ups; soft delete and restore', async () => {
    app = await setUpMission(openContext());
    const org = await call(app, 'organisation.create', { name: 'JETRO', kind: 'investment-agency', country: 'JP' });
    const activity = await call(app, 'activity.create', {
      title: 'Gặp JETRO',
      kind: 'investment-promotion',
      startDate: '2025-03-01',
      organisationIds: [org.id],
    });
    await call(app, 'activity.create', { title: 'Không liên quan', kind: 'other', startDate: '2025-03-02' });
    const agreement = await call(app, 'agreement.create', {
      title: 'MoU JETRO',
      kind: 'mou',
      signedDate: '2025-03-01',
      foreignOrgId: org.id,
      activityId: activity.id,
    });
    const person = await call(app, 'contact.create', { organisationId: org.id, name: 'Sato' });
    const followup = await call(app, 'followup.create', { title: 'Gửi thư cảm ơn', dueDate: '2025-03-10', entity: 'contact', recordId: person.id });
    const timeline = await call(app, 'organisation.timeline', { id: org.id });
    // Latest first; same-day records in creation order.
    expect(timeline.map((i) => [i.entity, i.id, i.date])).toEqual([
      ['followup', followup.id, '2025-03-10'],
      ['activity', activity.id, '2025-03-01'],
      ['agreement', agreement.id, '2025-03-01'],
    ]);
    expect((await call(app, 'contact.timeline', { id: person.id })).map((i) => i.id)).toContain(agreement.id);

    await call(app, 'organisation.delete', { id: org.id });
    expect((await call(app, 'organisation.list', {})).total).toBe(0);
    expect((await call(app, 'search.query', { text: 'jetro', entities: ['organisation'] })).hits).toEqual([]);
    await call(app, 'organisation.restore', { id: org.id });
    expect((await call(app, 'search.query', { text: 'jetro', entities: ['organisation'] })).hits.map((h) => h.id)).toEqual([org.id]);
    const tombstones = changesOf(org.id)
      .filter((c) => c.field === '_deleted')
      .map((c) => c.value);
    expect(tombstones.length).toBe(2);
    expect(tombstones[1]).toBe('null');
  });

  it('applies remote field changes: creates, updates, tombstones, without recording changes', async () => {
    app = await setUpMission(openContext());
    const id = '01920000-0000-7000-8000-000000000001';
    const count = () => app.db.prepare('SELECT count(*) FROM changes').pluck().get();
    const before = count();
    const meta = { now: '2026-01-01T00:00:00.000Z', author: 'Lê Văn B', deviceId: 'other-device', missionId: 'm-2' };
    app.organisations.applyRemote(id, { name: 'Hiệp hội Doanh nghiệp Việt Nam tại Nhật', kind: 'chamber' }, meta);
    expect(app.organisations.get(id)).toMatchObject({ name: 'Hiệp hội Doanh nghiệp Việt Nam tại Nhật', kind: 'chamber', country: null, createdBy: 'Lê Văn B' });
    expect((await call(app, 'search.query', { text: 'hiep hoi' })).hits.map((h) => h.id)).toEqual([id]);
    app.organisations.applyRemote(id, { country: 'JP' }, meta);
    expect(app.organisations.get(id).country).toBe('JP');
    expect((await call(app, 'organisation.duplicates', { name: 'hiep hoi doanh nghiep viet nam tai nhat', country: 'JP' })).length).toBe(1);
    app.organisations.applyRemote(id, { _deleted: '2026-01-02T00:00:00.000Z' }, meta);
    expect(app.organisations.get(id).deletedAt).toBe('2026-01-02T00:00:00.000Z');
    expect((await call(app, 'search.query', { text: 'hiep hoi' })).hits).toEqual([]);
    expect(count()).toBe(before);
  });
});
