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

/** `cau-noi init` options for an embassy (in France) that exchanges with HQ in the CLI tests. */
export const EMBASSY_INIT = [
  '--code',
  'DSQ-FR',
  '--name-vi',
  'Đại sứ quán Việt Nam tại Pháp',
  '--name-en',
  'Embassy of Viet Nam in France',
  '--kind',
  'embassy',
  '--country',
  'FR',
  '--city',
  'Paris',
] as const;
