import { z } from 'zod';
import { ENTITIES } from '../domain/enums';
import type { Entity } from '../domain/enums';
import { channel } from './define';

export interface SearchHit {
  entity: Entity;
  id: string;
  title: string;
  /** The date that places the record in time (start, signed, due), yyyy-MM-dd. */
  date: string | null;
  /** The record's kind, as an enum value the renderer translates. */
  kind: string | null;
}

export const SearchInput = z.object({
  text: z.string().max(200),
  entities: z.array(z.enum(ENTITIES)).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const searchChannels = {
  'search.query': channel(SearchInput).returns<{ hits: SearchHit[]; tookMs: number }>(),
};
