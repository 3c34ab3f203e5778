/**
 * HQ's register of expected missions (migration 010), by mission code. HQ's own administration:
 * device-local, no change records. Seeded once from the reference list; after that HQ's edits
 * rule, so a mission removed on purpose does not come back.
 */
import type { Db } from '../db/open';
import type { Mission } from '../../shared/domain/mission';
import type { SettingsStore } from './settings';

const SEEDED = 'register.seeded';

interface RegisterDbRow {
  code: string;
  name_vi: string;
  name_en: string;
  kind: Mission['kind'];
  country: string;
  city: string;
}

function fromDb(r: RegisterDbRow): Mission {
  return { code: r.code, nameVi: r.name_vi, nameEn: r.name_en, kind: r.kind, country: r.country, city: r.city };
}

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
    return (this.listStmt.all() as RegisterDbRow[]).map(fromDb);
  }

  get(code: string): Mission | null {
    const row = this.getStmt.get(code) as RegisterDbRow | undefined;
    return row ? fromDb(row) : null;
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
