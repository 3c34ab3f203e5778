/**
 * The figures of a period (docs/figures.md defines each one), as computed by
 * electron/services/figures.ts. Apart from the contract (shared/contract/figures.ts re-exports
 * it) so that the threads that compute them load no schema library.
 */
import type { ActivityFilter } from './activity';
import type { ActivityKind, AgreementKind, AgreementStatus } from './enums';
import type { DueItem } from './followup';

/** The records behind a figure: a filter for activity.list, or the ids of agreements / follow-ups. */
export interface Drill {
  activities?: ActivityFilter;
  agreementIds?: string[];
  followupIds?: string[];
}

/** A counted figure with the same period one year earlier and the change. */
export interface Figure {
  value: number;
  previous: number;
  change: number;
  /** Change in per cent of the previous value, one decimal; null when the previous value is 0. */
  changePercent: number | null;
  drill: Drill;
}

/** How far ahead (days) an open follow-up counts as due soon; followup.due uses the same window. */
export const DUE_SOON_DAYS = 14;

export const KEY_FIGURES = [
  'activitiesDone',
  'localityActivities',
  'provincesSupported',
  'businessesSupported',
  'dealValueUsd',
  'agreementsSigned',
  'agreementsForLocalities',
  'agreementsValueUsd',
  'activitiesPlanned',
  'activitiesCancelled',
] as const;
export type KeyFigure = (typeof KEY_FIGURES)[number];
/** Key figures in US dollars (rounded to the cent, shown as money). */
export const MONEY_FIGURES: ReadonlySet<KeyFigure> = new Set(['dealValueUsd', 'agreementsValueUsd']);

/** Money rounded to the cent, the one rounding every sum of USD goes through. */
export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

export interface FigureAgreementRow {
  id: string;
  title: string;
  kind: AgreementKind;
  status: AgreementStatus;
  signedDate: string;
  provinceId: string | null;
  partner: string | null;
  valueUsd: number | null;
}

export interface Figures {
  /** Shape version of this object (frozen copies in final reports keep theirs). */
  version: 1;
  period: string;
  start: string;
  end: string;
  previousPeriod: string;
  /** null: every mission in this database (HQ consolidation). */
  missionId: string | null;
  /**
   * Period-to-date: the last day counted when the period had not ended on the cut-off asked
   * for (FiguresInput.cutOff); previousCutOff is the same day a year earlier, where the
   * comparison stops. Both null: whole periods are compared.
   */
  cutOff: string | null;
  previousCutOff: string | null;
  /** The day follow-ups are judged due or overdue against. */
  asOf: string;
  computedAt: string;
  key: Record<KeyFigure, Figure>;
  /** Done activities by kind, every kind in the catalogue's order. */
  byKind: (Figure & { kind: ActivityKind })[];
  /** Done activities by month of the start date, every month of the period. */
  byMonth: (Figure & { month: string })[];
  /** Localities supported: done activities naming each, and agreements signed for it. */
  byProvince: { provinceId: string; activities: number; agreements: number; drill: Drill }[];
  /**
   * The 34 provincial units: those with an activity or agreement in either period (most
   * supported this period first) with both periods' counts, and those with none this period.
   */
  coverage: {
    units: number;
    /** Units with an activity or an agreement this period, and in the same period a year earlier. */
    supported: number;
    previousSupported: number;
    rows: { provinceId: string; activities: number; agreements: number; previousActivities: number; previousAgreements: number; drill: Drill }[];
    notSupported: string[];
  };
  agreementsByKind: { kind: AgreementKind; value: number; drill: Drill }[];
  agreementsByStatus: { status: AgreementStatus; value: number; drill: Drill }[];
  topSectors: { sectorId: string; activities: number; agreements: number; drill: Drill }[];
  topPartners: { organisationId: string; name: string; activities: number; agreements: number; drill: Drill }[];
  /**
   * Open follow-ups and agreements to review past due, and due within DUE_SOON_DAYS of asOf:
   * the records "Việc cần làm" lists (followup.due). Lists capped, counts exact.
   */
  followups: { overdue: DueItem[]; overdueCount: number; dueSoon: DueItem[]; dueSoonCount: number };
}
