/**
 * The figures of a period (docs/figures.md defines each one): computed once in main by
 * electron/services/figures.ts for the dashboard, the report, the CLI and HQ.
 */
import { z } from 'zod';
import { isPeriodId } from '../period';
import { isoDate, recordId } from '../domain/validation';
import { channel } from './define';

import type { FigureAgreementRow, Figures } from '../domain/figures';

export * from '../domain/figures';

const periodId = z.string().refine(isPeriodId, { error: 'invalid_period' });

export const FiguresInput = z.object({
  period: periodId,
  missionId: recordId.nullable().default(null),
  asOf: isoDate.optional(),
  /**
   * Count only up to this day when the period ends later (the dashboard passes today), against
   * the same days a year earlier; a period ended by then, or not begun, is counted whole.
   */
  cutOff: isoDate.optional(),
});

export const figureChannels = {
  'figures.compute': channel(FiguresInput).returns<Figures>(),
  /** Rows behind an agreement figure (the dashboard lists them). */
  'figures.agreements': channel(z.object({ ids: z.array(recordId).max(5000) })).returns<FigureAgreementRow[]>(),
};

export { periodId };
