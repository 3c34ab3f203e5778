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
 * What a channel does is read from its last word: these only read (drafts are the person's own
 * unsaved text and change nothing shown elsewhere). Every other call may change records, so after
 * it succeeds whatever is on screen is read again (the data layer's invalidation): a new channel
 * is a writer until it is listed here, which costs a refetch, never a stale view.
 */
const READ_VERBS: ReadonlySet<string> = new Set([
  'get',
  'list',
  'count',
  'timeline',
  'identity',
  'receivers',
  'devices',
  'conflicts',
  'compute',
  'agreements',
  'due',
  'missions',
  'figures',
  'figuresXlsx',
  'duplicates',
  'preview',
  'defaults',
  'document',
  'model',
  'compose',
  'query',
  'status',
  'state',
  'draftFromActivity',
  'outbox',
  'invitations',
  'missing',
]);

export function isReadOnly(channel: ChannelName, input: unknown): boolean {
  if (channel.startsWith('draft.') || (input as { dryRun?: boolean } | null)?.dryRun === true) return true;
  return READ_VERBS.has(channel.slice(channel.lastIndexOf('.') + 1));
}

const dataListeners = new Set<() => void>();

/** Runs `listener` after every call that may have changed records; returns the unsubscribe. */
export function onDataChanged(listener: () => void): () => void {
  dataListeners.add(listener);
  return () => dataListeners.delete(listener);
}

/** Calls a contract channel; resolves with its output or throws an AppError. */
export async function api<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await bridge.invoke(channel, input);
  if (!result.ok && result.error.code === 'LOCKED') lockedHandler();
  if (!result.ok) throw AppError.from(result.error);
  if (!isReadOnly(channel, input)) for (const listener of dataListeners) listener();
  return result.value as ChannelOutput<C>;
}

export function onProgress(listener: (event: ProgressEvent) => void): () => void {
  return bridge.onProgress(listener);
}

/** Saves bytes (base64) as a file: a download in the browser host, a save dialog in Electron. */
export function downloadBase64(fileName: string, base64: string, mimeType: string): void {
  downloadBlob(fileName, new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: mimeType }));
}

/** Saves text (a signed JSON file) as a file. */
export function downloadText(fileName: string, text: string, mimeType = 'application/json'): void {
  downloadBlob(fileName, new Blob([text], { type: mimeType }));
}

function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
