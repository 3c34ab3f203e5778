import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { AppError } from '../../shared/errors';
import { call, openContext, setUpMission } from '../support/context';

let app: AppContext;
afterEach(() => app?.close());

const fieldsOf = (e: unknown) => Object.fromEntries(((e as AppError).fields ?? []).map((f) => [f.path, f.code]));

describe('agreements', () => {
  it('pre-fills an agreement from the activity where it was signed', async () => {
    app = await setUpMission(openContext());
    const org = await call(app, 'organisation.create', { name: 'Marubeni', kind: 'company', country: 'JP' });
    const activity = await call(app, 'activity.create', {
      title: 'Hội nghị xúc tiến đầu tư Đà Nẵng',
      kind: 'investment-promotion',
      startDate: '2025-05-20',
      provinces: ['da-nang'],
      sectors: ['energy'],
      organisationIds: [org.id],
      dealValueUsd: 2500000,
    });
    const draft = await call(app, 'agreement.draftFromActivity', { activityId: activity.id });
    expect(draft).toMatchObject({
      signedDate: '2025-05-20',
      provinceId: 'da-nang',
      foreignOrgId: org.id,
      sector: 'energy',
      valueUsd: 2500000,
      activityId: activity.id,
    });
    const agreement = await call(app, 'agreement.create', { ...draft, title: 'MoU điện gió ngoài khơi' });
    const detail = await call(app, 'agreement.get', { id: agreement.id });
    expect(detail).toMatchObject({ foreignOrgName: 'Marubeni', activityTitle: activity.title, status: 'signed', log: [] });
    expect((await call(app, 'agreement.list', { filter: { activityId: activity.id } })).rows.map((r) => r.foreignOrgName)).toEqual(['Marubeni']);
    // Found by the partner's name, the former province name, the kind label, typed without diacritics.
    for (const text of ['marubeni', 'quang nam', 'bien ban ghi nho', 'dien gio']) {
      expect((await call(app, 'search.query', { text, entities: ['agreement'] })).hits.map((h) => h.id)).toEqual([agreement.id]);
    }
  });

  it('validates dates, choices and references and writes nothing when invalid', async () => {
    app = await setUpMission(openContext());
    const count = () => app.db.prepare('SELECT count(*) FROM changes').pluck().get();
    const before = count();
    const bad = await call(app, 'agreement.create', {
      title: 'X',
      kind: 'treaty' as never,
      signedDate: '2025-13-01',
      status: 'lost' as never,
      valueUsd: -5,
    }).catch((e) => e);
    expect(fieldsOf(bad)).toEqual({ kind: 'invalid_choice', signedDate: 'invalid_date', status: 'invalid_choice', valueUsd: 'not_negative_number' });
    const early = await call(app, 'agreement.create', { title: 'X', kind: 'mou', signedDate: '2025-05-01', nextReviewDate: '2025-04-01' }).catch((e) => e);
    expect(fieldsOf(early)).toEqual({ nextReviewDate: 'review_before_signed' });
    const missing = await call(app, 'agreement.create', {
      title: 'X',
      kind: 'mou',
      foreignOrgId: '01900000-0000-7000-8000-000000000000',
      activityId: '01900000-0000-7000-8000-000000000001',
    }).catch((e) => e);
    expect(fieldsOf(missing)).toEqual({ foreignOrgId: 'invalid_id', activityId: 'invalid_id' });
    expect(count()).toBe(before);
  });

  it('keeps a dated implementation log as its own records', async () => {
    app = await setUpMission(openContext());
    const a = await call(app, 'agreement.create', { title: 'Thỏa thuận hợp tác du lịch', kind: 'cooperation-agreement', signedDate: '2025-01-10' });
    const first = await call(app, 'agreement.addLog', { agreementId: a.id, entryDate: '2025-02-01', text: 'Họp nhóm công tác lần 1' });
    await call(app, 'agreement.addLog', { agreementId: a.id, entryDate: '2025-04-01', text: 'Khảo sát địa điểm' });
    expect((await call(app, 'agreement.get', { id: a.id })).log.map((e) => e.entryDate)).toEqual(['2025-04-01', '2025-02-01']);
    const logged = app.db.prepare(`SELECT entity, field FROM changes WHERE record_id = ? ORDER BY field`).all(first.id);
    expect(logged).toEqual([
      { entity: 'agreement-log', field: 'agreementId' },
      { entity: 'agreement-log', field: 'entryDate' },
      { entity: 'agreement-log', field: 'text' },
    ]);
    await call(app, 'agreement.deleteLog', { id: first.id });
    expect((await call(app, 'agreement.get', { id: a.id })).log).toHaveLength(1);
    const orphan = await call(app, 'agreement.addLog', { agreementId: '01900000-0000-7000-8000-000000000000', entryDate: '2025-02-01', text: 'x' }).catch(
      (e) => e,
    );
    expect(fieldsOf(orphan)).toEqual({ agreementId: 'invalid_id' });
  });

  it('filters by period of signing, status and province', async () => {
    app = await setUpMission(openContext());
    await call(app, 'agreement.create', { title: 'A', kind: 'mou', signedDate: '2025-03-01', provinceId: 'hue' });
    await call(app, 'agreement.create', { title: 'B', kind: 'contract', signedDate: '2025-08-01', status: 'implementing' });
    await call(app, 'agreement.create', { title: 'C', kind: 'commitment' });
    expect((await call(app, 'agreement.list', { filter: { period: '2025S1' } })).rows.map((r) => r.title)).toEqual(['A']);
    expect((await call(app, 'agreement.list', { filter: { statuses: ['implementing'] } })).rows.map((r) => r.title)).toEqual(['B']);
    expect((await call(app, 'agreement.list', { filter: { provinceId: 'hue' } })).rows.map((r) => r.title)).toEqual(['A']);
    expect((await call(app, 'agreement.list', {})).rows.map((r) => r.title)).toEqual(['B', 'A', 'C']);
  });
});

