/**
 * Recovery (issue 12): a restored device continues its chain and sends again what the receiver
 * lacks; a lost batch is written again on request; batches stay in the outbox until acknowledged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { chainPath } from '../../electron/services/exchange/chain';
import { runCliCaptured } from '../support/cli';
import { call, tempDir } from '../support/context';
import { activity, activitySnapshot, deviceOpener, receive, recipientOf } from '../support/exchange';
import { EMBASSY_INIT, MINISTRY_INIT } from '../support/ministry';

const open = deviceOpener();

async function exportTo(from: AppContext, to: AppContext) {
  return call(from, 'exchange.export', { recipients: [await recipientOf(to)], out: `${tempDir('caunoi-batch-')}/` });
}

/** A backup of `app` now, copied aside (the retention policy keeps one a day in the folder). */
async function backupAside(app: AppContext): Promise<string> {
  const made = await call(app, 'backup.create', {});
  const aside = path.join(tempDir('caunoi-aside-'), made.file);
  fs.copyFileSync(path.join(app.options.dataDir, 'backups', made.file), aside);
  return aside;
}

async function restore(app: AppContext, file: string): Promise<void> {
  const name = `cau-noi-${new Date().toISOString().replace(/[-:.]/g, '')}-imported.db`;
  fs.copyFileSync(file, path.join(app.options.dataDir, 'backups', name));
  await call(app, 'backup.restore', { file: name });
}

const hqView = (hq: AppContext) => activitySnapshot(hq);

describe('after a restore', () => {
  it('batches 1–2 sent, a backup taken after 1 restored: the next batch is accepted at HQ and the data is equal', async () => {
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    await call(head, 'activity.create', activity('Hội chợ Osaka'));
    const first = await exportTo(head, hq);
    expect((await receive(hq, first.path)).map((r) => r.status)).toEqual(['applied']);
    const backup = await backupAside(head);
    await call(head, 'activity.create', activity('Tọa đàm đầu tư', { dealValueUsd: 250_000 }));
    const second = await exportTo(head, hq);
    expect((await receive(hq, second.path)).map((r) => r.status)).toEqual(['applied']);

    await restore(head, backup);
    // The activity written after the backup came back from the outbox copy of batch 2.
    expect(activitySnapshot(head)).toEqual(hqView(hq));
    await call(head, 'activity.create', activity('Đoàn doanh nghiệp Kyushu'));
    const third = await exportTo(head, hq);
    expect(third.sequence).toBe(3);
    expect(third.stream).toBe(second.stream);
    const reports = await receive(hq, third.path);
    expect(reports.map((r) => [r.status, r.error?.code])).toEqual([['applied', undefined]]);
    expect(hqView(hq)).toEqual(activitySnapshot(head));
    const atHq = (await call(hq, 'hq.figures', { period: '2025S1' })).byMission.find((m) => m.code === 'DSQ-JP')!.key;
    const atMission = (await call(head, 'figures.compute', { period: '2025S1' })).key;
    expect(Object.fromEntries(Object.entries(atHq).map(([k, f]) => [k, f.value]))).toEqual(
      Object.fromEntries(Object.entries(atMission).map(([k, f]) => [k, f.value])),
    );
    expect(Object.values(atMission).reduce((sum, f) => sum + f.value, 0)).toBeGreaterThan(0);
  });

  it('never issues a clock value lower than one it already sent', async () => {
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const backup = await backupAside(head);
    await call(head, 'activity.create', activity('Hội chợ Osaka'));
    await exportTo(head, hq);
    const sent = head.writer.clock.current();
    // As if the computer's clock had gone back: the restored database's own clock is older.
    await restore(head, backup);
    expect(head.writer.clock.current() >= sent).toBe(true);
    const { id } = await call(head, 'activity.create', activity('Tọa đàm'));
    const hlc = head.db.prepare(`SELECT max(hlc) FROM changes WHERE record_id = ?`).pluck().get(id) as string;
    expect(hlc > sent).toBe(true);
  });

  it('with its chain position lost too, the device opens a new stream that HQ accepts from the trusted device', async () => {
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    await call(head, 'activity.create', activity('Hội chợ Osaka'));
    await receive(hq, (await exportTo(head, hq)).path);
    const backup = await backupAside(head);
    await receive(hq, (await exportTo(head, hq)).path);
    await restore(head, backup);
    fs.rmSync(chainPath(head));
    await call(head, 'activity.create', activity('Tọa đàm'));
    const next = await exportTo(head, hq);
    expect(next.sequence).toBe(1);
    const [report] = await call(hq, 'exchange.import', { files: [{ path: next.path }] });
    expect(report!.status).toBe('applied');
    expect(hqView(hq)).toEqual(activitySnapshot(head));
  });
  it('a device that sent batches before its chain file existed continues its stream on its first export after the upgrade', async () => {
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    await call(head, 'activity.create', activity('Hội chợ Osaka'));
    const first = await exportTo(head, hq);
    await receive(hq, first.path);
    // As an older version left it: a batch sent, no chain file, nor the mark that one was kept.
    fs.rmSync(chainPath(head));
    head.settings.delete('exchange.chainKept');
    await call(head, 'activity.create', activity('Tọa đàm'));
    const second = await exportTo(head, hq);
    expect({ stream: second.stream, sequence: second.sequence }).toEqual({ stream: first.stream, sequence: 2 });
    const [report] = await call(hq, 'exchange.import', { files: [{ path: second.path }] });
    expect(report!.status).toBe('applied');
    // The chain file is kept from now on: a lost one opens a new stream again.
    fs.rmSync(chainPath(head));
    await call(head, 'activity.create', activity('Gặp gỡ doanh nghiệp'));
    const third = await exportTo(head, hq);
    expect(third.sequence).toBe(1);
    expect(third.stream).not.toBe(first.stream);
    await call(hq, 'exchange.import', { files: [{ path: third.path }] });
    expect(hqView(hq)).toEqual(activitySnapshot(head));
  });
});

