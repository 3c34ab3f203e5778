/**
 * Locks the app after the chosen idle time (no key, pointer or wheel input), on Ctrl+L,
 * and notices when main locked it (system sleep). Renders nothing.
 */
import { useCallback, useEffect, useRef } from 'react';
import { onLocked } from '../api/client';
import { useChannel } from '../api/query';
import { useShortcut } from '../components/useShortcut';
import { useAppStore } from '../stores/app';
import { useSecurityStore } from '../stores/security';

const CHECK_MS = 5_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export function AutoLock() {
  const lock = useSecurityStore((s) => s.lock);
  const load = useAppStore((s) => s.load);
  // Asked again every few seconds while the data is encrypted: main may lock on its own (system sleep, screen lock).
  const status = useChannel('security.status', {}, { refetchInterval: (s) => (s?.encrypted ? CHECK_MS : false) }).data;
  const lastInput = useRef(0);
  const encrypted = Boolean(status?.encrypted);
  const idleMinutes = status?.idleMinutes ?? 0;
  const mainLocked = Boolean(status?.locked);

  useEffect(() => {
    onLocked(() => void useAppStore.getState().load());
    lastInput.current = Date.now();
    const onInput = () => {
      lastInput.current = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onInput, { passive: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onInput);
    };
  }, []);

  // Main locked on its own: the lock screen is shown.
  useEffect(() => {
    if (mainLocked) void load();
  }, [mainLocked, load]);

  useEffect(() => {
    if (!encrypted || idleMinutes === 0) return;
    const timer = setInterval(() => {
      if (Date.now() - lastInput.current >= idleMinutes * 60_000) void lock().catch(() => undefined);
    }, CHECK_MS);
    return () => clearInterval(timer);
  }, [encrypted, idleMinutes, lock]);

  const lockNow = useCallback(() => {
    if (encrypted) void lock();
  }, [encrypted, lock]);
  useShortcut('lock', lockNow, { evenOverDialogs: true });
  return null;
}
