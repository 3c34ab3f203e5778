/**
 * Who may change what, and what a trusted device may send: a mission's records only by its own
 * devices, HQ's only by HQ, a staff member's lines verifiable at HQ through the head, and every
 * line checked with the forms' schemas. Each refusal is whole, named, recorded, and changes nothing.
 */
import fs from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/context';
import { ageDecrypt, ageEncrypt, deviceKeys, sha256, signBytes } from '../../electron/services/exchange/crypto';
import { canonicalJson, packContainer, parseManifest, signedLineBytes, unpackContainer } from '../../electron/services/exchange/format';
import type { WriteContext } from '../../electron/store/writer';
import { ACTIVITY_FIELD_NAMES } from '../../shared/domain/activity';
import type { Entity } from '../../shared/domain/enums';
import { translate } from '../../shared/i18n';
import { call } from '../support/context';
import { activity, activitySnapshot, deviceOpener, receive, recipientOf, rewound, send, writeBatch } from '../support/exchange';

const open = deviceOpener();

/** What an import may not touch when it refuses a batch. */
function state(app: AppContext) {
  return {
    activities: activitySnapshot(app),
    dealValues: app.db.prepare(`SELECT id, deal_value_usd FROM activities ORDER BY id`).all(),
    missions: app.db.prepare(`SELECT id, code, city FROM missions ORDER BY id`).all(),
    changes: app.db.prepare(`SELECT count(*) FROM changes`).pluck().get(),
    certificates: app.db.prepare(`SELECT count(*) FROM device_certificates`).pluck().get(),
  };
}

/** A copy of records as `from` holds them, put in `to`'s tables (a stolen laptop given them by hand). */
function copyActivities(from: AppContext, to: AppContext, ids: readonly string[]): void {
  for (const id of ids) {
    const record = from.activities.get(id);
    const values = Object.fromEntries(ACTIVITY_FIELD_NAMES.map((f) => [f, record[f]]));
    to.activities.applyRemote(id, values, { now: record.updatedAt, author: record.updatedBy, deviceId: record.deviceId, missionId: to.requireMissionId() });
  }
}

