import { z } from 'zod';
import { DEVICE_MODES, MISSION_KINDS, USER_ROLES } from './enums';
import { choice, countryCode, requiredText } from './validation';

export const MissionInput = z.object({
  code: z
    .string({ error: 'required' })
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9-]{2,16}$/, { error: 'invalid_choice' })),
  nameVi: requiredText(200),
  nameEn: requiredText(200),
  kind: choice(MISSION_KINDS),
  country: countryCode,
  city: requiredText(120),
});
export type MissionInput = z.input<typeof MissionInput>;
export type Mission = z.output<typeof MissionInput>;

export const UserInput = z.object({
  name: requiredText(120),
  role: choice(USER_ROLES),
});
export type User = z.output<typeof UserInput>;

export const SetupInput = z.object({
  mode: choice(DEVICE_MODES).default('mission'),
  mission: MissionInput,
  user: UserInput,
});
export type SetupInput = z.input<typeof SetupInput>;
