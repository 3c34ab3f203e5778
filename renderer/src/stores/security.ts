/** Locking, shared by the auto-lock, Ctrl+L and the settings (the status itself is a query: api/query). */
import { create } from 'zustand';
import { api } from '../api/client';
import { useAppStore } from './app';
import { flushDrafts } from './drafts';

interface SecurityStore {
  /** Locks now and shows the lock screen. */
  lock(): Promise<void>;
}

export const useSecurityStore = create<SecurityStore>(() => ({
  async lock() {
    // What was typed a moment ago is written while the database is still open.
    await flushDrafts();
    await api('security.lock', {});
    await useAppStore.getState().load();
  },
}));
