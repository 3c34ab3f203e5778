import { z } from 'zod';
import type { HqMission } from '../domain/exchange';
import { isPeriodId } from '../period';
import type { Figures, KeyFigure } from './figures';
import type { GeneratedFile } from './reports';
import { channel } from './define';

/** Key figures of one mission or region: value this period and in the same period a year before. */
export type KeyValues = Record<KeyFigure, { value: number; previous: number }>;

export interface ConsolidatedFigures {
  period: string;
  previousPeriod: string;
  /** Every mission together (figures.compute with no mission): by kind, by locality, top sectors… */
  total: Figures;
  byMission: { missionId: string; code: string; nameVi: string; nameEn: string; country: string; region: string; key: KeyValues }[];
  /** Sums over the region's missions; provincesSupported (distinct localities) does not add up and is null. */
  byRegion: { region: string; missions: number; key: Partial<KeyValues> }[];
}

const PeriodInput = z.object({ period: z.string().refine(isPeriodId, { error: 'invalid_period' }) });

export const hqChannels = {
  /** Every mission that sent batches: its last batch, gaps in each device's sequence, lag. */
  'hq.missions': channel(z.object({})).returns<HqMission[]>(),
  /** HQ's consolidated figures of a period: all missions, by mission, by region (same definitions as a mission's). */
  'hq.figures': channel(PeriodInput).returns<ConsolidatedFigures>(),
  /** The consolidated figures as .xlsx (total, by mission, by region, by kind, by locality). */
  'hq.figuresXlsx': channel(PeriodInput, { long: true }).returns<GeneratedFile>(),
};
