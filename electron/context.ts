/**
 * Everything a handler needs, opened once per data folder: the database, the writer
 * and the entity stores. Electron's main, the browser host and the CLI all build it.
 * An encrypted folder (one with a key description) starts locked: the stores exist only
 * between open(key) (electron/services/security.ts derives the key) and lock().
 */
import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { keyInfoPath, readKeyInfo } from './db/key';
import { scheduleIntegrityCheck } from './db/integrity';
import { dropMarker, LOST_WRITES_SETTING, lostWrites, writeMarker } from './db/write-marker';
import { raiseClock } from './services/exchange/chain';
import { corruptionError, knownSqliteError, openDatabase, type Db } from './db/open';
import { listBackups, writeBackup } from './services/backup';
import { exclusively, yieldToEventLoop } from './services/slices';
import type { KeyKeeper } from './services/security';
import type { UpdateShell } from './services/updates';
import { ActivityStore } from './store/activities';
import type { RemoteApplicable } from './store/entity';
import { ReportStore } from './store/reports';
import { AgreementLogStore } from './store/agreement-log';
import { AgreementStore } from './store/agreements';
import { ContactStore } from './store/contacts';
import { FollowupStore } from './store/followups';
import { OrganisationStore } from './store/organisations';
import { MissionStore } from './store/missions';
import { SearchIndex } from './store/search-index';
import { SettingsStore } from './store/settings';
import { DraftStore } from './store/drafts';
import { ImportKeyStore } from './store/import-keys';
import { RegisterStore } from './store/register';
import { SEARCH_REBUILD_SETTING } from './db/migrations/006-search-prefixes';
import { ACTIVITY_TEXT_REBUILD_SETTING } from './db/migrations/020-activity-text';
import { PARTNER_TEXT_PENDING } from './db/migrations/028-partner-text';
import { Writer } from './store/writer';
import { ReadPool, type ReaderLink } from './db/read-pool';
import { runRead, type ReadInput, type ReadName, type ReadOutput } from './services/reads';
import type { DeviceMode } from '../shared/domain/enums';
import type { User } from '../shared/domain/mission';
import { AppError } from '../shared/errors';

export type Transport = 'electron' | 'browser' | 'cli';

export interface ContextOptions {
  dataDir: string;
  transport: Transport;
  appVersion: string;
  /** Raw key (hex) of an encrypted folder, to open it unlocked (tests, a key kept by safeStorage). */
  key?: string | null;
  /** Told when the open at start (a plain folder, a key given or kept) upgrades the data first. */
  upgrading?: () => void;
  nativeBinding?: string;
  /** Electron's safeStorage on a trusted device (absent elsewhere). */
  keyKeeper?: KeyKeeper;
  /** Electron's updater, file dialog and installer hand-off (absent elsewhere). */
  updateShell?: UpdateShell;
  /** The installed app's resources folder (Electron's process.resourcesPath; absent elsewhere). */
  resourcesDir?: string;
  /**
   * Worker threads for the expensive reads (db/read-pool.ts) while unlocked: the app and the
   * browser host, whose window must not wait. 0 (the CLI, one call and out): on the main connection.
   */
  readers?: number;
  /** The window's process asks the readers directly while an import runs (the data thread, data-host/). */
  readerLink?: ReaderLink;
}

export const DATABASE_FILE = 'cau-noi.db';

/** How an open that upgrades the data for this version goes (AppContext.open). */
export interface UpgradeOptions {
  /** Told before the backup and the migrations run. */
  upgrading?: () => void;
  /**
   * false: no backup first. A restore's chosen backup is that state already, and a second backup
   * the same day would rotate away the copy of the data made just before the restore.
   */
  backupFirst?: boolean;
}

export class AppContext {
  // Assigned by open(); while locked they are unset and dispatch refuses every call that needs them.
  db!: Db;
  settings!: SettingsStore;
  writer!: Writer;
  searchIndex!: SearchIndex;
  missions!: MissionStore;
  activities!: ActivityStore;
  organisations!: OrganisationStore;
  contacts!: ContactStore;
  agreements!: AgreementStore;
  agreementLog!: AgreementLogStore;
  followups!: FollowupStore;
  reports!: ReportStore;
  drafts!: DraftStore;
  importKeys!: ImportKeyStore;
  register!: RegisterStore;
  deviceId!: string;
  /** The read pool while unlocked, when the options ask for one. */
  readers: ReadPool | null = null;
  /** The raw key the database is open with (null: a plain folder); needed to rekey backups. */
  private currentKey: string | null = null;
  /** Why the database could not be opened (damaged, newer version...): reported instead of crashing. */
  problem: AppError | null = null;
  private totalChanges: (() => number) | null = null;
  /** Cancels the background integrity check of a large file (electron/db/integrity.ts). */
  private stopIntegrityCheck: () => void = () => {};

