/** App-wide state: the device's setup, the current page, and notifications. */
import { create } from 'zustand';
import type { AppState } from '../../../shared/contract/app';
import { api } from '../api/client';

export interface Route {
  page: string;
  /** Page-specific parameters, e.g. a filter to open the activity list with. */
  params?: Record<string, unknown>;
}

export interface Toast {
  id: number;
  text: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void };
}

interface AppStore {
  state: AppState | null;
  /** The activity form, open over any page: a record's id, or null for a new one. */
  activityForm: { id: string | null } | null;
  loadError: unknown;
  route: Route;
  toasts: Toast[];
  load(): Promise<void>;
  setState(state: AppState): void;
  navigate(page: string, params?: Record<string, unknown>): void;
  /** A page with unsaved work asks before it is left: returns false to stay. */
  leaveGuard: (() => boolean) | null;
  setLeaveGuard(guard: (() => boolean) | null): void;
  notify(toast: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
  openActivity(id: string | null): void;
  closeActivity(): void;
}

let nextToastId = 1;
const TOAST_MS = 8000;

export const useAppStore = create<AppStore>((set, get) => ({
  state: null,
  loadError: null,
  // No page chosen yet: the shell opens the person's usual one (see App).
  route: { page: '' },
  toasts: [],
  activityForm: null,
  async load() {
    try {
      set({ state: await api('app.state', {}), loadError: null });
    } catch (error) {
      set({ loadError: error });
    }
  },
  setState(state) {
    set({ state });
  },
  navigate(page, params) {
    const guard = get().leaveGuard;
    if (guard && !guard()) return;
    set({ route: { page, params }, leaveGuard: null });
  },
  leaveGuard: null,
  setLeaveGuard(leaveGuard) {
    set({ leaveGuard });
  },
  notify(toast) {
    const id = nextToastId++;
    set({ toasts: [...get().toasts, { ...toast, id }].slice(-4) });
    setTimeout(() => get().dismiss(id), TOAST_MS);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
  openActivity(id) {
    set({ activityForm: { id } });
  },
  closeActivity() {
    set({ activityForm: null });
  },
}));
