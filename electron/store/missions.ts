/** Missions: this device's own, and (at HQ) every mission that sends batches. */
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/open';
import type { Mission } from '../../shared/domain/mission';
import type { RemoteApplicable, RemoteMeta } from './entity';
import { changedFields, type Writer } from './writer';

const MISSION_FIELDS = ['code', 'nameVi', 'nameEn', 'kind', 'country', 'city'] as const;

/** A mission's columns (the missions table, and HQ's register of them). */
export interface MissionColumns {
  code: string;
  name_vi: string;
  name_en: string;
  kind: Mission['kind'];
  country: string;
  city: string;
}

interface MissionDbRow extends MissionColumns {
  id: string;
}

export interface MissionRecord extends Mission {
  id: string;
}

export function missionFromColumns(r: MissionColumns): Mission {
  return { code: r.code, nameVi: r.name_vi, nameEn: r.name_en, kind: r.kind, country: r.country, city: r.city };
}

function fromDb(r: MissionDbRow): MissionRecord {
  return { id: r.id, ...missionFromColumns(r) };
}

export class MissionStore implements RemoteApplicable {
  readonly entity = 'mission' as const;
  private readonly getStmt;
  private readonly codeOwner;
  private readonly insert;
  private readonly updateStmt;

  constructor(
    db: Db,
    private readonly writer: Writer,
  ) {
    this.getStmt = db.prepare(`SELECT * FROM missions WHERE id = ?`);
    this.codeOwner = db.prepare(`SELECT id FROM missions WHERE code = ?`).pluck();
    this.insert = db.prepare(`
      INSERT INTO missions (id, code, name_vi, name_en, kind, country, city, created_at, updated_at, created_by, updated_by, device_id)
      VALUES (@id, @code, @nameVi, @nameEn, @kind, @country, @city, @now, @now, @author, @author, @deviceId)`);
    this.updateStmt = db.prepare(`
      UPDATE missions SET code = @code, name_vi = @nameVi, name_en = @nameEn, kind = @kind, country = @country, city = @city,
        updated_at = @now, updated_by = @author WHERE id = @id`);
  }

  get(id: string): MissionRecord | null {
    const row = this.getStmt.get(id) as MissionDbRow | undefined;
    return row ? fromDb(row) : null;
  }

  create(mission: Mission): MissionRecord {
    return this.writer.write((ctx) => {
      const id = uuidv7();
      ctx.recordChanges('mission', id, { ...mission });
      this.insert.run({ id, ...mission, now: ctx.now, author: ctx.author, deviceId: ctx.deviceId });
      return { id, ...mission };
    });
  }

  update(id: string, mission: Mission): MissionRecord {
    return this.writer.write((ctx) => {
      const before = this.get(id);
      if (!before) throw new Error(`Mission ${id} is missing`);
      const diff = changedFields<Mission>(before, mission, MISSION_FIELDS);
      if (Object.keys(diff).length > 0) {
        ctx.recordChanges('mission', id, diff);
        this.updateStmt.run({ id, ...mission, now: ctx.now, author: ctx.author });
      }
      return { id, ...mission };
    });
  }

  ownerMission(id: string): string | null {
    return this.get(id) ? id : null;
  }

  mergedValues(id: string, fields: Record<string, unknown>): Record<string, unknown> | null {
    const known = Object.fromEntries(Object.entries(fields).filter(([name]) => (MISSION_FIELDS as readonly string[]).includes(name))) as Partial<Mission>;
    const owner = known.code === undefined ? undefined : (this.codeOwner.get(known.code) as string | undefined);
    if (owner !== undefined && owner !== id) delete known.code;
    const existing = this.get(id);
    if (existing) {
      const { id: _id, ...values } = existing;
      return { ...values, ...known };
    }
    // A mission of a known code under another id stays an alias: nothing is written for it.
    if (known.code === undefined) return null;
    return { nameVi: known.code, nameEn: known.code, kind: 'other', country: '', city: '', ...known, code: known.code };
  }

  /**
   * Exchange: a mission is known by its code. Each device of a mission set it up under its own
   * id, so a mission whose code is already here (under another id) is not created twice.
   */
  applyRemote(id: string, fields: Record<string, unknown>, meta: RemoteMeta): void {
    const existed = this.get(id) !== null;
    const values = this.mergedValues(id, fields) as Mission | null;
    if (existed) this.updateStmt.run({ ...values, id, now: meta.now, author: meta.author });
    else if (values) this.insert.run({ id, ...values, now: meta.now, author: meta.author, deviceId: meta.deviceId });
  }
}
