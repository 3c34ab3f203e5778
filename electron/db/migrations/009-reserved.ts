import type { Migration } from './index';

/**
 * Number 9 belongs to a migration of a parallel branch (authority); this empty step keeps the
 * list contiguous on this branch until they merge, when the real 009 replaces this file.
 */
export const migration009: Migration = {
  version: 9,
  name: '009-reserved',
  up() {},
};
