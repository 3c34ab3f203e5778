import { z } from 'zod';
import type { RecordMeta } from './activity';
import { ENTITIES, type Entity } from './enums';
import { choice, isoDate, listPaging, multilineText, optionalText, recordId, requiredText } from './validation';

/** A follow-up (việc cần làm) with a due date and owner, optionally about one record. */
export const FollowupFields = z
  .object({
    title: requiredText(300),
    dueDate: isoDate,
    owner: optionalText(120),
    entity: choice(ENTITIES).nullable().default(null),
    recordId: recordId.nullable().default(null),
    notes: multilineText(5000),
  })
  .refine((f) => (f.entity === null) === (f.recordId === null), { error: 'required', path: ['recordId'] });
export type FollowupInput = z.input<typeof FollowupFields>;
export type FollowupValues = z.output<typeof FollowupFields> & { doneAt: string | null };

export const FOLLOWUP_FIELD_NAMES = ['title', 'dueDate', 'owner', 'entity', 'recordId', 'doneAt', 'notes'] as const satisfies readonly (keyof FollowupValues)[];

export interface Followup extends FollowupValues, RecordMeta {
  entity: Entity | null;
}

export const FOLLOWUP_STATES = ['open', 'done', 'all'] as const;

export const FollowupFilter = z.object({
  text: z.string().max(200).optional(),
  state: z.enum(FOLLOWUP_STATES).default('open'),
  entity: choice(ENTITIES).optional(),
  recordId: recordId.optional(),
});
export type FollowupFilter = z.input<typeof FollowupFilter>;

export const FollowupListInput = z.object({ filter: FollowupFilter.default({ state: 'open' }), ...listPaging });
export type FollowupListInput = z.output<typeof FollowupListInput>;

/** One line of the "due and overdue" view: a follow-up, or an agreement whose review date came. */
export interface DueItem {
  kind: 'followup' | 'agreement-review';
  id: string;
  title: string;
  dueDate: string;
  overdue: boolean;
  owner: string;
  /** The record it concerns (the agreement itself for a review). */
  entity: Entity | null;
  recordId: string | null;
  recordTitle: string | null;
}
