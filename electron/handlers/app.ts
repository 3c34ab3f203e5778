import type { AppState } from '../../shared/contract/app';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../context';
import { deviceKeys } from '../services/exchange/crypto';
import type { ChannelsOf, HandlerMap } from './types';

export function appState(app: AppContext): AppState {
  const { dataDir, appVersion, transport } = app.options;
  if (app.locked) {
    return { setUp: false, locked: true, encrypted: app.encrypted, mode: null, mission: null, user: null, deviceId: '', dataDir, appVersion, transport };
  }
  const missionId = app.missionId();
  const mission = missionId ? app.missions.get(missionId) : null;
  return {
    setUp: Boolean(mission && app.user()),
    locked: false,
    encrypted: app.encrypted,
    mode: app.mode(),
    mission: mission ? { code: mission.code, nameVi: mission.nameVi, nameEn: mission.nameEn, kind: mission.kind, country: mission.country, city: mission.city } : null,
    user: app.user(),
    deviceId: app.deviceId,
    dataDir: app.options.dataDir,
    appVersion: app.options.appVersion,
    transport: app.options.transport,
  };
}

export const appHandlers: HandlerMap<ChannelsOf<'app.'>> = {
  'app.state': (_input, { app }) => appState(app),
  'app.setup': async (input, { app }) => {
    if (app.missionId()) throw new AppError('ALREADY_SET_UP', 'This data folder is already set up');
    app.db.transaction(() => {
      app.settings.set('user', input.user);
      app.settings.set('device.mode', input.mode);
      const mission = app.missions.create(input.mission);
      app.settings.set('mission.id', mission.id);
    })();
    // The exchange keys now, not at the first batch: every backup of a set-up folder then holds
    // them, and a restored device still signs with the key its receivers trust.
    await deviceKeys(app.db, app.deviceId);
    return appState(app);
  },
  'app.updateUser': (input, { app }) => {
    app.settings.set('user', input);
    return appState(app);
  },
  'app.updateMission': (input, { app }) => {
    app.missions.update(app.requireMissionId(), input);
    return appState(app);
  },
};
