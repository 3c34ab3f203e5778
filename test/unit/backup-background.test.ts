/**
 * The day's backup runs in a worker with its own connection: writes and imports on the main
 * connection go on while a large database is copied, and the copy is a sound, encrypted backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { applyKey } from '../../electron/db/open';
import { backupBeforeRisk, backupDir, backupInBackground, listBackups } from '../../electron/services/backup';
import { call, openEncryptedContext, setUpMission } from '../support/context';
import { activity, device, recipientOf } from '../support/exchange';

const opened: AppContext[] = [];
afterEach(() => opened.splice(0).forEach((a) => a.close()));

/** Pads the database to about `mb` megabytes (a large HQ) so that a copy takes a while. */
function pad(app: AppContext, mb: number): void {
  app.db.exec(`CREATE TABLE IF NOT EXISTS padding (x BLOB) STRICT`);
  const insert = app.db.prepare(`INSERT INTO padding (x) VALUES (randomblob(?))`);
  app.db.transaction(() => {
    for (let i = 0; i < mb * 16; i++) insert.run(64 * 1024);
  })();
}

describe('backups off the main connection', () => {
  it('a write and an import complete while the backup worker copies the database', async () => {
    const hq = await setUpMission(await openEncryptedContext(), 'head');
    opened.push(hq);
    const staff = await device('Trần Văn An');
    opened.push(staff);
    await call(staff, 'activity.create', activity('Hội chợ Osaka'));
    const batch = await call(staff, 'exchange.export', { recipients: [await recipientOf(hq)] });
    await call(hq, 'exchange.trust', { file: { path: batch.path } });
    pad(hq, 48);
    await call(hq, 'activity.create', activity('Hội thảo trước sao lưu'));

    const events: string[] = [];
    const job = backupInBackground(hq, 'scheduled');
    const done = job.done.then((b) => (events.push('backup done'), b));
    await call(hq, 'activity.create', activity('Tọa đàm đầu tư'));
    events.push('write done');
    // The import's own backup of the day joins the running one instead of starting another.
    expect(backupBeforeRisk(hq, 'before-import')).toBeNull();
    const [report] = await call(hq, 'exchange.import', { files: [{ path: batch.path }] });
    expect(report!.status).toBe('applied');
    events.push('import done');
    const made = await done;
    expect(events).toEqual(['write done', 'import done', 'backup done']);

    // The copy is encrypted with the same key and sound, with what was committed before it was asked for
    // (what was written meanwhile may or may not be in it: the worker's snapshot begins when its copy does).
    expect(listBackups(hq.options.dataDir).map((b) => [b.file, b.encrypted])).toEqual([[made.file, true]]);
    expect(fs.readdirSync(backupDir(hq.options.dataDir)).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const copy = new Database(path.join(backupDir(hq.options.dataDir), made.file), { readonly: true });
    applyKey(copy, hq.key!);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare(`SELECT title FROM activities ORDER BY title`).pluck().all()).toContain('Hội thảo trước sao lưu');
    copy.close();
  });
});