  constructor(readonly options: ContextOptions) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    try {
      // Known before any passphrase: the lock screen then says so and offers the restore.
      this.refuseMissingDatabase();
      if (options.key) this.open(options.key, { upgrading: options.upgrading });
      else if (!this.encrypted) this.open(null, { upgrading: options.upgrading });
    } catch (error) {
      const known = error instanceof AppError ? error : knownSqliteError(error);
      if (!known) throw error;
      this.problem = known;
    }
  }

  get databasePath(): string {
    return path.join(this.options.dataDir, DATABASE_FILE);
  }

  /** A key description exists: the folder is (or is being) encrypted. */
  get encrypted(): boolean {
    return fs.existsSync(keyInfoPath(this.options.dataDir));
  }

  get locked(): boolean {
    return !this.db?.open;
  }

  get key(): string | null {
    return this.currentKey;
  }

  /** Rows the main connection has written since it opened (SQLite's total_changes): did a call write? */
  get writes(): number {
    return this.locked ? 0 : (this.totalChanges?.() ?? 0);
  }

  /**
   * A missing or empty database file in a folder that shows it had one (a key description,
   * backups) is lost data, not a new installation: SQLite would silently create an empty
   * one, the app would offer a fresh setup over it, and new backups would push the good
   * ones out. Refused instead, with the restore offered.
   */
  private refuseMissingDatabase(): void {
    const file = this.databasePath;
    const size = fs.existsSync(file) ? fs.statSync(file).size : -1;
    if (size > 0) return;
    const backups = listBackups(this.options.dataDir).length;
    if (!this.encrypted && backups === 0) return;
    throw new AppError(
      'DB_MISSING',
      `The database ${size < 0 ? 'is missing' : 'is empty'} in ${this.options.dataDir}, which held one (${backups} backups${this.encrypted ? ', a key description' : ''}). Nothing was set up over it. Restore the latest backup (cau-noi backup --list, cau-noi restore NAME)`,
      { params: { backups } },
    );
  }

  /**
   * Opens the database with a raw key (null: plain) and builds the stores over it. Pending
   * migrations run after a backup; at HQ's size both take minutes (a 5 GB backup, migration
   * 023's titles ~30 s), so `upgrade.upgrading` is told first and the person waiting is told so.
   */
  open(key: string | null, upgrade: UpgradeOptions = {}): void {
    if (!this.locked) return;
    this.refuseMissingDatabase();
    const dataDir = this.options.dataDir;
    this.db = openDatabase({
      path: this.databasePath,
      key,
      nativeBinding: this.options.nativeBinding,
      beforeMigration: (db, from) => {
        upgrade.upgrading?.();
        if (upgrade.backupFirst !== false) writeBackup(db, dataDir, `before-migration-${from}`, readKeyInfo(keyInfoPath(dataDir)));
      },
      checkLargeLater: true,
    });
    this.stopIntegrityCheck = scheduleIntegrityCheck({ path: this.databasePath, key, nativeBinding: this.options.nativeBinding }, (problems) => {
      this.close();
      this.problem = corruptionError(problems);
    });
    this.currentKey = key;
    this.problem = null;
    const totalChanges = this.db.prepare(`SELECT total_changes()`).pluck();
    this.totalChanges = () => totalChanges.get() as number;
    this.settings = new SettingsStore(this.db);
    let deviceId = this.settings.get<string>('device.id');
    if (!deviceId) {
      deviceId = uuidv7();
      this.settings.set('device.id', deviceId);
    }
    this.deviceId = deviceId;
    this.noticeLostWrites();
    this.writer = new Writer(
      this.db,
      deviceId,
      () => this.user()?.name ?? 'system',
      (hlc) => writeMarker(this.databasePath, hlc),
    );
    // A restored database may keep an older clock than the values this device already sent.
    raiseClock(this);
    this.searchIndex = new SearchIndex(this.db, this.settings);
    this.missions = new MissionStore(this.db, this.writer);
    const storeArgs = [this.db, this.writer, this.searchIndex, () => this.requireMissionId()] as const;
    this.activities = new ActivityStore(...storeArgs);
    this.organisations = new OrganisationStore(...storeArgs);
    this.contacts = new ContactStore(...storeArgs, this.organisations);
    this.agreements = new AgreementStore(...storeArgs, this.organisations, this.activities);
    this.agreementLog = new AgreementLogStore(...storeArgs, this.agreements);
    this.followups = new FollowupStore(...storeArgs);
    this.reports = new ReportStore(...storeArgs);
    this.drafts = new DraftStore(this.db, () => this.user()?.name ?? '');
    this.importKeys = new ImportKeyStore(this.db);
    this.register = new RegisterStore(this.db, this.settings);
    // After the migrations and the key: the workers open the file as it now is.
    if (this.options.readers)
      this.readers = new ReadPool({ path: this.databasePath, key, nativeBinding: this.options.nativeBinding }, this.options.readers, this.options.readerLink);
    this.rebuildSearchIfPending();
  }

  /** One of the expensive reads (services/reads.ts): in the pool when there is one, else on the main connection. */
  async read<N extends ReadName>(name: N, input: ReadInput<N>): Promise<ReadOutput<N>> {
    if (this.readers) return this.readers.run(name, input);
    return runRead({ db: this.db, list: this.activities.listing }, name, input);
  }

  /**
   * Writes committed before a crash and missing now (write-ahead log lost or damaged) are
   * recorded as a notice the person sees until acknowledged; the marker then follows the
   * database again, so the same loss is reported once.
   */
  private noticeLostWrites(): void {
    const hlc = this.settings.get<string>('hlc.last') ?? null;
    const newest = listBackups(this.options.dataDir)[0];
    const lost = lostWrites(this.databasePath, hlc, newest ? { file: newest.file, createdAt: newest.createdAt } : null, new Date());
    if (!lost) return;
    console.error(`[cau-noi] writes made up to ${lost.lastWriteAt} are missing from the database (kept until ${lost.keptUntil ?? 'the start'})`);
    this.settings.set(LOST_WRITES_SETTING, lost);
    if (hlc) writeMarker(this.databasePath, hlc);
    else dropMarker(this.databasePath);
  }

  /**
   * After a migration emptied the search index (006), every record is indexed again, in one
   * transaction in slices while other calls wait. After 020 or 021 emptied the list's text index,
   * only the activities' text is put in it (search_fts keeps its rowids, the global search's
   * order), a slice of whole start dates per transaction (ActivityStore.reindexListText): writes
   * and other calls run between slices, and the list matches a text in search_fts until the fill
   * and its merge are done (ActivityList). If it is cut short, the next open goes on after the
   * last slice committed. 100,000 activities (load 1.5–2.5): one transaction took 5.0–6.7 s and a
   * write made meanwhile waited for all of it (median 2.7–3.7 s, at most 6.6 s); in slices of
   * 1,000 the fill and merge take 5.5–9.3 s and a write waits a median 3 ms, at most one slice or
   * merge step (76–300 ms; FTS5's crisis merge of 16 slices, a WAL checkpoint). 1,000,000
   * activities (load 2–3.5): the fill takes 111–136 s as before, and a write waits a median 3 ms,
   * at most 0.9 s (FTS5's crisis merges, SearchIndex FILL_MERGING); before, up to ~115 s.
   */
  private rebuildSearchIfPending(): void {
    // Not inside an exchange import's transaction (exclusively): a slice would join it.
    const pause = async () => {
      await yieldToEventLoop();
      while (this.exclusive) await this.exclusive;
    };
    const rebuild = async () => {
      if (this.settings.get<boolean>(SEARCH_REBUILD_SETTING))
        await exclusively(this, () =>
          this.writer.writeInSlices(async () => {
            for (const store of this.recordTables()) await store.reindexAll(yieldToEventLoop);
            this.settings.delete(SEARCH_REBUILD_SETTING);
          }),
        );
      // Each partner kind's own text index (migration 028), committed slice by slice; the lists
      // match in search_fts until it is filled. Cut short, it starts again at the next open.
      if (this.settings.get<boolean>(PARTNER_TEXT_PENDING)) {
        const settings = this.settings;
        for (const store of [this.organisations, this.contacts, this.agreements, this.followups]) if (!(await store.fillKindText(pause))) return;
        settings.delete(PARTNER_TEXT_PENDING);
      }
      if (this.settings.get<boolean>(ACTIVITY_TEXT_REBUILD_SETTING)) await this.activities.reindexListText(pause);
    };
    this.searchRebuilt = rebuild().catch((error: unknown) => console.error('Cầu Nối: the search index was not rebuilt; it will be at the next start.', error));
  }

  /** Settles when the search index rebuilt at open (rebuildSearchIfPending) is done, or stopped by close. */
  searchRebuilt: Promise<void> = Promise.resolve();

  /** Closes the database; the key is forgotten and nothing can be read until open() again. */
  lock(): void {
    if (!this.encrypted) throw new AppError('NOT_ENCRYPTED', 'This data folder has no passphrase: it cannot be locked');
    this.close();
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

  /**
   * Set while a long call holds the database in one transaction applied in slices (an
   * exchange import): dispatch makes every other call wait for it.
   */
  exclusive: Promise<void> | null = null;

  /** Every store the exchange applies received field values to (one per entity). */
  remoteStores(): RemoteApplicable[] {
    return [this.missions, ...this.recordTables()];
  }

  /** The stores of the record entities (all but the mission). */
  private recordTables() {
    return [this.activities, this.organisations, this.contacts, this.agreements, this.agreementLog, this.followups, this.reports];
  }

  close(): void {
    this.stopIntegrityCheck();
    this.readers?.close();
    this.readers = null;
    if (this.db?.open) this.db.close();
    this.currentKey = null;
  }
}