describe('resend and acknowledgements', () => {
  it('a lost batch is written again with --resend: the held batches are released', async () => {
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    await call(head, 'activity.create', activity('Hội chợ Osaka'));
    await receive(hq, (await exportTo(head, hq)).path);
    await call(head, 'activity.create', activity('Tọa đàm'));
    const lost = await exportTo(head, hq);
    fs.rmSync(lost.path);
    await call(head, 'activity.create', activity('Đoàn doanh nghiệp'));
    const third = await exportTo(head, hq);
    expect((await receive(hq, third.path)).map((r) => r.status)).toEqual(['held']);

    const [missing] = await call(hq, 'exchange.missing', {});
    expect(missing).toEqual({ missionCode: 'DSQ-JP', deviceId: head.deviceId, stream: lost.stream, missing: [2] });
    const out = tempDir('caunoi-resend-');
    const resent = await call(head, 'exchange.resend', { recipients: [await recipientOf(hq)], sequences: missing!.missing, stream: missing!.stream, out });
    expect(resent.map((r) => [r.sequence, r.sha256, r.fileName])).toEqual([[2, lost.sha256, lost.fileName]]);
    const reports = await receive(hq, resent[0]!.path);
    expect(reports.map((r) => [r.status, r.batch?.sequence])).toEqual([
      ['applied', 2],
      ['applied', 3],
    ]);
    expect(await call(hq, 'exchange.missing', {})).toEqual([]);
    expect(hqView(hq)).toEqual(activitySnapshot(head));
  });

  it('with --out a copy stays in the outbox until the receiver acknowledges it', async () => {
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    await call(head, 'activity.create', activity('Hội chợ Osaka'));
    const first = await exportTo(head, hq);
    const outboxFiles = () => fs.readdirSync(path.join(head.options.dataDir, 'outbox'));
    expect(outboxFiles()).toEqual([first.fileName]);
    await receive(hq, first.path);
    await call(head, 'activity.create', activity('Tọa đàm'));
    const second = await exportTo(head, hq);
    expect(outboxFiles().sort()).toEqual([first.fileName, second.fileName].sort());
    expect((await call(head, 'exchange.outbox', {}))[0]).toMatchObject({ sent: 2, acknowledged: 0, waiting: 2 });

    const ackFile = path.join(tempDir('caunoi-ack-'), 'hq.ack.json');
    fs.writeFileSync(ackFile, (await call(hq, 'exchange.ack', {})).text);
    expect(await call(head, 'exchange.ackImport', { file: { path: ackFile } })).toEqual({
      acknowledged: 1,
      batches: [{ stream: first.stream, sequences: [1] }],
      removedFiles: 0,
      keptFiles: 1,
    });
    // Kept until a backup newer than the acknowledgement exists (a restore of an older one reads it back).
    expect(outboxFiles().sort()).toEqual([first.fileName, second.fileName].sort());
    await call(head, 'backup.create', {});
    expect(outboxFiles()).toEqual([second.fileName]);
    const [view] = await call(head, 'exchange.outbox', {});
    expect(view).toMatchObject({ sent: 2, acknowledged: 1, waiting: 1 });
    expect(view!.batches.map((b) => [b.sequence, b.acknowledgedAt !== null, b.resendable])).toEqual([
      [2, false, true],
      [1, true, false],
    ]);
    await expect(call(head, 'exchange.resend', { recipients: [await recipientOf(hq)], sequences: [1], out: tempDir() })).rejects.toMatchObject({
      code: 'EXCHANGE_RESEND_GONE',
    });
  });

  it('export, acknowledgement, then a backup older than both restored: the mission gets its changes back from the kept copy', async () => {
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    await call(head, 'activity.create', activity('Hội chợ Osaka'));
    const backup = await backupAside(head);
    await call(head, 'activity.create', activity('Tọa đàm đầu tư', { dealValueUsd: 250_000 }));
    const first = await exportTo(head, hq);
    expect((await receive(hq, first.path)).map((r) => r.status)).toEqual(['applied']);
    const ackFile = path.join(tempDir('caunoi-ack-'), 'hq.ack.json');
    fs.writeFileSync(ackFile, (await call(hq, 'exchange.ack', {})).text);
    expect(await call(head, 'exchange.ackImport', { file: { path: ackFile } })).toMatchObject({ acknowledged: 1, keptFiles: 1 });

    await restore(head, backup);
    expect(activitySnapshot(head)).toEqual(hqView(hq));
    // The chain goes on at HQ, and the kept copy goes once a backup knows it.
    await call(head, 'activity.create', activity('Đoàn doanh nghiệp Kyushu'));
    const second = await exportTo(head, hq);
    expect([second.sequence, second.stream]).toEqual([2, first.stream]);
    expect((await receive(hq, second.path)).map((r) => r.status)).toEqual(['applied']);
    expect(hqView(hq)).toEqual(activitySnapshot(head));
    expect(fs.existsSync(path.join(head.options.dataDir, 'outbox', first.fileName))).toBe(false);
  });

  it('an altered acknowledgement changes nothing; each sender takes only its own batches from one', async () => {
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const other = await open('Trần Văn An', { role: 'head', code: 'DSQ-FR' });
    await call(head, 'activity.create', activity('Hội chợ Osaka'));
    await receive(hq, (await exportTo(head, hq)).path);
    await call(other, 'activity.create', activity('Salon'));
    await receive(hq, (await exportTo(other, hq)).path);
    const text = (await call(hq, 'exchange.ack', {})).text;
    const dir = tempDir('caunoi-ack-');
    const altered = JSON.parse(text) as { streams: { sequence: number }[] };
    altered.streams[0]!.sequence = 5;
    fs.writeFileSync(path.join(dir, 'altered.ack.json'), JSON.stringify(altered));
    await expect(call(head, 'exchange.ackImport', { file: { path: path.join(dir, 'altered.ack.json') } })).rejects.toMatchObject({ code: 'ACK_INVALID' });
    // The same acknowledgement read by another mission's device: only its own batch leaves its outbox.
    fs.writeFileSync(path.join(dir, 'hq.ack.json'), text);
    expect(await call(other, 'exchange.ackImport', { file: { path: path.join(dir, 'hq.ack.json') } })).toMatchObject({ acknowledged: 1, keptFiles: 1 });
    expect((await call(head, 'exchange.outbox', {}))[0]).toMatchObject({ waiting: 1 });
  });
});

