/**
 * The contract between renderer and main: each channel names a zod schema for its
 * input and, as a phantom type, its output. Main validates every input with the
 * schema; both transports (Electron IPC and the browser host) carry the same calls.
 */
import type { z } from 'zod';

export interface ChannelDef<I extends z.ZodType, O> {
  input: I;
  /** Type-only: never read at run time. */
  output: O;
  /** A long call reports progress events under its task id. */
  long?: boolean;
}

export function channel<I extends z.ZodType>(input: I, options: { long?: boolean } = {}) {
  return {
    returns: <O>(): ChannelDef<I, O> => ({ input, output: undefined as O, ...options }),
  };
}

export type ChannelMap = Record<string, ChannelDef<z.ZodType, unknown>>;
