/**
 * A head hands its role to a new head (docs/security.md, "Handing over the head's role"): the old
 * head signs a file listing the devices it trusts (and those whose keys it learnt from their
 * certificates) and its receivers; the new head, once it trusts the old head (already, or after
 * comparing its fingerprint), trusts those devices and knows those receivers.
 */
import { z } from 'zod';
import { recordDevice } from './read';
import type { AppContext } from '../../context';
import type { HandoverResult, SignedFileOutput } from '../../../shared/domain/enrol';
import { AppError } from '../../../shared/errors';
import { translate } from '../../../shared/i18n';
import { deviceKeys, fingerprint, isAgeRecipient } from './crypto';
import { streamId } from './export';
import { readSignedFile, Signer, signerVouched, writeSignedFile } from './signed-file';

const HandedDevice = Signer.extend({ missionCode: z.string().min(1), missionName: z.string() });

const Handover = z.strictObject({
  missionCode: z.string().min(1),
  /** The old head's name, recorded with what the new head trusts. */
  author: z.string().max(200),
  devices: z.array(HandedDevice).max(10_000),
  receivers: z.array(z.strictObject({ label: z.string().max(120), recipients: z.array(z.string().refine(isAgeRecipient)).min(1).max(20) })).max(100),
  createdAt: z.iso.datetime(),
});

/** The head's role is handed from a head's computer to a head's computer: a staff laptop neither gives nor takes it. */
function requireHead(app: AppContext): void {
  if (app.user()?.role !== 'head') throw new AppError('HANDOVER_HEAD_ONLY', "Only the head of mission's computer hands over or takes over the head's role");
}

export async function writeHandover(app: AppContext, now = new Date()): Promise<SignedFileOutput> {
  const mission = app.missions.get(app.requireMissionId());
  if (app.mode() !== 'mission' || !mission) throw new AppError('HANDOVER_MISSION_ONLY', "Only a mission's computer hands over the head's role");
  requireHead(app);
  const trusted = app.db
    .prepare(
      `SELECT device_id AS id, public_key AS publicKey, mission_code AS missionCode, mission_name AS missionName FROM devices WHERE trusted_at IS NOT NULL`,
    )
    .all() as z.infer<typeof HandedDevice>[];
  const certified = app.db
    .prepare(
      `SELECT c.device_id AS id, c.public_key AS publicKey, c.mission_code AS missionCode, '' AS missionName FROM device_certificates c WHERE c.device_id NOT IN (SELECT device_id FROM devices WHERE trusted_at IS NOT NULL)`,
    )
    .all() as z.infer<typeof HandedDevice>[];
  const devices = [...trusted, ...certified].map((d) => ({ ...d, fingerprint: fingerprint(d.publicKey) }));
  const receivers = (app.db.prepare(`SELECT label, recipient FROM receivers ORDER BY label`).all() as { label: string; recipient: string }[]).map((r) => ({
    label: r.label,
    recipients: r.recipient.split('\n'),
  }));
  const body = { missionCode: mission.code, author: app.user()?.name ?? '', devices, receivers, createdAt: now.toISOString() };
  return {
    text: writeSignedFile('handover', body, await deviceKeys(app.db, app.deviceId)),
    fileName: `${mission.code}-ban-giao-${body.createdAt.slice(0, 10).replaceAll('-', '')}.cnhandover.json`,
  };
}

/** At the new head: trusts the old head and the devices it lists, and saves its receivers. */
export function acceptHandover(app: AppContext, text: string, confirmedFingerprint?: string): HandoverResult {
  const { signer, body } = readSignedFile('handover', text, Handover);
  const own = app.missions.get(app.requireMissionId())?.code;
  if (app.mode() !== 'mission' || own !== body.missionCode) {
    throw new AppError('HANDOVER_OTHER_MISSION', `The hand-over comes from ${body.missionCode}; this computer belongs to ${own ?? '?'}`, {
      params: { found: body.missionCode, own: own ?? '' },
    });
  }
  requireHead(app);
  if (signer.id === app.deviceId) throw new AppError('HANDOVER_FROM_SELF', 'This hand-over was written by this computer itself');
  signerVouched(app, signer, confirmedFingerprint, 'HANDOVER_UNVERIFIED');
  const trustedBy = translate('vi', 'enrol.trustedByHandover', { name: body.author });
  const devices = body.devices.filter((d) => d.id !== app.deviceId);
  app.db.transaction(() => {
    recordDevice(app, { ...signer, missionCode: body.missionCode, missionName: app.missions.get(app.requireMissionId())!.nameVi }, trustedBy);
    for (const d of devices) recordDevice(app, d, trustedBy);
    const insert = app.db.prepare(`INSERT INTO receivers (id, label, recipient) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`);
    for (const r of body.receivers) insert.run(streamId(r.recipients), r.label, [...new Set(r.recipients)].sort().join('\n'));
  })();
  return { from: { deviceId: signer.id, fingerprint: signer.fingerprint }, devices: devices.length, receivers: body.receivers.length };
}
