/**
 * Numbered migrations on PRAGMA user_version, applied together in one transaction.
 * The list must be 1..N with no gaps (checked), and a database whose version is above
 * N was written by a newer Cầu Nối: it is refused rather than damaged.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/errors';
import { migration001 } from './001-initial';
import { migration002 } from './002-partners';
import { migration003 } from './003-reports';
import { migration004 } from './004-exchange';
import { migration005 } from './005-list-indexes';
import { migration006 } from './006-search-prefixes';
import { migration007 } from './007-report-annexes';
import { migration008 } from './008-drafts';
import { migration009 } from './009-change-authors';
import { migration010 } from './010-mission-register';
import { migration011 } from './011-device-revocations';
import { migration012 } from './012-enrolment';
import { migration013 } from './013-outbox';
import { migration014 } from './014-report-header';
import { migration015 } from './015-import-keys';
import { migration016 } from './016-list-covering';
import { migration017 } from './017-mission-indexes';
import { migration018 } from './018-activity-tallies';
import { migration019 } from './019-activity-lookup';
import { migration020 } from './020-activity-text';
import { migration021 } from './021-activity-text-mission';
import { migration022 } from './022-link-keys';
import { migration023 } from './023-search-titles';
import { migration024 } from './024-activity-text-terms';
import { migration025 } from './025-partner-lists';
import { migration026 } from './026-search-by-kind';
import { migration027 } from './027-activity-partners';
import { migration028 } from './028-partner-text';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
  migration018,
  migration019,
  migration020,
  migration021,
  migration022,
  migration023,
  migration024,
  migration025,
  migration026,
  migration027,
  migration028,
];

export function latestSchemaVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.length;
}

export function runMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration list is not contiguous at ${m.name}: expected version ${i + 1}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = latestSchemaVersion(migrations);
  if (current > latest) {
    throw new AppError(
      'DB_NEWER_VERSION',
      `This data was written by a newer version of Cầu Nối (schema ${current}; this version knows up to ${latest}). Update the application.`,
      { params: { found: current, supported: latest } },
    );
  }
  if (current === latest) return { from: current, to: latest };
  db.transaction(() => {
    for (const m of migrations.slice(current)) m.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
  return { from: current, to: latest };
}
