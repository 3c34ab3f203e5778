import { z } from 'zod';
import { ActivityFilter } from '../domain/activity';
import { AgreementFilter } from '../domain/agreement';
import { ContactFilter } from '../domain/contact';
import { FollowupFilter } from '../domain/followup';
import { OrganisationFilter } from '../domain/organisation';
import { channel } from './define';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const common = { format: z.enum(EXPORT_FORMATS), language: z.enum(['vi', 'en']).default('vi') };

/** Any list, with the same filter its page uses. */
export const ExportInput = z.discriminatedUnion('entity', [
  z.object({ entity: z.literal('activity'), filter: ActivityFilter.default({}), ...common }),
  z.object({ entity: z.literal('organisation'), filter: OrganisationFilter.default({}), ...common }),
  z.object({ entity: z.literal('contact'), filter: ContactFilter.default({}), ...common }),
  z.object({ entity: z.literal('agreement'), filter: AgreementFilter.default({}), ...common }),
  z.object({ entity: z.literal('followup'), filter: FollowupFilter.default({ state: 'all' }), ...common }),
]);
export type ExportInput = z.input<typeof ExportInput>;
export type ExportRequest = z.output<typeof ExportInput>;
export type ExportEntity = ExportInput['entity'];

/** The file as bytes (base64): the browser host has no save dialog, so the renderer downloads it. */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  base64: string;
  rowCount: number;
}

export const exportChannels = {
  'export.list': channel(ExportInput, { long: true }).returns<ExportFile>(),
};
