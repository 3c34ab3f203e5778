/**
 * Who may change what (docs/exchange-format.md, "Authority"). A signature says who sent a batch;
 * these checks say whether each of its lines was written by whom it claims, and whether that
 * device may change that record:
 * - every line is signed by its author device: the sender itself, or a device whose key the
 *   sender certifies in the manifest (a head relaying its staff's lines); a device keeps the
 *   first key and mission this receiver learnt for it;
 * - a record belongs to the mission that created it: only that mission's devices change it
 *   (HQ's records only HQ's devices), or attach records to it (a log entry to an agreement, a
 *   contact to an organisation, a follow-up to any record).
 * Any failure refuses the whole batch, naming the line, the device, the mission and the record.
 */
import type { AppContext } from '../../context';
import type { Entity } from '../../../shared/domain/enums';
import { deviceKeys } from './crypto';
import { notAuthorised, type AuthorKeys, type Certificate } from './decode';
import type { BatchManifest, ChangeLine } from './format';

interface KnownKey {
  public_key: string;
  mission_code: string;
}

/** The key this device knows for another device: trusted by a person here, or certified by a trusted sender. */
function knownKey(app: AppContext, deviceId: string): KnownKey | undefined {
  return (app.db.prepare(`SELECT public_key, mission_code FROM devices WHERE device_id = ? AND trusted_at IS NOT NULL`).get(deviceId) ??
    app.db.prepare(`SELECT public_key, mission_code FROM device_certificates WHERE device_id = ?`).get(deviceId)) as KnownKey | undefined;
}

/** The public key to certify for a device whose lines this device relays (export). */
export function certifiedKey(app: AppContext, deviceId: string): string | null {
  return knownKey(app, deviceId)?.public_key ?? null;
}

/**
 * What this receiver knows of each device whose lines the batch may carry, for the decoder to
 * verify the lines' author signatures with (decode.ts readLines): the sender's own key, this
 * device's key for its own lines coming back (staff pulling from each other, only within its
 * mission), and each device the batch certifies, unless its key or mission here differs.
 */
export async function authorKeys(app: AppContext, manifest: BatchManifest): Promise<AuthorKeys> {
  const mission = manifest.mission.code;
  // HQ sends no batches, so what it receives never travels on: the sender's own lines are proved by the manifest's signature.
  const sender = { publicKey: manifest.device.publicKey, certified: false, ...(app.mode() === 'hq' ? { byManifest: true as const } : {}) };
  const authors: AuthorKeys = { [manifest.device.id]: sender };
  if (!Object.hasOwn(authors, app.deviceId)) {
    const ownMission = app.missions.get(app.requireMissionId())?.code;
    authors[app.deviceId] =
      ownMission === mission
        ? { publicKey: (await deviceKeys(app.db, app.deviceId)).publicKey, certified: false }
        : { refused: 'not-authorised', owner: ownMission ?? '' };
  }
  for (const certificate of manifest.devices ?? []) {
    if (Object.hasOwn(authors, certificate.id)) continue;
    const known = knownKey(app, certificate.id);
    if (known && known.public_key !== certificate.publicKey) authors[certificate.id] = { refused: 'other-key' };
    else if (known && known.mission_code !== mission) authors[certificate.id] = { refused: 'not-authorised', owner: known.mission_code };
    else authors[certificate.id] = { publicKey: certificate.publicKey, certified: true };
  }
  return authors;
}

/** Keeps the keys a trusted sender certified (first key wins), inside the apply's transaction. */
export function rememberCertificates(app: AppContext, manifest: BatchManifest, certificates: readonly Certificate[]): void {
  const insert = app.db.prepare(
    `INSERT INTO device_certificates (device_id, public_key, mission_code, certified_by, first_seen) VALUES (?, ?, ?, ?, ?) ON CONFLICT(device_id) DO NOTHING`,
  );
  const now = new Date().toISOString();
  for (const c of certificates) insert.run(c.id, c.publicKey, manifest.mission.code, manifest.device.id, now);
}

/** Fields that point at other records, and the entity they point at. */
const REFERENCES: Partial<Record<Entity, Record<string, Entity>>> = {
  activity: { organisationIds: 'organisation' },
  agreement: { foreignOrgId: 'organisation', activityId: 'activity' },
  'agreement-log': { agreementId: 'agreement' },
  contact: { organisationId: 'organisation' },
};

/**
 * Every record a line touches, or points at, must belong to the sending mission: a record here
 * keeps the mission it was created under; a new one will be created under the sender's. A
 * mission record is known by its code (each device of a mission set it up under its own id).
 * A generator for drive(): it pauses every few lines.
 */
export function* checkAuthority(app: AppContext, manifest: BatchManifest, lines: readonly ChangeLine[]): Generator<number, void> {
  const mission = manifest.mission.code;
  const stores = new Map(app.remoteStores().map((s) => [s.entity, s]));
  const missionCode = app.db.prepare(`SELECT code FROM missions WHERE id = ?`).pluck();
  const loggedCode = app.db
    .prepare(`SELECT value FROM changes WHERE entity = 'mission' AND record_id = ? AND field = 'code' ORDER BY hlc DESC LIMIT 1`)
    .pluck();
  const followupEntity = app.db.prepare(`SELECT entity FROM followups WHERE id = ?`).pluck();
  const owners = new Map<string, string | null>();
  const ownerOf = (entity: Entity, id: string): string | null => {
    const key = `${entity}\u0000${id}`;
    if (!owners.has(key)) {
      let owner: string | null;
      if (entity === 'mission') {
        const logged = loggedCode.get(id) as string | undefined;
        owner = (missionCode.get(id) as string | undefined) ?? (logged === undefined ? null : (JSON.parse(logged) as string));
      } else {
        const ownerId = stores.get(entity)?.ownerMission(id) ?? null;
        owner = ownerId === null ? null : ((missionCode.get(ownerId) as string | undefined) ?? ownerId);
      }
      owners.set(key, owner);
    }
    return owners.get(key)!;
  };
  // A follow-up names the entity of its record in another field, here or in the batch.
  const followupEntities = new Map<string, ChangeLine>();
  for (const line of lines) {
    const seen = followupEntities.get(line.record);
    if (line.entity === 'followup' && line.field === 'entity' && (!seen || line.hlc > seen.hlc)) followupEntities.set(line.record, line);
  }
  const check = (n: number, line: ChangeLine, entity: Entity, id: string) => {
    const owner = ownerOf(entity, id);
    if (owner !== null && owner !== mission) throw notAuthorised(n, { ...line, entity, record: id }, mission, owner);
  };
  for (const [i, line] of lines.entries()) {
    const n = i + 1;
    if (line.entity === 'mission' && line.field === 'code' && line.value !== mission) throw notAuthorised(n, line, mission, String(line.value));
    check(n, line, line.entity, line.record);
    const target =
      line.entity === 'followup' && line.field === 'recordId'
        ? (followupEntities.get(line.record)?.value ?? followupEntity.get(line.record))
        : REFERENCES[line.entity]?.[line.field];
    const ids = Array.isArray(line.value) ? line.value : [line.value];
    if (typeof target === 'string' && stores.has(target as Entity)) for (const id of ids) if (typeof id === 'string') check(n, line, target as Entity, id);
    if (n % 64 === 0) yield n;
  }
}
