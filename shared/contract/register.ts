/** HQ's register of expected missions (docs/cli.md#hq-register): list, add, edit, remove. */
import { z } from 'zod';
import { MissionInput, type Mission } from '../domain/mission';
import { channel } from './define';

/** A register entry with the group its figures are counted in (derived from kind and country). */
export type RegisterEntry = Mission & { region: string };

const Code = z.object({ code: z.string().trim().toUpperCase().min(1).max(16) });

export const registerChannels = {
  /** Every expected mission, by code (seeded from resources/reference/missions.json on first use). */
  'hq.register.list': channel(z.object({})).returns<RegisterEntry[]>(),
  'hq.register.add': channel(MissionInput).returns<RegisterEntry>(),
  /** Replaces the entry of `code`; `values.code` may rename it. */
  'hq.register.edit': channel(Code.extend({ values: MissionInput })).returns<RegisterEntry>(),
  'hq.register.remove': channel(Code).returns<{ code: string }>(),
};
