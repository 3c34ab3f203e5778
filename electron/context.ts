/**
 * Everything a handler needs, opened once per data folder: the database, the writer
 * and the entity stores. Electron's main, the browser host and the CLI all build it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type Db } from './db/open';
import { ActivityStore } from './store/activities';
import { MissionStore } from './store/missions';
import { SearchIndex } from './store/search-index';
import { SettingsStore } from './store/settings';
import { Writer } from './store/writer';
import type { DeviceMode } from '../shared/domain/enums';
import type { User } from '../shared/domain/mission';
import { AppError } from '../shared/errors';

export type Transport = 'electron' | 'browser' | 'cli';

export interface ContextOptions {
  dataDir: string;
  transport: Transport;
  appVersion: string;
  key?: string | null;
  nativeBinding?: string;
}

export const DATABASE_FILE = 'cau-noi.db';

export class AppContext {
  readonly db: Db;
  readonly settings: SettingsStore;
  readonly writer: Writer;
  readonly searchIndex: SearchIndex;
  readonly missions: MissionStore;
  readonly activities: ActivityStore;
  readonly deviceId: string;

  constructor(readonly options: ContextOptions) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    this.db = openDatabase({ path: path.join(options.dataDir, DATABASE_FILE), key: options.key, nativeBinding: options.nativeBinding });
    this.settings = new SettingsStore(this.db);
    let deviceId = this.settings.get<string>('device.id');
    if (!deviceId) {
      deviceId = uuidv7();
      this.settings.set('device.id', deviceId);
    }
    this.deviceId = deviceId;
    this.writer = new Writer(this.db, deviceId, () => this.user()?.name ?? 'system');
    this.searchIndex = new SearchIndex(this.db);
    this.missions = new MissionStore(this.db, this.writer);
    this.activities = new ActivityStore(this.db, this.writer, this.searchIndex, () => this.requireMissionId());
  }

  user(): User | null {
    return this.settings.get<User>('user') ?? null;
  }

  mode(): DeviceMode | null {
    return this.settings.get<DeviceMode>('device.mode') ?? null;
  }

  missionId(): string | null {
    return this.settings.get<string>('mission.id') ?? null;
  }

  requireMissionId(): string {
    const id = this.missionId();
    if (!id) throw new AppError('NOT_SET_UP', 'Set up the mission first (cau-noi init)');
    return id;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
