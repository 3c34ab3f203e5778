import type { ChannelParsed } from '../../shared/contract';
import type { AppState } from '../../shared/contract/app';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../context';
import { setSuperiorBody, superiorBody } from '../services/reports';
import { deviceKeys } from '../services/exchange/crypto';
import type { ChannelsOf, HandlerMap } from './types';

export function appState(app: AppContext): AppState {
  const { dataDir, appVersion, transport } = app.options;
  if (app.locked) {
    return {
      setUp: false,
      locked: true,
      encrypted: app.encrypted,
      mode: null,
      mission: null,
      superiorBody: '',
      user: null,
      deviceId: '',
      dataDir,
      appVersion,
      transport,
    };
  }
  const missionId = app.missionId();
  const mission = missionId ? app.missions.get(missionId) : null;
  return {
    setUp: Boolean(mission && app.user()),
    locked: false,
    encrypted: app.encrypted,
    mode: app.mode(),
    mission: mission
      ? { code: mission.code, nameVi: mission.nameVi, nameEn: mission.nameEn, kind: mission.kind, country: mission.country, city: mission.city }
      : null,
    superiorBody: superiorBody(app),
    user: app.user(),
    deviceId: app.deviceId,
    dataDir: app.options.dataDir,
    appVersion: app.options.appVersion,
    transport: app.options.transport,
  };
}

/**
 * Records the mode, the user and the mission in one transaction (with `also`: enrol.join keeps the
 * invitation), then makes the exchange keys: now, not at the first batch, so every backup of a
 * set-up folder holds them and a restored device still signs with the key its receivers trust.
 */
export async function setUp(app: AppContext, input: ChannelParsed<'app.setup'>, also: () => void = () => {}): Promise<void> {
  if (app.missionId()) throw new AppError('ALREADY_SET_UP', 'This data folder is already set up');
  app.db.transaction(() => {
    app.settings.set('user', input.user);
    app.settings.set('device.mode', input.mode);
    const mission = app.missions.create(input.mission);
    app.settings.set('mission.id', mission.id);
    also();
  })();
  await deviceKeys(app.db, app.deviceId);
}

export const appHandlers: HandlerMap<ChannelsOf<'app.'>> = {
  'app.state': (_input, { app }) => appState(app),
  'app.setup': async (input, { app }) => {
    await setUp(app, input);
    return appState(app);
  },
  'app.updateUser': (input, { app }) => {
    app.settings.set('user', input);
    return appState(app);
  },
  'app.updateMission': ({ superiorBody: governing, ...mission }, { app }) => {
    app.db.transaction(() => {
      app.missions.update(app.requireMissionId(), mission);
      if (governing !== undefined) setSuperiorBody(app, governing);
    })();
    return appState(app);
  },
};
