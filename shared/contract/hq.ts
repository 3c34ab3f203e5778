import { z } from 'zod';
import type { MissionKind } from '../domain/enums';
import type { HqMission } from '../domain/exchange';
import { isoDate } from '../domain/validation';
import { isPeriodId } from '../period';
import type { Figures, KeyFigure } from './figures';
import type { GeneratedFile } from './reports';
import { channel } from './define';

/** Key figures of one mission or region: value this period and in the same period a year before. */
export type KeyValues = Record<KeyFigure, { value: number; previous: number }>;

/** A deal (activity) or agreement that several missions reported: counted once at HQ. */
export interface SharedRecord {
  entity: 'activity' | 'agreement';
  title: string;
  /** Start date of the activity, signed date of the agreement. */
  date: string;
  valueUsd: number;
  reportedBy: { missionId: string; code: string; recordId: string }[];
}

export interface ConsolidatedFigures {
  period: string;
  previousPeriod: string;
  /** Every mission together (figures.compute with no mission): by kind, by locality, top sectors… */
  total: Figures;
  byMission: { missionId: string; code: string; nameVi: string; nameEn: string; kind: MissionKind; country: string; region: string; key: KeyValues }[];
  /**
   * Sums over the region's missions (permanent missions are a group of their own), money
   * rounded to the cent and shared deals counted once; provincesSupported (distinct
   * localities) does not add up and is left out.
   */
  byRegion: { region: string; missions: number; key: Partial<KeyValues> }[];
  /** Deals and agreements of the period reported by more than one mission, counted once in total and regions. */
  shared: SharedRecord[];
}

const PeriodInput = z.object({ period: z.string().refine(isPeriodId, { error: 'invalid_period' }) });

/** Days after a period ends that a mission has to send the batch carrying it before it is late. */
export const REPORT_GRACE_DAYS = 30;

export const hqChannels = {
  /**
   * Every expected mission (the register) and every mission that sent anything: its state for
   * the period (default: the last half-year ended by asOf), last batch, gaps, lag, devices.
   */
  'hq.missions': channel(
    z.object({ period: z.string().refine(isPeriodId, { error: 'invalid_period' }).optional(), asOf: isoDate.optional() }),
  ).returns<HqMission[]>(),
  /** HQ's consolidated figures of a period: all missions, by mission, by region (same definitions as a mission's). */
  'hq.figures': channel(PeriodInput).returns<ConsolidatedFigures>(),
  /** The consolidated figures as .xlsx (total, by mission, by region, by kind, by locality). */
  'hq.figuresXlsx': channel(PeriodInput, { long: true }).returns<GeneratedFile>(),
};