describe('cau-noi batch missing, export --resend, ack', () => {
  it('HQ lists what it lacks, the mission writes it again, HQ acknowledges and the outbox empties', async () => {
    const cli = (args: string[]) => runCliCaptured(args);
    const json = async (args: string[]) => {
      const run = await cli(args);
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout) as unknown;
    };
    const [head, hq, bag] = [tempDir(), tempDir(), tempDir()];
    const mission = [...EMBASSY_INIT];
    await cli(['--data-dir', head, 'init', ...mission, '--role', 'head']);
    await cli(['--data-dir', hq, 'init', ...MINISTRY_INIT]);
    const { recipient } = (await json(['--data-dir', hq, 'hq', 'keygen', '--json'])) as { recipient: string };
    const files: string[] = [];
    for (const title of ['Hội chợ VivaTech', 'Tọa đàm đầu tư', 'Đoàn doanh nghiệp Lyon']) {
      const input = path.join(bag, 'a.json');
      fs.writeFileSync(input, JSON.stringify({ title, kind: 'trade-promotion', startDate: '2025-06-11' }));
      await cli(['--data-dir', head, 'activity', 'add', '--json', input]);
      files.push(((await json(['--data-dir', head, 'batch', 'export', '--out', `${bag}/`, '--to', recipient, '--json'])) as { path: string }).path);
    }
    await cli(['--data-dir', hq, 'hq', 'trust', files[0]!]);
    expect((await cli(['--data-dir', hq, 'batch', 'import', files[0]!, files[2]!])).code).toBe(0);
    const missing = (await json(['--data-dir', hq, 'batch', 'missing', '--json'])) as { missionCode: string; stream: string; missing: number[] }[];
    expect(missing).toMatchObject([{ missionCode: 'DSQ-FR', missing: [2] }]);
    expect((await cli(['--data-dir', hq, 'batch', 'missing'])).stdout).toContain(`missing 2`);

    const again = tempDir('caunoi-resend-');
    const resent = (await json(['--data-dir', head, 'batch', 'export', '--resend', '2', '--stream', missing[0]!.stream, '--out', again, '--json'])) as {
      path: string;
    }[];
    expect(resent.map((r) => path.basename(r.path))).toEqual([path.basename(files[1]!)]);
    const imported = (await json(['--data-dir', hq, 'batch', 'import', resent[0]!.path, '--json'])) as { status: string }[];
    expect(imported.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(await json(['--data-dir', hq, 'batch', 'missing', '--json'])).toEqual([]);

    const ack = path.join(bag, 'bng.ack.json');
    expect(await json(['--data-dir', hq, 'batch', 'ack', '--out', ack, '--json'])).toEqual({ path: ack, streams: 1 });
    expect(fs.readdirSync(path.join(head, 'outbox'))).toHaveLength(3);
    const read = await cli(['--data-dir', head, 'batch', 'import', ack]);
    expect(read.stdout).toContain('3 batches acknowledged, 0 outbox files removed, 3 kept until a newer backup');
    expect(fs.readdirSync(path.join(head, 'outbox'))).toHaveLength(3);
    expect((await cli(['--data-dir', head, 'backup'])).code).toBe(0);
    expect(fs.readdirSync(path.join(head, 'outbox'))).toEqual([]);
    expect((await cli(['--data-dir', head, 'batch', 'export', '--resend', '1', '--out', again])).stderr).toContain('EXCHANGE_RESEND_GONE');
  });
});