describe('follow-ups and the due view', () => {
  it('lists overdue and soon-due follow-ups with agreements whose review date came', async () => {
    app = await setUpMission(openContext());
    const org = await call(app, 'organisation.create', { name: 'KOTRA', kind: 'investment-agency', country: 'KR' });
    const late = await call(app, 'followup.create', { title: 'Gửi hồ sơ dự án', dueDate: '2025-06-01', owner: 'Hà', entity: 'organisation', recordId: org.id });
    const soon = await call(app, 'followup.create', { title: 'Gọi điện nhắc', dueDate: '2025-06-12' });
    await call(app, 'followup.create', { title: 'Xa', dueDate: '2025-09-01' });
    const review = await call(app, 'agreement.create', { title: 'MoU cần rà soát', kind: 'mou', signedDate: '2025-01-01', nextReviewDate: '2025-05-15' });
    await call(app, 'agreement.create', { title: 'Đã xong', kind: 'mou', signedDate: '2025-01-01', nextReviewDate: '2025-05-15', status: 'completed' });

    const due = await call(app, 'followup.due', { today: '2025-06-10', withinDays: 7 });
    expect(due.map((d) => [d.kind, d.id, d.overdue])).toEqual([
      ['agreement-review', review.id, true],
      ['followup', late.id, true],
      ['followup', soon.id, false],
    ]);
    expect(due[1]!.recordTitle).toBe('KOTRA');

    const done = await call(app, 'followup.setDone', { id: late.id, done: true });
    expect(done.doneAt).not.toBeNull();
    expect((await call(app, 'followup.due', { today: '2025-06-10', withinDays: 7 })).map((d) => d.id)).not.toContain(late.id);
    expect((await call(app, 'followup.list', { filter: { state: 'done' } })).rows.map((r) => r.id)).toEqual([late.id]);
    const changes = app.db.prepare(`SELECT field FROM changes WHERE record_id = ? ORDER BY seq DESC LIMIT 1`).pluck().all(late.id);
    expect(changes).toEqual(['doneAt']);
  });

  it('refuses a follow-up about a record that does not exist, or half a link', async () => {
    app = await setUpMission(openContext());
    const missing = await call(app, 'followup.create', {
      title: 'x',
      dueDate: '2025-01-01',
      entity: 'agreement',
      recordId: '01900000-0000-7000-8000-000000000000',
    }).catch((e) => e);
    expect(fieldsOf(missing)).toEqual({ recordId: 'invalid_id' });
    const half = await call(app, 'followup.create', { title: 'x', dueDate: '2025-01-01', entity: 'agreement' }).catch((e) => e);
    expect(fieldsOf(half)).toEqual({ recordId: 'required' });
  });
});

describe('records received through the exchange', () => {
  it('applies an agreement, its log entry and a follow-up, searchable and in the due view, without recording changes', async () => {
    app = await setUpMission(openContext());
    const count = () => app.db.prepare('SELECT count(*) FROM changes').pluck().get();
    const before = count();
    const meta = { now: '2026-01-01T00:00:00.000Z', author: 'Trần Văn C', deviceId: 'device-2', missionId: 'mission-2' };
    const agreementId = '01930000-0000-7000-8000-000000000001';
    app.agreements.applyRemote(agreementId, { title: 'Cam kết đầu tư Khánh Hòa', kind: 'commitment', nextReviewDate: '2025-02-01', valueUsd: 1000 }, meta);
    app.agreementLog.applyRemote('01930000-0000-7000-8000-000000000002', { agreementId, entryDate: '2025-01-15', text: 'Khảo sát' }, meta);
    app.followups.applyRemote(
      '01930000-0000-7000-8000-000000000003',
      { title: 'Nhắc tiến độ', dueDate: '2025-02-05', entity: 'agreement', recordId: agreementId },
      meta,
    );
    expect(count()).toBe(before);
    const detail = await call(app, 'agreement.get', { id: agreementId });
    expect(detail).toMatchObject({ status: 'signed', valueUsd: 1000, createdBy: 'Trần Văn C', log: [{ text: 'Khảo sát' }] });
    expect((await call(app, 'search.query', { text: 'khanh hoa' })).hits.map((h) => h.id)).toEqual([agreementId]);
    const due = await call(app, 'followup.due', { today: '2025-03-01', withinDays: 0 });
    expect(due.map((d) => [d.kind, d.recordTitle])).toEqual([
      ['agreement-review', 'Cam kết đầu tư Khánh Hòa'],
      ['followup', 'Cam kết đầu tư Khánh Hòa'],
    ]);
    // A later remote edit of one field keeps the others.
    app.agreements.applyRemote(agreementId, { status: 'completed' }, meta);
    expect((await call(app, 'agreement.get', { id: agreementId })).title).toBe('Cam kết đầu tư Khánh Hòa');
    expect((await call(app, 'followup.due', { today: '2025-03-01', withinDays: 0 })).map((d) => d.kind)).toEqual(['followup']);
  });

  it('keeps a follow-up done when its text is edited', async () => {
    app = await setUpMission(openContext());
    const f = await call(app, 'followup.create', { title: 'Gửi báo cáo', dueDate: '2025-01-01' });
    const done = await call(app, 'followup.setDone', { id: f.id, done: true });
    const edited = await call(app, 'followup.update', { id: f.id, values: { title: 'Gửi báo cáo quý', dueDate: '2025-01-01' } });
    expect(edited.doneAt).toBe(done.doneAt);
    expect((await call(app, 'followup.setDone', { id: f.id, done: false })).doneAt).toBeNull();
  });
});
