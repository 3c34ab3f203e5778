/** Search ranking without bm25 (kept cheap for the benchmark): title matches first, then newest first. */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { call, openContext, setUpMission } from '../support/context';

let app: AppContext;
afterEach(() => app?.close());

describe('search ranking', () => {
  it('puts title matches before other matches, and newer records first within each', async () => {
    app = await setUpMission(openContext());
    const create = (title: string, notes = '') => call(app, 'activity.create', { title, notes, kind: 'trade-promotion', startDate: '2025-03-01' });
    const olderTitle = await create('Hội chợ thực phẩm Tokyo');
    const bodyOnly = await create('Làm việc với nhà nhập khẩu', 'Chuẩn bị cho hội chợ tháng sau');
    const newerTitle = await create('Hội chợ du lịch Osaka');
    await create('Không liên quan');
    const ids = async (text: string, limit?: number) => (await call(app, 'search.query', { text, limit })).hits.map((h) => h.id);
    expect(await ids('hoi cho')).toEqual([newerTitle.id, olderTitle.id, bodyOnly.id]);
    expect(await ids('hoi cho', 2)).toEqual([newerTitle.id, olderTitle.id]);
    // A word found in the title and another only in the body is still a match, after title matches.
    expect(await ids('hoi thang')).toEqual([bodyOnly.id]);
  });

  it('follows a title changed or a record deleted: title matches are those of the titles as they are', async () => {
    app = await setUpMission(openContext());
    const create = (title: string, notes = '') => call(app, 'activity.create', { title, notes, kind: 'trade-promotion', startDate: '2025-03-01' });
    const fair = await create('Hội chợ thực phẩm Tokyo');
    const visit = await create('Làm việc với nhà nhập khẩu', 'Chuẩn bị cho hội chợ tháng sau');
    const renamed = await create('Hội chợ du lịch Osaka');
    const ids = async (text: string) => (await call(app, 'search.query', { text })).hits.map((h) => h.id);
    await call(app, 'activity.update', {
      id: renamed.id,
      values: { title: 'Du lịch Osaka', notes: 'Sau hội chợ', kind: 'trade-promotion', startDate: '2025-03-01' },
    });
    expect(await ids('hoi cho')).toEqual([fair.id, renamed.id, visit.id]);
    expect(await ids('du lich osaka')).toEqual([renamed.id]);
    await call(app, 'activity.delete', { id: fair.id });
    expect(await ids('hoi cho')).toEqual([renamed.id, visit.id]);
    await call(app, 'activity.restore', { id: fair.id });
    expect(await ids('hoi cho')).toEqual([fair.id, renamed.id, visit.id]);
    // The newest document deleted, the next record takes its rowid: none of the old title stays with it.
    await call(app, 'activity.delete', { id: (await create('Hội chợ cuối năm')).id });
    const plain = await create('Gặp gỡ doanh nghiệp', 'Hẹn gặp lại ở hội chợ');
    expect(await ids('hoi cho')).toEqual([fair.id, plain.id, renamed.id, visit.id]);
  });
});
