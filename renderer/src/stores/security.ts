/** The folder's protection as main reports it, shared by the auto-lock and the settings. */
import { create } from 'zustand';
import type { SecurityStatus } from '../../../shared/contract/security';
import { api } from '../api/client';
import { useAppStore } from './app';
import { flushDrafts } from './drafts';

interface SecurityStore {
  status: SecurityStatus | null;
  refresh(): Promise<SecurityStatus>;
  /** Locks now and shows the lock screen. */
  lock(): Promise<void>;
}

export const useSecurityStore = create<SecurityStore>((set) => ({
  status: null,
  async refresh() {
    const status = await api('security.status', {});
    set({ status });
    // Main may have locked on its own (system sleep, screen lock): show the lock screen.
    if (status.locked && !useAppStore.getState().state?.locked) await useAppStore.getState().load();
    return status;
  },
  async lock() {
    // What was typed a moment ago is written while the database is still open.
    await flushDrafts();
    set({ status: await api('security.lock', {}) });
    await useAppStore.getState().load();
  },
}));
