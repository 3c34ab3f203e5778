/**
 * The one entry point for calls from any transport: checks the channel exists,
 * validates the input against the contract, runs the handler, and turns every
 * failure into an error payload with a code (never a stack trace for the UI).
 */
import { randomUUID } from 'node:crypto';
import { contract, isChannelName, type ProgressEvent } from '../../shared/contract';
import { CHANNELS_WHILE_LOCKED } from '../../shared/contract/security';
import { AppError, validationError, type Result } from '../../shared/errors';
import type { AppContext } from '../context';
import { knownSqliteError } from '../db/open';
import { handlers } from '../handlers';
import { POOLED_CHANNELS } from '../services/reads';
import type { Handler } from '../handlers/types';

export type ProgressSink = (event: ProgressEvent) => void;

/** How a transport hands a call on: to dispatch in this thread, or to the data thread (data-host/client.ts). */
export type Dispatcher = (channel: string, input: unknown, onProgress: ProgressSink) => Promise<Result<unknown>>;

export async function dispatch(app: AppContext, channel: string, rawInput: unknown, onProgress: ProgressSink = () => {}): Promise<Result<unknown>> {
  try {
    if (!isChannelName(channel)) throw new AppError('UNKNOWN_CHANNEL', `Unknown channel: ${channel}`);
    if (app.locked && !CHANNELS_WHILE_LOCKED.has(channel)) throw app.problem ?? new AppError('LOCKED', 'Cầu Nối is locked: enter the passphrase');
    // A long write applied in slices keeps other calls out of its transaction; the pool's
    // reads are on connections of their own and read the last committed state meanwhile.
    const pooled = app.readers !== null && POOLED_CHANNELS.has(channel);
    if (!pooled) while (app.exclusive) await app.exclusive;
    const parsed = contract[channel].input.safeParse(rawInput ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    // Named when it first reports progress: most calls never do.
    let taskId: string | undefined;
    const handler = handlers[channel] as Handler<typeof channel>;
    // A read writes nothing; while it waits for the pool, an import's batch may commit. With no
    // pool there is no one to tell (each check is a statement).
    const writesBefore = pooled || !app.readers ? null : app.writes;
    try {
      const value = await handler(parsed.data as never, {
        app,
        progress: (event) => onProgress({ ...event, taskId: (taskId ??= randomUUID()), channel }),
      });
      return { ok: true, value };
    } finally {
      // Readers keeping a snapshot through an import must show what this call wrote.
      if (writesBefore !== null && app.writes !== writesBefore) app.readers?.wrote();
    }
  } catch (error) {
    return { ok: false, error: toErrorPayload(error, channel) };
  }
}

export function toErrorPayload(error: unknown, channel = '?') {
  if (error instanceof AppError) return error.toPayload();
  const known = knownSqliteError(error);
  if (known) return known.toPayload();
  const message = error instanceof Error ? error.message : String(error);
  // Unexpected: the log gets where it happened, never the message (it can quote record
  // contents, e.g. a JSON parse error); the person gets the message, on their own screen.
  const where = error instanceof Error ? (error.stack ?? '').split('\n').slice(1, 6).join('\n') : '';
  console.error(`[cau-noi] unexpected ${error instanceof Error ? error.name : typeof error} in ${channel}\n${where}`);
  return new AppError('INTERNAL', message).toPayload();
}
