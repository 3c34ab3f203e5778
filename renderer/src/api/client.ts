/**
 * The renderer's typed client. It never knows which transport it has: Electron's
 * preload bridge (window.cauNoi) or the browser host's HTTP API.
 */
import type { ChannelInput, ChannelName, ChannelOutput, ProgressEvent } from '../../../shared/contract';
import { AppError, type Result } from '../../../shared/errors';

interface Bridge {
  transport: 'electron' | 'browser';
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  onProgress(listener: (event: ProgressEvent) => void): () => void;
}

declare global {
  interface Window {
    cauNoi?: Bridge;
  }
}

/** The browser host's session is an HttpOnly cookie: the page never sees a secret, the browser sends it. */
function httpBridge(): Bridge {
  const listeners = new Set<(event: ProgressEvent) => void>();
  let source: EventSource | null = null;
  return {
    transport: 'browser',
    async invoke(channel, input) {
      try {
        const response = await fetch(`/api/invoke/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
        return (await response.json()) as Result<unknown>;
      } catch (error) {
        return { ok: false, error: { code: 'NETWORK', message: (error as Error).message } };
      }
    },
    onProgress(listener) {
      listeners.add(listener);
      if (!source) {
        source = new EventSource('/api/events');
        source.onmessage = (message) => {
          const event = JSON.parse(message.data as string) as ProgressEvent;
          listeners.forEach((l) => l(event));
        };
      }
      return () => listeners.delete(listener);
    },
  };
}

const bridge: Bridge = window.cauNoi ?? httpBridge();

export const transport = bridge.transport;

let lockedHandler: () => void = () => {};
/** Main locked itself (system sleep, screen lock): the shell is told at once, not at its next check. */
export function onLocked(handler: () => void): void {
  lockedHandler = handler;
}

/**
 * Calls that change records wholesale (a restore, an import, a merge): the lists and figures on
 * screen are read again after them, so nothing shows the data as it was before.
 */
const WHOLESALE: ReadonlySet<ChannelName> = new Set<ChannelName>(['backup.restore', 'exchange.import', 'exchange.resolve', 'partnerImport.commit', 'organisation.merge', 'activity.createMany']);
const dataListeners = new Set<() => void>();

/** Runs `listener` after every wholesale change; returns the unsubscribe. */
export function onDataReplaced(listener: () => void): () => void {
  dataListeners.add(listener);
  return () => dataListeners.delete(listener);
}

/** Calls a contract channel; resolves with its output or throws an AppError. */
export async function api<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await bridge.invoke(channel, input);
  if (!result.ok && result.error.code === 'LOCKED') lockedHandler();
  if (!result.ok) throw AppError.from(result.error);
  if (WHOLESALE.has(channel) && !(input as { dryRun?: boolean }).dryRun) for (const listener of dataListeners) listener();
  return result.value as ChannelOutput<C>;
}

export function onProgress(listener: (event: ProgressEvent) => void): () => void {
  return bridge.onProgress(listener);
}

/** Saves bytes (base64) as a file: a download in the browser host, a save dialog in Electron. */
export function downloadBase64(fileName: string, base64: string, mimeType: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
