import type { English } from '../english';
/** listtotal texts: the activity list's total while it is still being counted (activity.count's upTo). Vietnamese first. */
export const vi = {
  activityTotal: {
    atLeast_other: '≥ {{total}} hoạt động, đang đếm…',
  },
};

export const en: English<typeof vi> = {
  activityTotal: {
    atLeast_one: '≥ {{total}} activity, counting…',
    atLeast_other: '≥ {{total}} activities, counting…',
  },
};
