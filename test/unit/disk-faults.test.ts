/**
 * A full disk and a read-only data folder: writes fail with a clear, typed message, nothing
 * is half-written, and the database stays usable once space or permission is back.
 * The faults are made inside SQLite so the test runs anywhere without root: max_page_count
 * makes SQLite answer SQLITE_FULL exactly as a full disk does, and query_only makes it
 * answer SQLITE_READONLY as a read-only file or folder does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { dispatch } from '../../electron/ipc/dispatch';
import { EMPTY_ACTIVITY } from '../../shared/domain/activity';
import { translate } from '../../shared/i18n';
import { call, openEncryptedContext, setUpMission } from '../support/context';

let app: AppContext;
afterEach(() => app?.close());

const big = (i: number) => ({ title: `Hoạt động ${i}`, kind: 'trade-promotion' as const, startDate: '2025-06-01', outcomes: 'Kết quả chi tiết. '.repeat(300) });
const count = () => app.db.prepare(`SELECT count(*) FROM activities`).pluck().get() as number;
const changes = () => app.db.prepare(`SELECT count(*) FROM changes`).pluck().get() as number;

describe('disk faults', () => {
  it('a full disk: the write is refused whole with DISK_FULL, and the data stays usable', async () => {
    app = await setUpMission(await openEncryptedContext());
    await call(app, 'activity.create', big(0));
    const pages = app.db.pragma('page_count', { simple: true }) as number;
    app.db.pragma(`max_page_count = ${pages + 3}`);
    let failure = null;
    let i = 1;
    while (!failure && i < 200) {
      const before = [count(), changes()];
      const result = await dispatch(app, 'activity.create', big(i++));
      if (!result.ok) {
        failure = result.error;
        expect([count(), changes()]).toEqual(before);
      }
    }
    expect(failure?.code).toBe('DISK_FULL');
    expect(failure?.message).toMatch(/disk is full/i);
    expect(translate('vi', 'errors.DISK_FULL')).toMatch(/Ổ đĩa đã đầy/);
    // A batch that does not fit is not written in part.
    const before = count();
    expect(() => app.activities.createMany([900, 901, 902].map((i) => ({ ...EMPTY_ACTIVITY, ...big(i) })))).toThrow();
    expect(count()).toBe(before);
    // Still readable, and writable again once there is room.
    expect((await call(app, 'activity.list', {})).total).toBe(before);
    app.db.pragma('max_page_count = 1073741823');
    await call(app, 'activity.create', big(999));
    expect(count()).toBe(before + 1);
    expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('a read-only folder: writes are refused with READ_ONLY, reads go on', async () => {
    app = await setUpMission(await openEncryptedContext());
    const kept = await call(app, 'activity.create', big(1));
    app.db.pragma('query_only = ON');
    const result = await dispatch(app, 'activity.update', { id: kept.id, values: { ...big(1), title: 'Đổi tên' } });
    expect(result.ok ? 'ok' : result.error.code).toBe('READ_ONLY');
    expect(result.ok ? '' : result.error.message).toMatch(/read-only/);
    expect(translate('vi', 'errors.READ_ONLY')).toMatch(/chỉ cho phép đọc/);
    expect((await call(app, 'activity.get', { id: kept.id })).title).toBe('Hoạt động 1');
    app.db.pragma('query_only = OFF');
    expect((await call(app, 'activity.update', { id: kept.id, values: { ...big(1), title: 'Đổi tên' } })).title).toBe('Đổi tên');
  });
});
