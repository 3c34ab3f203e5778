/**
 * The one entry point for calls from any transport: checks the channel exists,
 * validates the input against the contract, runs the handler, and turns every
 * failure into an error payload with a code (never a stack trace for the UI).
 */
import { randomUUID } from 'node:crypto';
import { contract, isChannelName, type ProgressEvent } from '../../shared/contract';
import { AppError, validationError, type Result } from '../../shared/errors';
import type { AppContext } from '../context';
import { handlers } from '../handlers';
import type { Handler } from '../handlers/types';

export type ProgressSink = (event: ProgressEvent) => void;

export async function dispatch(app: AppContext, channel: string, rawInput: unknown, onProgress: ProgressSink = () => {}): Promise<Result<unknown>> {
  try {
    if (!isChannelName(channel)) throw new AppError('UNKNOWN_CHANNEL', `Unknown channel: ${channel}`);
    const parsed = contract[channel].input.safeParse(rawInput ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    const taskId = randomUUID();
    const handler = handlers[channel] as Handler<typeof channel>;
    const value = await handler(parsed.data as never, {
      app,
      progress: (event) => onProgress({ ...event, taskId, channel }),
    });
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorPayload(error) };
  }
}

export function toErrorPayload(error: unknown) {
  if (error instanceof AppError) return error.toPayload();
  const message = error instanceof Error ? error.message : String(error);
  if (/SQLITE_BUSY|database is locked/i.test(message)) return new AppError('DB_LOCKED', message).toPayload();
  // Unexpected: keep the detail for the log, give the person a plain sentence.
  console.error('[cau-noi] unexpected error:', error);
  return new AppError('INTERNAL', message).toPayload();
}
