import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { AppError } from '../../shared/errors';
import { call, openContext, openEncryptedContext, setUpMission, TEST_PASSPHRASE } from '../support/context';

let app: AppContext;
afterEach(() => app?.close());

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: AppError) => e,
  );

describe('drafts (unsaved typing)', () => {
  it('keeps a draft per key until it is discarded', async () => {
    app = await setUpMission(openContext());
    expect(await call(app, 'draft.get', { key: 'activity:new' })).toBeNull();
    const value = { title: 'Gặp gỡ doanh nghiệp Đồng Tháp', notes: 'dòng 1\ndòng 2', dealValueUsd: 1500000 };
    await call(app, 'draft.save', { key: 'activity:new', value });
    await call(app, 'draft.save', { key: 'report:0190a5b2-0000-7000-8000-000000000001', value: { sections: { proposals: 'Kiến nghị' } } });
    expect((await call(app, 'draft.get', { key: 'activity:new' }))?.value).toEqual(value);
    await call(app, 'draft.discard', { key: 'activity:new' });
    expect(await call(app, 'draft.get', { key: 'activity:new' })).toBeNull();
    expect(await call(app, 'draft.get', { key: 'report:0190a5b2-0000-7000-8000-000000000001' })).not.toBeNull();
  });

  it('belongs to the user who typed it', async () => {
    app = await setUpMission(openContext());
    await call(app, 'draft.save', { key: 'activity:new', value: { title: 'của chị Hà' } });
    await call(app, 'app.updateUser', { name: 'Trần Văn Minh', role: 'head' });
    expect(await call(app, 'draft.get', { key: 'activity:new' })).toBeNull();
  });

  it('refuses odd keys and oversized drafts', async () => {
    app = await setUpMission(openContext());
    expect((await failure(call(app, 'draft.save', { key: '../etc', value: 1 })))?.code).toBe('VALIDATION');
    const error = await failure(call(app, 'draft.save', { key: 'activity:new', value: { notes: 'x'.repeat(1024 * 1024 + 1) } }));
    expect(error?.code).toBe('VALIDATION');
    expect(await call(app, 'draft.get', { key: 'activity:new' })).toBeNull();
  });

  it('is unreadable while locked and never written in plain text', async () => {
    const phrase = 'Nội dung nháp bí mật 8472';
    app = await setUpMission(await openEncryptedContext());
    await call(app, 'draft.save', { key: 'activity:new', value: { title: phrase } });
    await call(app, 'security.lock', {});
    expect((await failure(call(app, 'draft.get', { key: 'activity:new' })))?.code).toBe('LOCKED');
    const files = fs.readdirSync(app.options.dataDir).filter((f) => f.startsWith('cau-noi.db'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(fs.readFileSync(path.join(app.options.dataDir, file)).includes(Buffer.from('Nội dung nháp'))).toBe(false);
    await call(app, 'security.unlock', { passphrase: TEST_PASSPHRASE });
    expect((await call(app, 'draft.get', { key: 'activity:new' }))?.value).toEqual({ title: phrase });
  });
});

describe('text as typed', () => {
  it('keeps line breaks in multi-line fields and stores NFC whatever arrives', async () => {
    app = await setUpMission(openContext());
    const created = await call(app, 'activity.create', {
      title: '  Hội nghị   xúc tiến\nđầu tư Khánh Hoà  '.normalize('NFD'),
      kind: 'investment-promotion',
      startDate: '2025-03-15',
      outcomes: '\r\n  Ký 3 thỏa thuận.\r\n\r\n  Hai doanh nghiệp   Đồng Tháp tham gia.  \n',
      notes: 'Ghi chú 1\nGhi chú 2'.normalize('NFD'),
    });
    expect(created.title).toBe('Hội nghị xúc tiến đầu tư Khánh Hoà'.normalize('NFC'));
    expect(created.outcomes).toBe('Ký 3 thỏa thuận.\n\n  Hai doanh nghiệp   Đồng Tháp tham gia.');
    expect(created.notes).toBe('Ghi chú 1\nGhi chú 2'.normalize('NFC'));
    expect(created.notes.normalize('NFC')).toBe(created.notes);
  });
});
