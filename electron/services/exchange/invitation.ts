/**
 * Enrolling a staff device with an invitation its head signs (docs/exchange-format.md,
 * "Invitations"): the file carries the mission and the head's keys, so the staff device trusts
 * the head and knows where to send without anything typed; the staff device's batches to the
 * head carry the one-time token, and the head trusts that device when the token is one it
 * issued, unused and unexpired. Only the token's hash is kept at the head.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AppContext } from '../../context';
import type { InvitationInfo, InvitationPreview } from '../../../shared/domain/enrol';
import { MissionInput } from '../../../shared/domain/mission';
import { AppError } from '../../../shared/errors';
import { translate } from '../../../shared/i18n';
import { deviceKeys, isAgeRecipient, sha256 } from './crypto';
import type { BatchManifest } from './format';
import { streamId } from './export';
import { recordDevice, rememberDevice } from './read';
import { readSignedFile, writeSignedFile } from './signed-file';

const SETTING = 'exchange.invitation';
const DAY_MS = 24 * 60 * 60 * 1000;

const InvitationBody = z.strictObject({
  mission: MissionInput,
  /** The head's age recipient: the staff device's batches are encrypted to it. */
  recipient: z.string().refine(isAgeRecipient),
  /** Whom the head invited (shown to both sides; the head records "thư mời: <name>"). */
  name: z.string().min(1).max(200),
  /** The head who signed it. */
  invitedBy: z.string().max(200),
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
type InvitationBody = z.infer<typeof InvitationBody>;

/** What a staff device keeps of its invitation: the token, and the receiver it goes to. */
interface Kept {
  token: string;
  receiverId: string;
}

/** Writes a signed invitation for one person; only a mission's head invites. */
export async function writeInvitation(
  app: AppContext,
  input: { name: string; days: number },
  now = new Date(),
): Promise<{ text: string; fileName: string; expiresAt: string }> {
  if (app.mode() !== 'mission' || app.user()?.role !== 'head') throw new AppError('INVITE_HEAD_ONLY', "Only the head of mission's computer writes invitations");
  const mission = app.missions.get(app.requireMissionId());
  if (!mission) throw new AppError('NOT_SET_UP', 'Set up the mission first (cau-noi init)');
  const keys = await deviceKeys(app.db, app.deviceId);
  const token = randomBytes(32).toString('base64url');
  const body: InvitationBody = {
    mission: { code: mission.code, nameVi: mission.nameVi, nameEn: mission.nameEn, kind: mission.kind, country: mission.country, city: mission.city },
    recipient: keys.recipient,
    name: input.name.trim(),
    invitedBy: app.user()?.name ?? '',
    token,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + input.days * DAY_MS).toISOString(),
  };
  app.db
    .prepare(`INSERT INTO invitations (token_sha256, name, created_at, expires_at) VALUES (?, ?, ?, ?)`)
    .run(sha256(token), body.name, body.createdAt, body.expiresAt);
  const fileName = `${mission.code}-thu-moi-${body.createdAt.slice(0, 10).replaceAll('-', '')}-${token.slice(0, 6)}.cninvite.json`;
  return { text: writeSignedFile('invitation', body, keys), fileName, expiresAt: body.expiresAt };
}

export function invitations(app: AppContext): InvitationInfo[] {
  const rows = app.db.prepare(`SELECT name, created_at, expires_at, used_by, used_at FROM invitations ORDER BY created_at DESC`).all() as {
    name: string;
    created_at: string;
    expires_at: string;
    used_by: string | null;
    used_at: string | null;
  }[];
  return rows.map((r) => ({ name: r.name, createdAt: r.created_at, expiresAt: r.expires_at, usedBy: r.used_by, usedAt: r.used_at }));
}

function expired(body: InvitationBody, now: Date): AppError {
  return new AppError('INVITATION_EXPIRED', `The invitation for ${body.name} expired on ${body.expiresAt.slice(0, 10)}: ask the head for a new one`, {
    params: { name: body.name, expiresAt: body.expiresAt.slice(0, 10), now: now.toISOString().slice(0, 10) },
  });
}

/** Reads an invitation file: signed by the head it names, not expired. */
export function readInvitation(text: string, now = new Date()): InvitationPreview & { body: InvitationBody } {
  const { signer, body } = readSignedFile('invitation', text, InvitationBody);
  if (Date.parse(body.expiresAt) <= now.getTime()) throw expired(body, now);
  return {
    mission: body.mission,
    name: body.name,
    invitedBy: body.invitedBy,
    expiresAt: body.expiresAt,
    head: { deviceId: signer.id, fingerprint: signer.fingerprint, publicKey: signer.publicKey, recipient: body.recipient },
    body,
  };
}

