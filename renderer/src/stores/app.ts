/** App-wide state: the device's setup, the current page, and notifications. */
import { create } from 'zustand';
import type { AppState } from '../../../shared/contract/app';
import { AppError } from '../../../shared/errors';
import { api } from '../api/client';
import { arrivedState, takeEarlyState } from '../early';
import { addressOf, plainRoute, routeFromAddress, type Route } from '../router';

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
  /** The data is upgraded for this version as it opens at start: said while the state is asked again. */
  upgrading: boolean;
  route: Route;
  toasts: Toast[];
  load(): Promise<void>;
  setState(state: AppState): void;
  navigate(page: string, params?: Record<string, unknown>): Promise<void>;
  /** The page's lasting parameters changed (a filter): the address follows, without a history step. */
  keepParams(page: string, params: Record<string, unknown>): void;
  /** Back or forward in the history: the page the address names. */
  followAddress(): Promise<void>;
  /** A page with unsaved work asks before it is left: resolves false to stay. */
  leaveGuard: (() => Promise<boolean>) | null;
  setLeaveGuard(guard: (() => Promise<boolean>) | null): void;
  notify(toast: Omit<Toast, 'id'>): void;
  dismiss(id: number): void;
  openActivity(id: string | null): void;
  closeActivity(): void;
}

let nextToastId = 1;
/** How often the state is asked again while the data is upgraded at start. */
const UPGRADE_POLL_MS = 1000;
// An address with lasting parameters (a filter) is read through their schemas before the first page shows (load).
const plainStart = plainRoute(location.hash);
let addressed = plainStart ? null : routeFromAddress(location.hash);

export const useAppStore = create<AppStore>((set, get) => ({
  state: plainStart && arrivedState(),
  loadError: null,
  upgrading: false,
  // The address's page, or none yet: the shell then opens the person's usual one (see App).
  route: plainStart ?? { page: '' },
  toasts: [],
  activityForm: null,
  async load() {
    const reading = addressed;
    addressed = null;
    try {
      const [state, route] = await Promise.all([takeEarlyState() ?? api('app.state', {}), reading]);
      // The state the store started with (early.ts) is not set again: that would render the whole shell twice.
      if (state !== get().state || get().loadError || route) set({ state, loadError: null, upgrading: false, ...(route ? { route } : {}) });
    } catch (error) {
      if (error instanceof AppError && error.code === 'UPGRADING') {
        // Not yet: the address is still to be read when the state comes.
        addressed = reading;
        set({ upgrading: true });
        setTimeout(() => void get().load(), UPGRADE_POLL_MS);
        return;
      }
      set({ loadError: error });
    }
  },
  setState(state) {
    set({ state });
  },
  async navigate(page, params) {
    const guard = get().leaveGuard;
    if (guard && !(await guard())) return;
    const route = { page, params };
    set({ route, leaveGuard: null });
    if (addressOf(route) !== location.hash) history.pushState(null, '', addressOf(route));
  },
  keepParams(page, params) {
    // The page is named: the landing page is shown while the address names none.
    const route = { page, params };
    set({ route });
    history.replaceState(null, '', addressOf(route));
  },
  async followAddress() {
    const guard = get().leaveGuard;
    const next = await routeFromAddress(location.hash);
    if (guard && !(await guard())) {
      // Stay: the address goes back to this page.
      history.pushState(null, '', addressOf(get().route));
      return;
    }
    set({ route: next, leaveGuard: null });
  },
  leaveGuard: null,
  setLeaveGuard(leaveGuard) {
    set({ leaveGuard });
  },
  notify(toast) {
    const id = nextToastId++;
    // How long each stays is the toast's own business (components/Toasts).
    set({ toasts: [...get().toasts, { ...toast, id }].slice(-4) });
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
