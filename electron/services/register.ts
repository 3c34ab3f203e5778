/**
 * HQ's register of expected missions (docs/cli.md#hq-register). Seeded from the reference list
 * the first time HQ reads it; every change after that is HQ's own.
 */
import type { AppContext } from '../context';
import missionsFile from '../../resources/reference/missions.json';
import type { RegisterEntry } from '../../shared/contract/register';
import type { Mission } from '../../shared/domain/mission';
import { AppError } from '../../shared/errors';
import { regionOfMission } from '../../shared/regions';

/** Viet Nam's representative missions abroad, as shipped (resources/reference/missions.json). */
export const REFERENCE_MISSIONS: readonly Mission[] = missionsFile.missions as Mission[];

function entry(m: Mission): RegisterEntry {
  return { ...m, region: regionOfMission(m.kind, m.country) };
}

function requireHq(app: AppContext): void {
  if (app.mode() !== 'hq') throw new AppError('HQ_ONLY', 'Only HQ keeps the register of missions (a data folder set up with --mode hq)');
}

/** The register, seeded on first use. Callers at HQ only. */
export function registeredMissions(app: AppContext): Mission[] {
  requireHq(app);
  app.register.seedOnce(REFERENCE_MISSIONS);
  return app.register.list();
}

export function listRegister(app: AppContext): RegisterEntry[] {
  return registeredMissions(app).map(entry);
}

function codeFree(app: AppContext, code: string): void {
  if (app.register.get(code)) throw new AppError('REGISTER_CODE_TAKEN', `The register already has a mission ${code}`, { params: { code } });
}

function existing(app: AppContext, code: string): void {
  if (!app.register.get(code)) throw new AppError('REGISTER_NOT_FOUND', `No mission ${code} in the register`, { params: { code } });
}

export function addToRegister(app: AppContext, mission: Mission): RegisterEntry {
  registeredMissions(app);
  codeFree(app, mission.code);
  app.register.add(mission);
  return entry(mission);
}

export function editRegister(app: AppContext, code: string, mission: Mission): RegisterEntry {
  registeredMissions(app);
  existing(app, code);
  if (mission.code !== code) codeFree(app, mission.code);
  app.register.edit(code, mission);
  return entry(mission);
}

export function removeFromRegister(app: AppContext, code: string): { code: string } {
  registeredMissions(app);
  existing(app, code);
  app.register.remove(code);
  return { code };
}
