/** Runs a long contract call and follows its progress events (the renderer shows a bar). */
import { useEffect, useState } from 'react';
import type { ChannelName } from '../../../shared/contract';
import { onProgress } from '../api/client';

export interface ProgressState {
  done: number;
  total: number;
  stage: string;
}

/**
 * The progress of `channel`'s call while `active`. It listens for as long as the screen shows, not
 * from when the call starts: a short call's one stage (an upgrade before a restore) can come
 * before an effect started with the call would listen, or the browser host's event stream open.
 */
export function useProgress(channel: ChannelName, active: boolean): ProgressState | null {
  const [progress, setProgress] = useState<ProgressState | null>(null);
  useEffect(
    () =>
      onProgress((event) => {
        if (event.channel === channel) setProgress({ done: event.done, total: event.total, stage: event.stage });
      }),
    [channel],
  );
  // The next call starts from nothing, not from where this one ended (set while rendering, as
  // React advises for state that follows a prop).
  const [wasActive, setWasActive] = useState(active);
  if (wasActive !== active) {
    setWasActive(active);
    if (!active) setProgress(null);
  }
  return active ? progress : null;
}

/** Bytes of a dropped or chosen file as base64 (in pieces: large files overflow a single call). */
export async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}
