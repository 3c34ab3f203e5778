import { z } from 'zod';
import { SetupInput } from '../domain/mission';
import { requiredText } from '../domain/validation';
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
  /** The governing body printed above the mission's name in its documents ("Bộ Ngoại giao"). */
  superiorBody: string;
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
  /** The mission's names (later reports use them) and, when given, its governing body. */
  'app.updateMission': channel(SetupInput.shape.mission.extend({ superiorBody: requiredText(200).optional() })).returns<AppState>(),
};