/**
 * After the mission is set up from the invitation (same transaction): the head's device is
 * trusted (its key pinned), saved as the receiver, and the token kept for the batches to it.
 */
export function keepInvitation(app: AppContext, invitation: ReturnType<typeof readInvitation>): void {
  const { head, body } = invitation;
  recordDevice(
    app,
    { id: head.deviceId, publicKey: head.publicKey, fingerprint: head.fingerprint, missionCode: body.mission.code, missionName: body.mission.nameVi },
    translate('vi', 'enrol.trustedByInvitation', { name: body.invitedBy }),
  );
  const receiverId = streamId([body.recipient]);
  app.db
    .prepare(`INSERT INTO receivers (id, label, recipient) VALUES (?, ?, ?) ON CONFLICT(id) DO NOTHING`)
    .run(receiverId, translate('vi', 'exchange.headLabel'), body.recipient);
  app.settings.set(SETTING, { token: body.token, receiverId } satisfies Kept);
}

/** The token a batch to this receiver carries: only to the head that invited this device. */
export function invitationToken(app: AppContext, receiverId: string): string | undefined {
  const kept = app.settings.get<Kept>(SETTING);
  return kept?.receiverId === receiverId ? kept.token : undefined;
}

/** A batch's invitation that qualifies: used up only when the batch is applied (useInvitation). */
export interface InvitationUse {
  token: string;
  name: string;
}

/**
 * At the head: does this batch come from a device it invited? An invitation when the sender is
 * not trusted yet and carries a token of this head, unused (or used by this same device) and
 * unexpired. Nothing is trusted or used here: the batch must first pass every other check (its
 * lines' signatures, authority, values), and useInvitation runs inside its apply's transaction.
 * A token that does not qualify is refused with its own code, and the device waits for a person
 * to compare its fingerprint, as without an invitation.
 */
export function acceptInvitation(app: AppContext, manifest: BatchManifest, dryRun: boolean, now = new Date()): InvitationUse | null {
  if (!manifest.invitation) return null;
  const device = manifest.device;
  const trusted = app.db.prepare(`SELECT 1 FROM devices WHERE device_id = ? AND trusted_at IS NOT NULL`).get(device.id);
  if (trusted || app.mode() !== 'mission' || app.missions.get(app.requireMissionId())?.code !== manifest.mission.code) return null;
  const row = app.db.prepare(`SELECT name, expires_at, used_by FROM invitations WHERE token_sha256 = ?`).get(sha256(manifest.invitation)) as
    { name: string; expires_at: string; used_by: string | null } | undefined;
  const params = { device: device.id, fingerprint: device.fingerprint, mission: manifest.mission.code, author: device.author };
  let refusal: AppError | null = null;
  if (!row)
    refusal = new AppError(
      'INVITATION_UNKNOWN',
      'The batch carries an invitation this computer did not issue: compare the fingerprint with the sender, then trust it',
      { params },
    );
  else if (row.used_by !== null && row.used_by !== device.id) {
    refusal = new AppError(
      'INVITATION_USED',
      `The invitation for ${row.name} was already used by another device: compare the fingerprint with the sender, then trust it`,
      { params: { ...params, name: row.name } },
    );
  } else if (Date.parse(row.expires_at) <= now.getTime()) {
    refusal = new AppError(
      'INVITATION_EXPIRED',
      `The invitation for ${row.name} expired on ${row.expires_at.slice(0, 10)}: compare the fingerprint with the sender, then trust it`,
      {
        params: { ...params, name: row.name, expiresAt: row.expires_at.slice(0, 10) },
      },
    );
  }
  if (refusal) {
    if (!dryRun) rememberDevice(app, manifest, null);
    throw refusal;
  }
  return { token: manifest.invitation, name: row!.name };
}

/** Inside the apply's transaction of the sender's batch: the device trusted, the invitation used up. */
export function useInvitation(app: AppContext, manifest: BatchManifest, invitation: InvitationUse, now = new Date()): void {
  rememberDevice(app, manifest, translate('vi', 'enrol.trustedByInvitation', { name: invitation.name }));
  app.db.prepare(`UPDATE invitations SET used_by = ?, used_at = ? WHERE token_sha256 = ?`).run(manifest.device.id, now.toISOString(), sha256(invitation.token));
}
