/**
 * The app's keyboard shortcuts, one place for what each key is and how it is shown.
 * Browsers keep Ctrl+N (a new window) for themselves, so "new" is also Alt+N (⌥N), the one
 * shown in the browser host; the Electron window shows Ctrl+N (⌘N). Keys typed while an
 * input method composes are the input method's, and shortcuts wait while a dialog is open
 * (except locking, which always works).
 */
import { useEffect, useEffectEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { transport } from '../api/client';
import { isComposing } from './keys';

export type ShortcutName = 'new' | 'search' | 'lock' | 'save';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** Ctrl on Windows and Linux, ⌘ on macOS. */
function primary(e: KeyboardEvent): boolean {
  return isMac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
}

// e.code, not e.key: ⌥N on a Mac types a dead key, and Telex keyboards remap letters.
const MATCHES: Record<ShortcutName, (e: KeyboardEvent) => boolean> = {
  new: (e) => !e.shiftKey && e.code === 'KeyN' && ((primary(e) && !e.altKey) || (e.altKey && !e.ctrlKey && !e.metaKey)),
  search: (e) => primary(e) && !e.altKey && !e.shiftKey && e.code === 'KeyK',
  lock: (e) => primary(e) && !e.altKey && !e.shiftKey && e.code === 'KeyL',
  save: (e) => primary(e) && !e.altKey && (e.key === 'Enter' || e.code === 'KeyS'),
};

export function matchesShortcut(name: ShortcutName, e: KeyboardEvent): boolean {
  return !isComposing(e) && MATCHES[name](e);
}

export function shortcutLabel(name: ShortcutName): string {
  const key = { new: 'N', search: 'K', lock: 'L', save: 'Enter' }[name];
  if (name === 'new' && transport === 'browser') return isMac ? '⌥N' : 'Alt+N';
  return isMac ? `⌘${key === 'Enter' ? '↩' : key}` : `Ctrl+${key}`;
}

/**
 * A form's keys: Escape closes it, Ctrl+Enter saves it, and an Enter in a one-line field (typed
 * too early, or committing an input method's syllable) never submits a half-filled form.
 */
export function formKeyDown(e: ReactKeyboardEvent, actions: { close(): void; save(): void }): void {
  if (e.key === 'Enter' && e.target instanceof HTMLInputElement && !matchesShortcut('save', e.nativeEvent)) e.preventDefault();
  if (isComposing(e)) return;
  if (e.key === 'Escape') {
    e.preventDefault();
    e.stopPropagation();
    actions.close();
  } else if (matchesShortcut('save', e.nativeEvent)) {
    e.preventDefault();
    e.stopPropagation();
    actions.save();
  }
}

/** A modal dialog (a form drawer, the search box, a confirmation) is open. */
export function dialogOpen(): boolean {
  return document.querySelector('[aria-modal="true"], dialog[open]') !== null;
}

/** Runs `run` on the shortcut anywhere in the window. */
export function useShortcut(name: ShortcutName, run: () => void, options: { evenOverDialogs?: boolean } = {}): void {
  const fire = useEffectEvent(run);
  const evenOverDialogs = Boolean(options.evenOverDialogs);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!matchesShortcut(name, e) || (!evenOverDialogs && dialogOpen())) return;
      e.preventDefault();
      fire();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [name, evenOverDialogs]);
}

let pageNewRecord: (() => void) | null = null;

/**
 * A list page's own "new" (a new partner on Đối tác...). The shell's "new" shortcut and nothing
 * else calls it; on pages without one it opens a new activity.
 */
export function useNewRecord(run: () => void): void {
  const fire = useEffectEvent(run);
  useEffect(() => {
    const own = () => fire();
    pageNewRecord = own;
    return () => {
      if (pageNewRecord === own) pageNewRecord = null;
    };
  }, []);
}

export function runNewRecord(fallback: () => void): void {
  (pageNewRecord ?? fallback)();
}
