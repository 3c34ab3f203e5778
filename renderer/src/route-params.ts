/** The schemas that read a page's lasting parameters back from the address (router.ts). */
import { z } from 'zod';
import { ActivityFilter } from '../../shared/domain/activity';
import { parsePeriod } from '../../shared/period';
import type { LASTING } from './router';

const period = z.string().refine((id) => parsePeriod(id) !== null);

export const PARAM_SCHEMAS: { [P in keyof typeof LASTING]: Record<(typeof LASTING)[P][number], z.ZodType> } = {
  activities: { filter: ActivityFilter },
  dashboard: { period },
  exchange: { period },
};
