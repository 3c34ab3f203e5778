/**
 * Unsaved typing goes to the encrypted database (draft.* channels), never to browser storage.
 * Writes are debounced and sent one after another, so a discard never loses to a late save;
 * everything pending is written before the app locks or the page goes away.
 */
import type { ChannelInput } from '../../../shared/contract';
import { api } from '../api/client';

const SAVE_DELAY_MS = 300;

let queue: Promise<unknown> = Promise.resolve();
const pending = new Map<string, { value: unknown; timer: ReturnType<typeof setTimeout> }>();

function enqueue<T>(work: () => Promise<T>): Promise<T> {
  const next = queue.then(work, work);
  queue = next.catch(() => undefined);
  return next;
}

function write(key: string): Promise<unknown> {
  const entry = pending.get(key);
  if (!entry) return queue;
  clearTimeout(entry.timer);
  pending.delete(key);
  return enqueue(() => api('draft.save', { key, value: entry.value as ChannelInput<'draft.save'>['value'] })).catch(() => undefined);
}

export function loadDraft<T>(key: string): Promise<T | null> {
  return enqueue(() => api('draft.get', { key })).then((draft) => (draft ? (draft.value as T) : null));
}

/** Keeps the newest value of a draft; written a moment after the last keystroke. */
export function keepDraft(key: string, value: unknown): void {
  const entry = pending.get(key);
  if (entry) clearTimeout(entry.timer);
  pending.set(key, { value, timer: setTimeout(() => void write(key), SAVE_DELAY_MS) });
}

export function discardDraft(key: string): Promise<unknown> {
  const entry = pending.get(key);
  if (entry) clearTimeout(entry.timer);
  pending.delete(key);
  return enqueue(() => api('draft.discard', { key })).catch(() => undefined);
}

/** Writes every pending draft now (before locking, leaving the page, closing a form). */
export function flushDrafts(): Promise<unknown> {
  return Promise.all([...pending.keys()].map(write));
}

if (typeof window !== 'undefined') window.addEventListener('pagehide', () => void flushDrafts());