describe('exchange authority', () => {
  it('a stolen head laptop of another mission cannot edit or delete the embassy’s records at HQ', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const jpStaff = await open('Trần Văn An');
    const jpHead = await open('Nguyễn Thu Hà', { role: 'head' });
    const frHead = await open('Lê Minh', { role: 'head', code: 'DSQ-FR' });
    const a = await call(jpStaff, 'activity.create', activity('Hội chợ Foodex', { dealValueUsd: 1_200_000 }));
    const b = await call(jpHead, 'activity.create', activity('Tọa đàm đầu tư', { dealValueUsd: 500_000 }));
    expect((await send(jpStaff, jpHead))[0]!.status).toBe('applied');
    expect((await send(jpHead, hq))[0]!.status).toBe('applied');
    // The staff's lines reached HQ through the head, signed by the staff laptop, its key certified by the head.
    const staffKey = (await call(jpStaff, 'exchange.identity', {})).publicKey;
    expect(hq.db.prepare(`SELECT public_key, mission_code, certified_by FROM device_certificates WHERE device_id = ?`).get(jpStaff.deviceId)).toEqual({
      public_key: staffKey,
      mission_code: 'DSQ-JP',
      certified_by: jpHead.deviceId,
    });
    expect(hq.db.prepare(`SELECT count(*) FROM changes WHERE device_id = ? AND sig IS NULL`).pluck().get(jpStaff.deviceId)).toBe(0);
    await call(frHead, 'activity.create', activity('VivaTech'));
    expect((await send(frHead, hq))[0]!.status).toBe('applied');
    const figures = async () =>
      JSON.stringify(await call(hq, 'hq.figures', { period: '2025S1' }), (key, value: unknown) => (key === 'computedAt' ? undefined : value));
    const figuresBefore = await figures();
    const before = state(hq);

    // The copy holds the embassy's records as HQ has them: lines, signatures and the keys of their authors.
    copyActivities(hq, frHead, [a.id, b.id]);
    const copy = frHead.db.prepare(
      `INSERT INTO changes (hlc, device_id, author, entity, record_id, field, value, origin, base, sig) VALUES (?, ?, ?, ?, ?, ?, ?, 'remote', ?, ?)`,
    );
    for (const c of hq.db.prepare(`SELECT * FROM changes WHERE record_id IN (?, ?) ORDER BY seq`).all(a.id, b.id) as Record<string, string>[]) {
      copy.run(c.hlc, c.device_id, c.author, c.entity, c.record_id, c.field, c.value, c.base, c.sig);
    }
    for (const id of [jpStaff.deviceId, jpHead.deviceId]) {
      const key = hq.db
        .prepare(`SELECT public_key FROM devices WHERE device_id = ? UNION SELECT public_key FROM device_certificates WHERE device_id = ?`)
        .pluck()
        .get(id, id) as string;
      frHead.db.prepare(`INSERT INTO device_certificates VALUES (?, ?, 'DSQ-FR', ?, '2025-07-01T00:00:00.000Z')`).run(id, key, frHead.deviceId);
    }
    await call(frHead, 'activity.update', { id: a.id, values: activity('Hội chợ Foodex', { dealValueUsd: 999_000_000 }) });
    await call(frHead, 'activity.delete', { id: b.id });
    await call(frHead, 'activity.create', activity('Hoạt động của Pháp'));

    // Relaying the embassy's own lines as if its devices were the consulate's: refused at the first of them.
    const [relayed] = await rewound(frHead, async () => receive(hq, await writeBatch(frHead, hq)));
    expect(relayed!.status).toBe('refused');
    expect(relayed!.error).toMatchObject({ code: 'BATCH_NOT_AUTHORISED', params: { mission: 'DSQ-FR', owner: 'DSQ-JP' } });
    expect([jpStaff.deviceId, jpHead.deviceId]).toContain(relayed!.error!.params!.device);
    expect(state(hq)).toEqual(before);

    // Only its own edits of the embassy's records: refused, naming the device, the mission and the record.
    frHead.db.prepare(`DELETE FROM changes WHERE origin = 'remote'`).run();
    const [edited] = await receive(hq, await writeBatch(frHead, hq));
    expect(edited!.status).toBe('refused');
    expect(edited!.error).toMatchObject({
      code: 'BATCH_NOT_AUTHORISED',
      params: { device: frHead.deviceId, mission: 'DSQ-FR', owner: 'DSQ-JP', entity: 'activity', record: a.id, line: 1 },
    });
    expect(edited!.error!.message).toContain(a.id);
    const shown = translate('vi', 'errors.BATCH_NOT_AUTHORISED', edited!.error!.params);
    for (const part of [frHead.deviceId, 'DSQ-FR', 'DSQ-JP', a.id, 'Dòng 1', 'không được sửa']) expect(shown).toContain(part);
    // Nothing of the batch, not even the consulate's own new activity; the figures are those of before.
    expect(state(hq)).toEqual(before);
    expect(await figures()).toBe(figuresBefore);
    expect(
      hq.db.prepare(`SELECT reason FROM batches_received WHERE device_id = ? AND status = 'refused' ORDER BY received_at`).pluck().all(frHead.deviceId),
    ).toEqual(['BATCH_NOT_AUTHORISED', 'BATCH_NOT_AUTHORISED']);
    expect(frHead.db.prepare(`SELECT deal_value_usd FROM activities WHERE id = ?`).pluck().get(a.id)).toBe(999_000_000);
  });

  it('HQ verifies a staff member’s lines itself: a head that alters, invents or re-keys them is refused', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const a = await call(staff, 'activity.create', activity('Hội chợ Foodex', { dealValueUsd: 1_000 }));
    await send(staff, head);
    expect((await send(head, hq))[0]!.status).toBe('applied');
    await call(staff, 'activity.update', { id: a.id, values: activity('Hội chợ Foodex Japan', { dealValueUsd: 2_000 }) });
    expect((await send(staff, head))[0]!.status).toBe('applied');
    const before = state(hq);
    const refusal = async (tamper: () => void) =>
      rewound(head, async () => {
        const restore = head.db.prepare(`SELECT seq, value, sig FROM changes`).all() as { seq: number; value: string; sig: string | null }[];
        const keys = head.db.prepare(`SELECT device_id, public_key FROM devices`).all() as { device_id: string; public_key: string }[];
        tamper();
        try {
          return (await receive(hq, await writeBatch(head, hq)))[0]!;
        } finally {
          const put = head.db.prepare(`UPDATE changes SET value = ?, sig = ? WHERE seq = ?`);
          for (const r of restore) put.run(r.value, r.sig, r.seq);
          for (const k of keys) head.db.prepare(`UPDATE devices SET public_key = ? WHERE device_id = ?`).run(k.public_key, k.device_id);
        }
      });
    const staffLine = head.db
      .prepare(`SELECT seq FROM changes WHERE device_id = ? AND field = 'dealValueUsd' ORDER BY seq DESC LIMIT 1`)
      .pluck()
      .get(staff.deviceId) as number;
    const invented = {
      hlc: `1751701234567-0000-${staff.deviceId}`,
      device: staff.deviceId,
      author: 'Trần Văn An',
      entity: 'activity' as const,
      record: a.id,
      field: 'dealValueUsd',
      value: 999_000_000,
      base: null,
    };
    const invent = (sig: string | null) =>
      head.db
        .prepare(
          `INSERT INTO changes (hlc, device_id, author, entity, record_id, field, value, origin, base, sig) VALUES (?, ?, ?, ?, ?, ?, ?, 'remote', NULL, ?)`,
        )
        .run(invented.hlc, invented.device, invented.author, invented.entity, invented.record, invented.field, JSON.stringify(invented.value), sig);
    const headKeys = await deviceKeys(head.db, head.deviceId);

    const altered = await refusal(() => head.db.prepare(`UPDATE changes SET value = '999000000' WHERE seq = ?`).run(staffLine));
    const unsigned = await refusal(() => invent(null));
    const signedByHead = await refusal(() => invent(signBytes(headKeys.privateKey, signedLineBytes(invented))));
    // The head certifies its own key as the staff laptop's: HQ already knows that laptop's key.
    const rekeyed = await refusal(() => {
      head.db.prepare(`UPDATE devices SET public_key = ? WHERE device_id = ?`).run(headKeys.publicKey, staff.deviceId);
      invent(signBytes(headKeys.privateKey, signedLineBytes(invented)));
    });
    for (const report of [altered, unsigned, signedByHead, rekeyed]) {
      expect(report.status).toBe('refused');
      expect(report.error).toMatchObject({ code: 'BATCH_AUTHOR_UNVERIFIED', params: { device: staff.deviceId, record: a.id } });
      expect(report.error!.params!.line).toBeGreaterThan(0);
    }
    expect(state(hq)).toEqual(before);

    // The batch as the staff wrote it goes through.
    const [honest] = await receive(hq, await writeBatch(head, hq));
    expect(honest!.status).toBe('applied');
    expect((await call(hq, 'activity.get', { id: a.id })).dealValueUsd).toBe(2_000);
  });

  it('a mission cannot change HQ’s own records, nor pass a mission record off as HQ', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const own = await call(hq, 'activity.create', activity('Hội nghị Ngoại giao kinh tế toàn quốc'));
    await call(head, 'activity.create', activity('Hội chợ Foodex'));
    expect((await send(head, hq))[0]!.status).toBe('applied');
    const before = state(hq);
    const attempt = (write: (ctx: WriteContext) => void) =>
      rewound(head, async () => {
        head.writer.write(write);
        return (await receive(hq, await writeBatch(head, hq)))[0]!;
      });

    const edit = await attempt((ctx) => ctx.recordChanges('activity', own.id, { title: 'Sửa của Bộ' }));
    expect(edit.error).toMatchObject({ code: 'BATCH_NOT_AUTHORISED', params: { owner: 'BNG', mission: 'DSQ-JP', record: own.id, device: head.deviceId } });
    const erase = await attempt((ctx) => ctx.recordChanges('activity', own.id, { _deleted: '2025-07-01T00:00:00.000Z' }));
    expect(erase.error).toMatchObject({ code: 'BATCH_NOT_AUTHORISED', params: { owner: 'BNG', record: own.id } });
    const hqMission = await attempt((ctx) => ctx.recordChanges('mission', hq.requireMissionId(), { city: 'Hà Nội (giả)' }));
    expect(hqMission.error).toMatchObject({ code: 'BATCH_NOT_AUTHORISED', params: { owner: 'BNG', entity: 'mission' } });
    const posing = await attempt((ctx) =>
      ctx.recordChanges('mission', uuidv7(), { code: 'BNG', nameVi: 'Bộ Ngoại giao', nameEn: 'MOFA', kind: 'other', country: 'VN', city: 'Hà Nội' }),
    );
    expect(posing.error).toMatchObject({ code: 'BATCH_NOT_AUTHORISED', params: { owner: 'BNG', mission: 'DSQ-JP' } });
    expect(state(hq)).toEqual(before);
    expect((await call(hq, 'activity.get', { id: own.id })).title).toBe(own.title);
  });
  it('a mission cannot attach its records to another’s: a log entry, a contact, a follow-up, a partner link', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const org = await call(hq, 'organisation.create', { name: 'JETRO', kind: 'investment-agency', country: 'JP' });
    const act = await call(hq, 'activity.create', activity('Hội nghị Ngoại giao kinh tế'));
    const agreement = await call(hq, 'agreement.create', { title: 'MoU hợp tác', kind: 'mou', signedDate: '2025-03-01' });
    const ownOrg = await call(head, 'organisation.create', { name: 'Keidanren', kind: 'chamber', country: 'JP' });
    expect((await send(head, hq))[0]!.status).toBe('applied');
    const before = state(hq);
    const attempt = (write: (ctx: WriteContext) => void) =>
      rewound(head, async () => {
        head.writer.write(write);
        return (await receive(hq, await writeBatch(head, hq)))[0]!;
      });
    const attached = [
      [
        (ctx: WriteContext) => ctx.recordChanges('agreement-log', uuidv7(), { agreementId: agreement.id, entryDate: '2025-04-01', text: 'Đã triển khai' }),
        'agreement',
        agreement.id,
      ],
      [(ctx: WriteContext) => ctx.recordChanges('contact', uuidv7(), { organisationId: org.id, name: 'Tanaka' }), 'organisation', org.id],
      [
        (ctx: WriteContext) => ctx.recordChanges('followup', uuidv7(), { title: 'Gọi lại', dueDate: '2025-05-01', entity: 'activity', recordId: act.id }),
        'activity',
        act.id,
      ],
      [
        (ctx: WriteContext) =>
          ctx.recordChanges('activity', uuidv7(), { title: 'Gặp JETRO', kind: 'other', startDate: '2025-04-02', organisationIds: [ownOrg.id, org.id] }),
        'organisation',
        org.id,
      ],
    ] as const;
    for (const [write, entity, record] of attached) {
      const report = await attempt(write);
      expect(report.error).toMatchObject({ code: 'BATCH_NOT_AUTHORISED', params: { owner: 'BNG', mission: 'DSQ-JP', entity, record } });
    }
    expect(state(hq)).toEqual(before);
    // Its own partner, and a follow-up about its own record, are its business.
    const contact = await call(head, 'contact.create', { organisationId: ownOrg.id, name: 'Sato' });
    await call(head, 'followup.create', { title: 'Gửi thư cảm ơn', dueDate: '2025-05-02', entity: 'organisation', recordId: ownOrg.id });
    expect((await receive(hq, await writeBatch(head, hq)))[0]!.status).toBe('applied');
    expect((await call(hq, 'contact.get', { id: contact.id })).organisationId).toBe(ownOrg.id);
  });
});

