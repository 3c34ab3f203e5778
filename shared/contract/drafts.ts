import { z } from 'zod';
import { channel } from './define';

/** What a draft is of: "activity:new", "activity:<id>", "report:<id>"... */
export const DraftKey = z.string().regex(/^[a-z-]+:[0-9a-z-]{1,64}$/, { error: 'invalid_id' });

/** A draft is a form's values; 1 MiB of JSON is far more than any form holds. */
export const MAX_DRAFT_JSON = 1024 * 1024;

export const draftChannels = {
  'draft.get': channel(z.object({ key: DraftKey })).returns<{ value: unknown; updatedAt: string } | null>(),
  'draft.save': channel(z.object({ key: DraftKey, value: z.json() })).returns<{ updatedAt: string }>(),
  'draft.discard': channel(z.object({ key: DraftKey })).returns<null>(),
};
