/**
 * Locks the app after the chosen idle time (no key, pointer or wheel input), on Ctrl+L,
 * and notices when main locked it (system sleep). Renders nothing.
 */
import { useCallback, useEffect, useRef } from 'react';
import { onLocked } from '../api/client';
import { useShortcut } from '../components/useShortcut';
import { useAppStore } from '../stores/app';
import { useSecurityStore } from '../stores/security';

const CHECK_MS = 5_000;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export function AutoLock() {
  const { status, refresh, lock } = useSecurityStore();
  const lastInput = useRef(0);
  const encrypted = Boolean(status?.encrypted);
  const idleMinutes = status?.idleMinutes ?? 0;

  useEffect(() => {
    onLocked(() => void useAppStore.getState().load());
    lastInput.current = Date.now();
    void refresh().catch(() => undefined);
    const onInput = () => {
      lastInput.current = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onInput, { passive: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onInput);
    };
  }, [refresh]);

  useEffect(() => {
    if (!encrypted) return;
    const timer = setInterval(() => {
      if (idleMinutes > 0 && Date.now() - lastInput.current >= idleMinutes * 60_000) void lock().catch(() => undefined);
      else void refresh().catch(() => undefined);
    }, CHECK_MS);
    return () => clearInterval(timer);
  }, [encrypted, idleMinutes, lock, refresh]);

  const lockNow = useCallback(() => {
    if (encrypted) void lock();
  }, [encrypted, lock]);
  useShortcut('lock', lockNow, { evenOverDialogs: true });
  return null;
}