describe('exchange validation', () => {
  it('refuses every malformed value a trusted device sends, naming the line and field; nothing is stored', async () => {
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const a = await call(staff, 'activity.create', activity('Hội chợ Foodex'));
    expect((await send(staff, head))[0]!.status).toBe('applied');
    const fresh = uuidv7();
    const cases: { name: string; write: (ctx: WriteContext) => void; line: number; field: string; reason?: string }[] = [
      { name: 'empty title', write: (ctx) => ctx.recordChanges('activity', a.id, { title: '   ' }), line: 1, field: 'title', reason: 'required' },
      { name: '1 MiB title', write: (ctx) => ctx.recordChanges('activity', a.id, { title: 'x'.repeat(1 << 20) }), line: 1, field: 'title', reason: 'too_long' },
      { name: 'unknown kind', write: (ctx) => ctx.recordChanges('activity', a.id, { kind: 'evil-kind' }), line: 1, field: 'kind', reason: 'invalid_choice' },
      {
        name: 'not a date',
        write: (ctx) => ctx.recordChanges('activity', a.id, { startDate: 'not a date' }),
        line: 1,
        field: 'startDate',
        reason: 'invalid_date',
      },
      { name: 'numbers as provinces', write: (ctx) => ctx.recordChanges('activity', a.id, { provinces: [1, 2] }), line: 1, field: 'provinces' },
      { name: 'a text as partner list', write: (ctx) => ctx.recordChanges('activity', a.id, { organisationIds: 'abc' }), line: 1, field: 'organisationIds' },
      {
        name: 'negative deal value',
        write: (ctx) => ctx.recordChanges('activity', a.id, { dealValueUsd: -5 }),
        line: 1,
        field: 'dealValueUsd',
        reason: 'not_negative_number',
      },
      { name: 'unknown field', write: (ctx) => ctx.recordChanges('activity', a.id, { evilField: 'x' }), line: 1, field: 'evilField', reason: 'unknown_field' },
      { name: 'unknown entity', write: (ctx) => ctx.recordChanges('evil-entity' as Entity, fresh, { title: 'x' }), line: 1, field: 'entity' },
      {
        name: 'tombstone not a time',
        write: (ctx) => ctx.recordChanges('activity', a.id, { _deleted: 'yesterday' }),
        line: 1,
        field: '_deleted',
        reason: 'invalid_date',
      },
      {
        // Each value valid alone; the merged record ends before it starts (line 4: the good new record took lines 1–3).
        name: 'end before start, on the merged record',
        write: (ctx) => {
          ctx.recordChanges('activity', fresh, { title: 'Tọa đàm', kind: 'other', startDate: '2025-04-01' });
          ctx.recordChanges('activity', a.id, { endDate: '2025-01-01' });
        },
        line: 4,
        field: 'endDate',
        reason: 'end_before_start',
      },
      {
        name: 'a new record without its start date',
        write: (ctx) => ctx.recordChanges('activity', fresh, { title: 'Thiếu ngày', kind: 'other' }),
        line: 1,
        field: 'startDate',
        reason: 'invalid_date',
      },
    ];
    const before = state(head);
    for (const c of cases) {
      const report = await rewound(staff, async () => {
        staff.writer.write(c.write);
        return (await receive(head, await writeBatch(staff, head)))[0]!;
      });
      expect(report.status, c.name).toBe('refused');
      expect(report.error!.code, c.name).toBe('BATCH_LINE_INVALID');
      expect(report.error!.params, c.name).toMatchObject({ line: c.line, field: c.field, ...(c.reason ? { reason: c.reason } : {}) });
      expect(state(head), c.name).toEqual(before);
    }
    const reasons = head.db.prepare(`SELECT reason FROM batches_received WHERE status = 'refused'`).pluck().all();
    expect(reasons).toEqual(cases.map(() => 'BATCH_LINE_INVALID'));

    // The activity list still exports, and the staff's next honest batch takes the same place in the chain.
    expect((await call(head, 'export.list', { entity: 'activity', format: 'xlsx' })).rowCount).toBe(1);
    await call(staff, 'activity.update', { id: a.id, values: activity('Hội chợ Foodex Japan') });
    const [honest] = await receive(head, await writeBatch(staff, head));
    expect(honest).toMatchObject({ status: 'applied', batch: { sequence: 2 } });
    expect((await call(head, 'export.list', { entity: 'activity', format: 'csv' })).rowCount).toBe(1);
  });
});

