/**
 * HQ's register of expected missions (migration 010), by mission code. HQ's own administration:
 * device-local, no change records. Seeded once from the reference list; after that HQ's edits
 * rule, so a mission removed on purpose does not come back.
 */
import type { Db } from '../db/open';
import type { Mission } from '../../shared/domain/mission';
import { missionFromColumns, type MissionColumns } from './missions';
import type { SettingsStore } from './settings';

const SEEDED = 'register.seeded';

export class RegisterStore {
  private readonly listStmt;
  private readonly getStmt;
  private readonly insertStmt;
  private readonly updateStmt;
  private readonly deleteStmt;

  constructor(
    private readonly db: Db,
    private readonly settings: SettingsStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.listStmt = db.prepare(`SELECT * FROM mission_register ORDER BY code`);
    this.getStmt = db.prepare(`SELECT * FROM mission_register WHERE code = ?`);
    this.insertStmt = db.prepare(`
      INSERT INTO mission_register (code, name_vi, name_en, kind, country, city, updated_at)
      VALUES (@code, @nameVi, @nameEn, @kind, @country, @city, @now)`);
    this.updateStmt = db.prepare(`
      UPDATE mission_register SET code = @code, name_vi = @nameVi, name_en = @nameEn, kind = @kind, country = @country, city = @city, updated_at = @now
      WHERE code = @was`);
    this.deleteStmt = db.prepare(`DELETE FROM mission_register WHERE code = ?`);
  }

  /** Fills the register from the reference list the first time only. */
  seedOnce(missions: readonly Mission[]): void {
    if (this.settings.get<boolean>(SEEDED)) return;
    this.db.transaction(() => {
      const now = this.now().toISOString();
      for (const m of missions) if (!this.getStmt.get(m.code)) this.insertStmt.run({ ...m, now });
      this.settings.set(SEEDED, true);
    })();
  }

  list(): Mission[] {
    return (this.listStmt.all() as MissionColumns[]).map(missionFromColumns);
  }

  get(code: string): Mission | null {
    const row = this.getStmt.get(code) as MissionColumns | undefined;
    return row ? missionFromColumns(row) : null;
  }

  add(mission: Mission): void {
    this.insertStmt.run({ ...mission, now: this.now().toISOString() });
  }

  /** Replaces the entry under `was` (its code may change). */
  edit(was: string, mission: Mission): void {
    this.updateStmt.run({ ...mission, was, now: this.now().toISOString() });
  }

  remove(code: string): void {
    this.deleteStmt.run(code);
  }
}
