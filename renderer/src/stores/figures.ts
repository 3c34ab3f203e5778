/** The dashboard's period and its figures (computed in main by figures.compute). */
import { create } from 'zustand';
import type { Figures } from '../../../shared/contract/figures';
import { halfYearOf } from '../../../shared/period';
import { api, onDataReplaced } from '../api/client';
import { todayIso } from '../format';

interface FiguresStore {
  period: string;
  figures: Figures | null;
  loading: boolean;
  error: unknown;
  setPeriod(period: string): void;
  load(): Promise<void>;
}

export const useFigures = create<FiguresStore>((set, get) => ({
  period: halfYearOf(todayIso()),
  figures: null,
  loading: false,
  error: null,
  setPeriod(period) {
    set({ period });
    void get().load();
  },
  async load() {
    const period = get().period;
    set({ loading: true });
    try {
      const figures = await api('figures.compute', { period });
      // A later choice of period wins over a slow earlier answer.
      if (get().period === period) set({ figures, error: null, loading: false });
    } catch (error) {
      if (get().period === period) set({ error, loading: false });
    }
  },
}));

// After a restore or an import the figures are computed again.
onDataReplaced(() => void useFigures.getState().load());
