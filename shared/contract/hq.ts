import { z } from 'zod';
import type { ActivityKind, AgreementKind, AgreementStatus, MissionKind } from '../domain/enums';
import type { HqMission } from '../domain/exchange';
import type { ReportDocumentModel } from '../domain/report-document';
import { isoDate } from '../domain/validation';
import { PROVINCE_IDS } from '../reference';
import { isPeriodId } from '../period';
import type { FigureAgreementRow, Figures, KeyFigure } from './figures';
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

/** An agreement signed for a locality, with the code of the mission that reported it. */
export type LocalityAgreementRow = FigureAgreementRow & { missionCode: string };

/** What HQ's consolidated report is written from (frozen with it when it is finalised). */
export interface ConsolidatedReportData {
  figures: ConsolidatedFigures;
  /** Per locality, the codes of the missions whose done activities or agreements of the period name it. */
  provinceMissions: Record<string, string[]>;
  /** The agreements of the period signed for a locality, in signing order. */
  localityAgreements: LocalityAgreementRow[];
}

/** Everything the missions did for one locality in a period (the digest HQ sends to that province). */
export interface LocalityDigest {
  provinceId: string;
  period: string;
  /** Done activities naming the locality, by start date. */
  activities: {
    missionCode: string;
    missionName: string;
    startDate: string;
    kind: ActivityKind;
    title: string;
    businessesSupported: number | null;
    dealValueUsd: number | null;
    outcomes: string;
  }[];
  /** Agreements signed in the period for the locality, by signed date. */
  agreements: {
    missionCode: string;
    missionName: string;
    signedDate: string;
    title: string;
    kind: AgreementKind;
    status: AgreementStatus;
    vnParty: string;
    partner: string | null;
    valueUsd: number | null;
  }[];
}

const PeriodInput = z.object({ period: z.string().refine(isPeriodId, { error: 'invalid_period' }) });

/** Days after a period ends that a mission has to send the batch carrying it before it is late. */
export const REPORT_GRACE_DAYS = 30;

export const hqChannels = {
  /**
   * Every expected mission (the register) and every mission that sent anything: its state for
   * the period (default: the last half-year ended by asOf), last batch, gaps, lag, devices.
   */
  'hq.missions': channel(z.object({ period: z.string().refine(isPeriodId, { error: 'invalid_period' }).optional(), asOf: isoDate.optional() })).returns<
    HqMission[]
  >(),
  /** HQ's consolidated figures of a period: all missions, by mission, by region (same definitions as a mission's). */
  'hq.figures': channel(PeriodInput).returns<ConsolidatedFigures>(),
  /** The consolidated figures as .xlsx (total, by mission, by region, by kind, by locality). */
  'hq.figuresXlsx': channel(PeriodInput, { long: true }).returns<GeneratedFile>(),
  /**
   * HQ's consolidated report of a period as it prints: its latest saved report of the period
   * (Reports page), else a blank draft, written from the consolidated figures.
   */
  'hq.report.model': channel(PeriodInput).returns<ReportDocumentModel>(),
  /** The same as .docx (Nghị định 30 layout; DỰ THẢO until the report is final). */
  'hq.report.document': channel(PeriodInput, { long: true }).returns<GeneratedFile>(),
  /** Everything the missions did for one locality in a period, as .docx or .xlsx, to send to it. */
  'hq.digest.document': channel(
    z.object({
      period: z.string().refine(isPeriodId, { error: 'invalid_period' }),
      provinceId: z.enum(PROVINCE_IDS),
      format: z.enum(['docx', 'xlsx']),
      /** The day the digest is dated (default today). */
      date: isoDate.optional(),
    }),
    { long: true },
  ).returns<GeneratedFile>(),
};
