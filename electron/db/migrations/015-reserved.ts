import type { Migration } from './index';

/**
 * Version 15 belongs to the exchange-app branch, merged beside this one: this placeholder keeps
 * the list contiguous on the sheet-import branch and is replaced by that migration at merge.
 */
export const migration015: Migration = {
  version: 15,
  name: '015-reserved',
  up() {},
};