/** The same batch as an app of format 1 would have written it: no line signatures, no certificates. */
async function asFormat1(file: string, sender: AppContext, receiver: AppContext): Promise<string> {
  const inner = await unpackContainer(await ageDecrypt(fs.readFileSync(file), (await deviceKeys(receiver.db, receiver.deviceId)).identity));
  const lines = gunzipSync(inner.changesGz)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const { sig: _sig, ...line } = JSON.parse(l) as Record<string, unknown>;
      return `${JSON.stringify(line)}\n`;
    })
    .join('');
  const { devices: _devices, ...manifest } = parseManifest(inner.manifestBytes);
  const payload = Buffer.from(lines, 'utf8');
  const manifestBytes = Buffer.from(
    JSON.stringify({ ...manifest, formatVersion: 1, payload: { ...manifest.payload, sha256: sha256(payload), bytes: payload.length } }, null, 2),
  );
  const container = await packContainer({
    manifestBytes,
    signature: signBytes((await deviceKeys(sender.db, sender.deviceId)).privateKey, manifestBytes),
    changesGz: gzipSync(payload),
  });
  const out = `${file}.v1.cnb.age`;
  fs.writeFileSync(out, await ageEncrypt(container, [await recipientOf(receiver)]));
  return out;
}

describe('exchange format 1', () => {
  it('is still read where its sender signed every line itself, and refused where it relays another device’s lines', async () => {
    const hq = await open('Phạm Quốc Việt', { mode: 'hq' });
    const staff = await open('Trần Văn An');
    const head = await open('Nguyễn Thu Hà', { role: 'head' });
    const own = await call(staff, 'activity.create', activity('Hội chợ Foodex'));
    const [fromStaff] = await receive(head, await asFormat1(await writeBatch(staff, head), staff, head));
    expect(fromStaff).toMatchObject({ status: 'applied', summary: { activity: { created: 1 } } });
    expect((await call(head, 'activity.get', { id: own.id })).title).toBe('Hội chợ Foodex');

    const [relayed] = await receive(hq, await asFormat1(await writeBatch(head, hq), head, hq));
    expect(relayed!.status).toBe('refused');
    expect(relayed!.error).toMatchObject({ code: 'BATCH_AUTHOR_UNVERIFIED', params: { device: staff.deviceId } });
    expect(hq.db.prepare(`SELECT count(*) FROM activities`).pluck().get()).toBe(0);
  });
});

