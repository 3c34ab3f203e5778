import { MAX_DRAFT_JSON } from '../../shared/contract/drafts';
import { AppError } from '../../shared/errors';
import type { ChannelsOf, HandlerMap } from './types';

export const draftHandlers: HandlerMap<ChannelsOf<'draft.'>> = {
  'draft.get': ({ key }, { app }) => app.drafts.get(key),
  'draft.save': ({ key, value }, { app }) => {
    const json = JSON.stringify(value);
    if (json.length > MAX_DRAFT_JSON) throw new AppError('VALIDATION', 'The draft is too large to keep', { fields: [{ path: 'value', code: 'too_long' }] });
    return app.drafts.save(key, json);
  },
  'draft.discard': ({ key }, { app }) => {
    app.drafts.discard(key);
    return null;
  },
};
