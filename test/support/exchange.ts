/** Exchange fixtures: devices of one mission (or HQ), and sending batches between them. */
import { afterEach } from 'vitest';
import type { AppContext } from '../../electron/context';
import type { ImportReport } from '../../shared/domain/exchange';
import { readChain, writeChain } from '../../electron/services/exchange/chain';
import { call, openContext, tempDir } from './context';

export async function device(name: string, options: { role?: 'staff' | 'head'; mode?: 'mission' | 'hq'; code?: string } = {}): Promise<AppContext> {
  const app = openContext();
  const hq = options.mode === 'hq';
  await call(app, 'app.setup', {
    mode: options.mode ?? 'mission',
    mission: hq
      ? { code: 'BNG', nameVi: 'Bộ Ngoại giao', nameEn: 'Ministry of Foreign Affairs', kind: 'other', country: 'VN', city: 'Hà Nội' }
      : {
          code: options.code ?? 'DSQ-JP',
          nameVi: 'Đại sứ quán Việt Nam tại Nhật Bản',
          nameEn: 'Embassy of Viet Nam in Japan',
          kind: 'embassy',
          country: 'JP',
          city: 'Tokyo',
        },
    user: { name, role: options.role ?? 'staff' },
  });
  return app;
}

export interface DeviceOpener {
  (...args: Parameters<typeof device>): Promise<AppContext>;
  /** Closes `app` with the devices opened here. */
  track(app: AppContext): AppContext;
  /** Closes every device opened so far (at the end of a property run). */
  closeAll(): void;
}

/** An opener of devices for a test file: every device it opens is closed after each test. */
export function deviceOpener(): DeviceOpener {
  const opened: AppContext[] = [];
  const track = (app: AppContext) => (opened.push(app), app);
  const closeAll = () => {
    for (const app of opened.splice(0)) app.close();
  };
  afterEach(closeAll);
  return Object.assign(async (...args: Parameters<typeof device>) => track(await device(...args)), { track, closeAll });
}

export async function recipientOf(app: AppContext): Promise<string> {
  return (await call(app, 'exchange.identity', {})).recipient;
}

/** Writes a batch from `from` to `to` and returns its path. */
export async function writeBatch(from: AppContext, to: AppContext): Promise<string> {
  const result = await call(from, 'exchange.export', { recipients: [await recipientOf(to)], out: `${tempDir('caunoi-batch-')}/` });
  return result.path;
}

/** Imports files at `to`, trusting an unknown sender first (as a person would after comparing fingerprints). */
export async function receive(to: AppContext, ...paths: string[]): Promise<ImportReport[]> {
  const files = paths.map((path) => ({ path }));
  let reports = await call(to, 'exchange.import', { files });
  const unknown = reports.filter((r) => r.error?.code === 'BATCH_UNKNOWN_DEVICE');
  if (unknown.length === 0) return reports;
  for (const r of unknown) await call(to, 'exchange.trust', { fingerprint: String(r.error!.params!.fingerprint) });
  reports = await call(to, 'exchange.import', { files });
  return reports;
}

export async function send(from: AppContext, to: AppContext): Promise<ImportReport[]> {
  return receive(to, await writeBatch(from, to));
}

export const activity = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  kind: 'trade-promotion' as const,
  startDate: '2025-03-10',
  ...extra,
});

/** What a person sees of the activities: every field but metadata and local times. */
export function activitySnapshot(app: AppContext): unknown[] {
  return app.db
    .prepare(
      `SELECT id, title, kind, status, start_date, city, sectors, provinces, deal_value_usd, deleted_at IS NOT NULL AS deleted FROM activities ORDER BY id`,
    )
    .all();
}

interface ReceiverPosition {
  id: string;
  stream: string | null;
  last_change_seq: number;
  last_batch_seq: number;
  last_batch_sha256: string | null;
}

/**
 * Runs fn (which writes a batch), then puts the sender back where it was: its position towards
 * every receiver and its change log, so the next batch takes the same place in its chain
 * (unless keep says the receiver applied what fn sent).
 */
export async function rewound<T>(app: AppContext, fn: () => Promise<T>, keep: (result: T) => boolean = () => false): Promise<T> {
  const receivers = app.db.prepare(`SELECT id, stream, last_change_seq, last_batch_seq, last_batch_sha256 FROM receivers`).all() as ReceiverPosition[];
  const lastChange = app.db.prepare(`SELECT coalesce(max(seq), 0) FROM changes`).pluck().get() as number;
  const chain = readChain(app);
  let result: T | undefined;
  try {
    result = await fn();
    return result;
  } finally {
    if (result === undefined || !keep(result)) {
      app.db.prepare(`DELETE FROM changes WHERE seq > ?`).run(lastChange);
      for (const r of receivers) {
        app.db
          .prepare(`UPDATE receivers SET stream = ?, last_change_seq = ?, last_batch_seq = ?, last_batch_sha256 = ? WHERE id = ?`)
          .run(r.stream, r.last_change_seq, r.last_batch_seq, r.last_batch_sha256, r.id);
        app.db.prepare(`DELETE FROM batches_sent WHERE receiver_id = ? AND seq > ?`).run(r.id, r.last_batch_seq);
      }
      writeChain(app, chain);
    }
  }
}
