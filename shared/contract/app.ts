import { z } from 'zod';
import { SetupInput } from '../domain/mission';
import type { Mission, User } from '../domain/mission';
import type { DeviceMode } from '../domain/enums';
import { channel } from './define';

export interface AppState {
  setUp: boolean;
  /** The folder has a passphrase and the database is closed: show the lock screen. */
  locked: boolean;
  encrypted: boolean;
  mode: DeviceMode | null;
  mission: Mission | null;
  user: User | null;
  deviceId: string;
  dataDir: string;
  appVersion: string;
  transport: 'electron' | 'browser' | 'cli';
}

export const appChannels = {
  'app.state': channel(z.object({}).default({})).returns<AppState>(),
  'app.setup': channel(SetupInput).returns<AppState>(),
  'app.updateUser': channel(SetupInput.shape.user).returns<AppState>(),
  'app.updateMission': channel(SetupInput.shape.mission).returns<AppState>(),
};
