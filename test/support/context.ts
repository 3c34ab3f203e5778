/** Test fixtures built in code: a fresh data folder with a set-up mission. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppContext } from '../../electron/context';
import { dispatch } from '../../electron/ipc/dispatch';
import { DEMO_MISSION } from '../../electron/services/demo';
import { enableEncryption } from '../../electron/services/security';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract';
import type { ActivityFilter, ActivityListInput } from '../../shared/domain/activity';
import { AppError } from '../../shared/errors';

export function tempDir(prefix = 'caunoi-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** `readers`: worker threads for the expensive reads, as the app has (none by default, as the CLI). */
export function openContext(dataDir = tempDir(), readers = 0): AppContext {
  return new AppContext({ dataDir, transport: 'cli', appVersion: '0.0.0-test', readers });
}

export const TEST_PASSPHRASE = 'Hà Nội mùa thu 2025';

/** An encrypted folder, unlocked (the default openContext stays plain for speed). */
export async function openEncryptedContext(dataDir = tempDir(), passphrase = TEST_PASSPHRASE, readers = 0): Promise<AppContext> {
  const app = openContext(dataDir, readers);
  await enableEncryption(app, passphrase);
  return app;
}

export async function call<C extends ChannelName>(app: AppContext, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await dispatch(app, channel, input);
  if (!result.ok) throw AppError.from(result.error);
  return result.value as ChannelOutput<C>;
}

/** The ids of a list read page after page (small pages, so page boundaries are crossed), in the list's order. */
export async function listedIds(app: AppContext, filter: ActivityFilter, sort: ActivityListInput['sort'], size = 7): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += size) {
    const page = await call(app, 'activity.list', { filter, sort, offset, limit: size, withTotal: false });
    ids.push(...page.rows.map((r) => r.id));
    if (page.rows.length < size) return ids;
  }
}

/** The set-up of the demo mission (the embassy in Japan) with one officer. */
export const missionSetup = (role: 'staff' | 'head' = 'staff'): ChannelInput<'app.setup'> => ({
  mode: 'mission',
  mission: DEMO_MISSION,
  user: { name: 'Nguyễn Thu Hà', role },
});

export async function setUpMission(app: AppContext, role: 'staff' | 'head' = 'staff'): Promise<AppContext> {
  await call(app, 'app.setup', missionSetup(role));
  return app;
}