describe('line signatures', () => {
  it('sign the RFC 8785 form of the line without sig, after a fixed prefix, whatever the key order', () => {
    // Keys sorted by UTF-16 code units ("é" U+00E9 after "z"), numbers as ECMAScript writes them.
    expect(canonicalJson({ z: 1, é: [1e21, 0.1, -0], a: { c: null, b: 'Đà Nẵng\n' } })).toBe('{"a":{"b":"Đà Nẵng\\n","c":null},"z":1,"é":[1e+21,0.1,0]}');
    const line = {
      hlc: '1751701234567-0000-d1',
      device: 'd1',
      author: 'An',
      entity: 'activity' as const,
      record: 'r1',
      field: 'title',
      value: 'Hội chợ',
      base: null,
    };
    const reordered = {
      base: null,
      value: 'Hội chợ',
      field: 'title',
      record: 'r1',
      entity: 'activity' as const,
      author: 'An',
      device: 'd1',
      hlc: '1751701234567-0000-d1',
      sig: 'x',
    };
    expect(signedLineBytes(reordered).equals(signedLineBytes(line))).toBe(true);
    expect(signedLineBytes(line).toString('utf8')).toBe(
      'cau-noi-change-line\n{"author":"An","base":null,"device":"d1","entity":"activity","field":"title","hlc":"1751701234567-0000-d1","record":"r1","value":"Hội chợ"}',
    );
  });
});
