/** `cau-noi init` options that set a computer up as HQ (the Ministry), for unit and e2e tests alike. */
export const MINISTRY_INIT = [
  '--code',
  'BNG',
  '--name-vi',
  'Bộ Ngoại giao',
  '--name-en',
  'Ministry of Foreign Affairs',
  '--kind',
  'other',
  '--country',
  'VN',
  '--city',
  'Hà Nội',
  '--mode',
  'hq',
] as const;
